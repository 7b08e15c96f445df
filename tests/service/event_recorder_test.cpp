// The event recorder's checks, without a database: form first (each event alone), then each
// shipment's history with the batch's own events in order; one refusal and nothing is recorded.
#include "service/event_recorder.hpp"

#include "support/stored_rows.hpp"

#include <gtest/gtest.h>

using namespace jne;
using api::event_status;

namespace {

const std::string parcel = "8800000000000013";
const std::string other_parcel = "8800000000000021";

api::event_input input(std::string id, std::string airwaybill, std::string code,
                       std::string time = "2026-12-06T10:00:00+07:00") {
    return {
        std::move(id), std::move(airwaybill), std::move(code), std::move(time), "JAKARTA", "", ""};
}

std::vector<event_status> statuses(const api::event_batch_result& r) {
    std::vector<event_status> out;
    for (const auto& o : r.outcomes) out.push_back(o.status);
    return out;
}

core::scan_event event(std::string id, std::string code, core::unix_seconds at) {
    return test::stored_event(std::move(id), parcel, std::move(code), at);
}

}  // namespace

TEST(EventForm, RefusesEachMalformedEventForItsOwnReasonAndRecordsNoneOfTheBatch) {
    const auto posted = service::check_form(
        {input("e-1", parcel, "PU1"), input("", parcel, "PU1"), input("e-3", parcel, "ZZ9"),
         input("e-4", parcel, "PU1", "yesterday"), input("e-5", "12345", "PU1")});
    EXPECT_FALSE(posted.result.recorded);
    EXPECT_EQ(statuses(posted.result),
              (std::vector{event_status::not_recorded, event_status::refused, event_status::refused,
                           event_status::refused, event_status::refused}));
    const auto& o = posted.result.outcomes;
    EXPECT_EQ(o[1].why, api::problem::event_id_missing);
    EXPECT_EQ(o[2].why, api::problem::unknown_status_code);
    EXPECT_EQ(o[2].detail, "ZZ9");
    EXPECT_EQ(o[3].why, api::problem::bad_event_time);
    EXPECT_EQ(o[4].why, api::problem::no_such_cnote);
    ASSERT_EQ(posted.events.size(), 5u);
    EXPECT_EQ(posted.events[0].code, "PU1");
}

TEST(EventForm, AWellFormedBatchPassesWithItsTimesRead) {
    const auto posted = service::check_form({input("e-1", parcel, "PU1", "06-12-2026 10:00")});
    EXPECT_TRUE(posted.result.recorded);
    EXPECT_EQ(statuses(posted.result), std::vector{event_status::recorded});
    EXPECT_EQ(posted.events.at(0).at, 1'796'526'000);  // 10:00 in WIB is 03:00 UTC
}

TEST(EventHistories, KnowsDuplicatesByIdInTheStoredHistoryAndInTheBatch) {
    const service::stored_histories stored{{parcel, {event("", "REQ", 1'765'000'000)}}};
    const std::vector<core::scan_event> batch{event("e-1", "PU1", 1'765'000'100),
                                              event("e-1", "PU1", 1'765'000'100),
                                              event("e-2", "OP1", 1'765'000'200)};
    const auto r = service::check_histories(batch, stored);
    EXPECT_TRUE(r.recorded);
    EXPECT_EQ(statuses(r), (std::vector{event_status::recorded, event_status::duplicate,
                                        event_status::recorded}));
    const service::stored_histories again{
        {parcel, {event("", "REQ", 1'765'000'000), event("e-1", "PU1", 1'765'000'100)}}};
    EXPECT_EQ(statuses(service::check_histories({batch.begin(), 1}, again)),
              std::vector{event_status::duplicate});
}

TEST(EventHistories, OneRefusalLeavesTheWholeBatchUnrecorded) {
    const service::stored_histories stored{
        {parcel, {event("", "REQ", 1'765'000'000), event("d", "D01", 1'765'000'100)}}};
    // After a delivery a parcel is not picked up again; the other parcel has no shipment.
    const std::vector<core::scan_event> batch{
        event("e-1", "PU1", 1'765'000'200),
        test::stored_event("e-2", other_parcel, "PU1", 1'765'000'200)};
    const auto r = service::check_histories(batch, stored);
    EXPECT_FALSE(r.recorded);
    EXPECT_EQ(statuses(r), (std::vector{event_status::refused, event_status::refused}));
    EXPECT_EQ(r.outcomes[0].detail, "PU1");
    EXPECT_NE(r.outcomes[0].why, api::problem::none);
    EXPECT_EQ(r.outcomes[1].why, api::problem::no_such_cnote);
}
