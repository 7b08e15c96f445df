// Tracking answers are kept per tracking generation; the generation a server holds only moves
// forward, whichever of two refreshes (a writer's, the refresher's) stores last.
#include "service/tracking_service.hpp"

#include "service/write_queue.hpp"
#include "support/stored_rows.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using namespace jne;

namespace {

// One shipment, its events and the generation as the test sets them.
class scripted_store final : public store::shipment_store {
public:
    std::int64_t generation = 1;
    std::vector<core::scan_event> events_now;

    std::unique_ptr<store::write_batch> begin_writes() override {
        throw store::storage_error("no writes here");
    }
    std::optional<core::shipment> find_shipment(std::string_view) override { return shipment(); }
    std::vector<core::scan_event> events(std::string_view) override { return events_now; }
    std::optional<tracked> find_tracked(std::string_view airwaybill) override {
        if (airwaybill != shipment().airwaybill) return std::nullopt;
        return tracked{shipment(), events_now};
    }
    std::optional<std::string> airwaybill_for_reference(std::string_view,
                                                        std::string_view) override {
        return std::nullopt;
    }
    std::int64_t tracking_generation() override { return generation; }

    static core::shipment shipment() { return test::stored_shipment("8800000000000013", "A-1"); }
};

}  // namespace

TEST(TrackingService, AGenerationReadEarlierButStoredLaterDoesNotReviveAnOlderAnswer) {
    scripted_store store;
    service::write_queue writes(store);
    service::tracking_service tracking(store, writes);
    const core::account shop{"shop", "", core::role::merchant, {}, {}, false, {}};
    const std::string airwaybill = scripted_store::shipment().airwaybill;

    store.events_now = {test::stored_event("", airwaybill, "MF1", 1700000000)};
    tracking.refresh();
    auto first = tracking.track(shop, airwaybill);  // kept under generation 1
    ASSERT_TRUE(first.has_value());
    ASSERT_EQ((*first)->history.size(), 1u);

    store.events_now.push_back(test::stored_event("", airwaybill, "PU1", 1700000100));
    store.generation = 3;
    tracking.refresh();
    store.generation = 1;  // a refresh that read before the commit, storing after it
    tracking.refresh();

    auto now = tracking.track(shop, airwaybill);
    ASSERT_TRUE(now.has_value());
    EXPECT_EQ((*now)->history.size(), 2u) << "the answer kept under generation 1 came back";
}
