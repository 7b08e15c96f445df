#include "sandbox/journey.hpp"

#include "support/stored_rows.hpp"

#include <gtest/gtest.h>

using namespace jne::core;
using namespace jne::sandbox;

namespace {
const hub jakarta{"CGK", "JAKARTA", -6.20, 106.85};
const hub jayapura{"DJJ", "JAYAPURA", -2.53, 140.72};

shipment parcel(std::string order_id, std::string receiver = "ANA",
                channel how = channel::generatecnote) {
    shipment s = jne::test::example_shipment("8800000000000013", std::move(order_id));
    s.channel = how;
    s.destination_name = "SARMI";
    s.receiver.name = std::move(receiver);
    s.etd_from = 3;
    s.etd_thru = 5;
    return s;
}

// Replays a journey through the state machine: every step must be allowed.
std::string final_status(const shipment& s) {
    std::vector<scan_event> history{{{}, s.airwaybill, "REQ", s.created_at, "JAKARTA", {}, {}}};
    for (const journey_step& step : journey(s, jakarta, jayapura)) {
        auto refusal = refuse_transition(history, step.event);
        EXPECT_FALSE(refusal.has_value())
            << step.event.code << ": "
            << static_cast<int>(refusal.value_or(jne::api::problem::none));
        history.push_back(step.event);
    }
    return derive_state(history).pod_status;
}
}  // namespace

TEST(SandboxJourney, TravelsThroughTheNetworkToDelivery) {
    auto steps = journey(parcel("A1"), jakarta, jayapura);
    std::vector<std::string> codes;
    for (const auto& s : steps) codes.push_back(s.event.code);
    EXPECT_EQ(codes, (std::vector<std::string>{"RC1", "OP1", "OP2", "TP1", "TP4", "IP2", "IP1",
                                               "IP3", "D01"}));
    for (std::size_t i = 1; i < steps.size(); ++i) EXPECT_GT(steps[i].after, steps[i - 1].after);
    EXPECT_GE(steps.back().after, 2 * 24 * 3600);  // the ETD's first day at the earliest
    EXPECT_EQ(final_status(parcel("A1")), "DELIVERED");
}

TEST(SandboxJourney, StartsWithAPickupForPickupOrders) {
    EXPECT_EQ(journey(parcel("A1", "ANA", channel::pickup), jakarta, jayapura).front().event.code,
              "PU1");
}

TEST(SandboxJourney, IsTheSameEveryTimeForAnAirwaybill) {
    auto a = journey(parcel("A1"), jakarta, jayapura);
    auto b = journey(parcel("A1"), jakarta, jayapura);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].after, b[i].after);
        EXPECT_EQ(a[i].event.event_id, b[i].event.event_id);
    }
}

TEST(SandboxJourney, EndsAsTheMerchantsScenarioAsks) {
    EXPECT_EQ(final_status(parcel("FAILONCE-1")), "DELIVERED");
    EXPECT_EQ(final_status(parcel("x", "Fail Once")), "DELIVERED");
    EXPECT_EQ(final_status(parcel("RETURN-1")), "RETURNED");
    EXPECT_EQ(final_status(parcel("x", "RETURN TO SHIPPER")), "RETURNED");
    EXPECT_EQ(final_status(parcel("FAILPICKUP-1")), "PICKUP FAILED");
    EXPECT_EQ(final_status(parcel("HOLD-1")), "ON HOLD");
    auto fail_once = journey(parcel("FAILONCE-1"), jakarta, jayapura);
    EXPECT_TRUE(std::any_of(fail_once.begin(), fail_once.end(),
                            [](const auto& s) { return s.event.code == "U05"; }));
}

// Each scenario in JNE's own codes, with JNE's meanings: nobody at home is U05, a refusal U06, a
// return R01 then D15 (handed back to the shipper), a missed pickup MP, a hold WH5.
TEST(SandboxJourney, SpeaksOnlyJnesCodesInEachScenario) {
    auto codes_of = [](const shipment& s) {
        std::vector<std::string> codes;
        for (const auto& step : journey(s, jakarta, jayapura)) {
            codes.push_back(step.event.code);
            EXPECT_NE(find_status(step.event.code), nullptr) << step.event.code;
        }
        return codes;
    };
    using codes = std::vector<std::string>;
    const codes in_network{"RC1", "OP1", "OP2", "TP1", "TP4", "IP2", "IP1"};
    auto then = [&](codes tail) {
        codes all = in_network;
        all.insert(all.end(), tail.begin(), tail.end());
        return all;
    };
    EXPECT_EQ(codes_of(parcel("FAILONCE-1")), then({"IP3", "U05", "IP3", "D01"}));
    EXPECT_EQ(codes_of(parcel("RETURN-1")), then({"IP3", "U06", "R01", "TP4", "D15"}));
    EXPECT_EQ(codes_of(parcel("HOLD-1")), then({"WH5"}));
    EXPECT_EQ(codes_of(parcel("FAILPICKUP-1")), codes{"MP"});
    // The return's last line is the document's POD line, signed by the shipper.
    const auto returned = journey(parcel("RETURN-1"), jakarta, jayapura).back().event;
    EXPECT_EQ(describe(returned).substr(0, 12), "RETURN [TOKO");
}
