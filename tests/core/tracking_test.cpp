#include "core/tracking.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace jne::core;

namespace {

scan_event at(std::string code, unix_seconds t, std::string receiver = {}) {
    return {{}, "8800000000000013", std::move(code), t, "JAKARTA", std::move(receiver), {}};
}

std::vector<scan_event> history_of(std::initializer_list<const char*> codes) {
    std::vector<scan_event> h;
    unix_seconds t = 1000;
    for (const char* c : codes) h.push_back(at(c, t += 60, "ANA"));
    return h;
}

// Where a shipment stands, as the history that got it there.
const std::map<std::string, std::vector<scan_event>>& stages() {
    static const std::map<std::string, std::vector<scan_event>> all{
        {"ordered", history_of({"MF1"})},
        {"pickup_failed", history_of({"PU9", "PUF"})},
        {"in_network", history_of({"MF1", "PU1", "OP1"})},
        {"with_courier", history_of({"MF1", "OP1", "IP3"})},
        {"delivery_failed", history_of({"MF1", "OP1", "IP3", "U02"})},
        {"held", history_of({"MF1", "OP1", "IP1", "U05"})},
        {"returning", history_of({"MF1", "OP1", "IP3", "U04", "R01"})},
        {"delivered", history_of({"MF1", "OP1", "IP3", "D01"})},
        {"returned", history_of({"MF1", "OP1", "U04", "R01", "R09"})},
        {"cancelled", history_of({"MF1", "CX1"})},
    };
    return all;
}

}  // namespace

// Every stage against every kind of next event, one minute after the last: allowed (1) or refused
// (0).
TEST(StateMachine, AllowsAndRefusesEveryTransitionAsSpecified) {
    const std::vector<std::string> next{"MF1", "PUF", "PU1", "OP1", "IP3", "U02",
                                        "U05", "R01", "D01", "R09", "CX1"};
    const std::map<std::string, std::string> expected{
        //                 MF1 PUF PU1 OP1 IP3 U02 U05 R01 D01 R09 CX1
        {"ordered",
         "0"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "0"
         "1"},
        {"pickup_failed",
         "0"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "0"
         "1"},
        {"in_network",
         "0"
         "0"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "0"
         "0"},
        {"with_courier",
         "0"
         "0"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "0"
         "0"},
        {"delivery_failed",
         "0"
         "0"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "0"
         "0"},
        {"held",
         "0"
         "0"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "0"
         "0"},
        {"returning",
         "0"
         "0"
         "1"
         "1"
         "1"
         "1"
         "1"
         "1"
         "0"
         "1"
         "0"},
        {"delivered",
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"},
        {"returned",
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"},
        {"cancelled",
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"
         "0"},
    };
    for (const auto& [stage_name, history] : stages()) {
        const std::string& row = expected.at(stage_name);
        for (std::size_t i = 0; i < next.size(); ++i) {
            auto refusal = refuse_transition(history, at(next[i], history.back().at + 60, "ANA"));
            EXPECT_EQ(!refusal.has_value(), row[i] == '1')
                << stage_name << " then " << next[i] << ": "
                << static_cast<int>(refusal.value_or(jne::api::problem::none));
        }
    }
}

TEST(StateMachine, AcceptsALateScanOlderThanTheDelivery) {
    const auto& delivered = stages().at("delivered");
    EXPECT_FALSE(refuse_transition(delivered, at("OP2", delivered.front().at + 10)).has_value());
    EXPECT_TRUE(
        refuse_transition(delivered, at("D01", delivered.front().at + 10, "X")).has_value());
}

TEST(StateMachine, RefusesUnknownCodesAndDeliveriesWithoutReceiver) {
    EXPECT_TRUE(refuse_transition(stages().at("ordered"), at("ZZ9", 5000)).has_value());
    EXPECT_TRUE(refuse_transition(stages().at("with_courier"), at("D01", 5000)).has_value());
}

TEST(TrackingState, DerivesStatusAndPodFromEventsInTimeOrder) {
    std::vector<scan_event> events{at("D01", 3000, "A YANI"), at("MF1", 1000), at("IP3", 2000)};
    auto state = derive_state(events);
    EXPECT_EQ(events.front().code, "MF1");  // ordered by time
    EXPECT_EQ(state.pod_status, "DELIVERED");
    ASSERT_NE(state.delivery, nullptr);
    EXPECT_EQ(state.delivery->receiver, "A YANI");
    EXPECT_EQ(state.last_status, "DELIVERED TO [A YANI | 01-01-1970 07:50 | JAKARTA ]");
}

TEST(TrackingState, KeepsTheOutcomeWhenALateScanArrives) {
    std::vector<scan_event> events{at("MF1", 1000), at("D01", 3000, "ANA"), at("OP2", 2000)};
    EXPECT_EQ(derive_state(events).pod_status, "DELIVERED");
    std::vector<scan_event> fresh{at("MF1", 1000)};
    EXPECT_EQ(derive_state(fresh).pod_status, "MANIFESTED");
    std::vector<scan_event> failing{at("MF1", 1000), at("IP3", 2000), at("U02", 3000)};
    EXPECT_EQ(derive_state(failing).pod_status, "UNDELIVERED");
}

TEST(StatusCodes, HaveATemplateAndAStatusEach) {
    for (const status_code& c : status_codes()) {
        EXPECT_FALSE(c.text.empty()) << c.code;
        EXPECT_FALSE(c.pod_status.empty()) << c.code;
        EXPECT_EQ(find_status(c.code), &c);
    }
    EXPECT_EQ(describe(scan_event{{}, {}, "TP4", 0, "GATEWAY , JAKARTA", {}, {}}),
              "DEPARTED FROM TRANSIT [GATEWAY , JAKARTA]");
}

TEST(Times, ReadIsoAndJneFormatsAndWriteWib) {
    EXPECT_EQ(parse_time("2022-01-09T01:26:16.000+07:00"),
              parse_time("09-01-2022 01:26").value() + 16);
    EXPECT_EQ(parse_time("2022-01-08T18:26:16Z"), parse_time("2022-01-09T01:26:16+07:00"));
    EXPECT_EQ(parse_time("2022-01-09 01:26:16"), parse_time("2022-01-09T01:26:16+07:00"));
    EXPECT_FALSE(parse_time("yesterday").has_value());
    EXPECT_FALSE(parse_time("2022-13-09T01:26:16Z").has_value());
    // Calendar dates only: no 31 February read as 3 March.
    EXPECT_FALSE(parse_time("31-02-2026 10:00").has_value());
    EXPECT_FALSE(parse_time("2026-04-31T10:00:00Z").has_value());
    EXPECT_FALSE(parse_time("29-02-2026 10:00").has_value());
    EXPECT_TRUE(parse_time("29-02-2028 10:00").has_value());
    EXPECT_FALSE(parse_time("29-02-2100 10:00").has_value());
    EXPECT_TRUE(parse_time("29-02-2000 10:00").has_value());
    EXPECT_TRUE(parse_time("31-12-2026 23:59").has_value());
    EXPECT_EQ(format_wib_iso(*parse_time("2022-01-09T01:26:16+07:00")),
              "2022-01-09T01:26:16.000+07:00");
    EXPECT_EQ(format_wib_short(*parse_time("2022-01-11T10:32:00+07:00")), "11-01-2022 10:32");
}

TEST(Weights, AreWrittenAsJneWritesThem) {
    EXPECT_EQ(format_kilograms(grams{1000}), "1");
    EXPECT_EQ(format_kilograms(grams{1500}), "1.5");
    EXPECT_EQ(format_kilograms(grams{250}), "0.25");
}

TEST(StatusTable, WordsTransitForwardingAsJnesServerDoes) {
    const scan_event forwarded{{}, "8800000000017", "OP3", 0, "BANDUNG", {}, {}};
    EXPECT_EQ(describe(forwarded),
              "SHIPMENT FORWARDED FROM TRANSIT CITY TO DESTINATION CITY [BANDUNG]");
}

namespace {

// The statuses a merchant's webhook hears as a journey's codes are recorded one by one.
std::vector<std::string> pushed(std::initializer_list<const char*> codes) {
    std::vector<scan_event> history;
    std::vector<std::string> out;
    unix_seconds t = 1000;
    for (const char* c : codes) {
        scan_event e = at(c, t += 60, "ANA");
        if (auto s = status_v2_change(history, e)) out.emplace_back(*s);
        history.push_back(e);
    }
    return out;
}

using statuses = std::vector<std::string>;

}  // namespace

TEST(StatusV2, PushesEachChangeOfStatusOnce) {
    EXPECT_EQ(pushed({"MF1", "RC1", "OP1", "OP2", "TP1", "TP4", "IP2", "IP1", "IP3", "D01"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "DELIVERED"}));
    EXPECT_EQ(pushed({"PU9", "PU1", "OP1", "IP3", "D09"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "DELIVERED"}));
}

TEST(StatusV2, PushesEveryProblemAndTheWayBack) {
    EXPECT_EQ(pushed({"PU9", "PUF", "PUF", "PU1"}),
              (statuses{"FAILED PICKUP", "FAILED PICKUP", "SUCCESS PICKUP"}));
    EXPECT_EQ(pushed({"MF1", "RC1", "OP1", "IP3", "U02", "IP3", "U03", "IP3", "D01"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM", "SHIPPED",
                        "SHIPMENT PROBLEM", "SHIPPED", "DELIVERED"}));
    EXPECT_EQ(pushed({"MF1", "RC1", "OP1", "IP3", "U04", "R01", "TP4", "OP1", "R09"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM", "RETURN TO SHIPPER",
                        "RETURN TO SHIPPER"}));
    EXPECT_EQ(pushed({"MF1", "RC1", "IP1", "U05"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM"}));
}

TEST(StatusV2, NeverPushesOrdersCancellationsOrLateHistory) {
    EXPECT_EQ(pushed({"MF1", "CX1"}), statuses{});
    std::vector<scan_event> history{at("MF1", 1000), at("OP1", 5000)};
    EXPECT_FALSE(status_v2_change(history, at("PU1", 2000)));  // older than the latest scan
    EXPECT_EQ(status_v2_change(history, at("IP3", 6000)), std::nullopt);  // still SHIPPED
    EXPECT_EQ(status_v2_change(history, at("D01", 7000, "ANA")), "DELIVERED");
}

TEST(StatusV2, MapsEveryCodeOfTheTableToOneOfTheSixOrNone) {
    const std::set<std::string_view> six{"SUCCESS PICKUP", "FAILED PICKUP",    "SHIPPED",
                                         "DELIVERED",      "SHIPMENT PROBLEM", "RETURN TO SHIPPER"};
    for (const status_code& c : status_codes())
        EXPECT_TRUE(c.status_v2.empty() || six.contains(c.status_v2)) << c.code;
    EXPECT_EQ(find_status("MF1")->status_v2, "");
    EXPECT_EQ(find_status("D09")->status_v2, "DELIVERED");
    EXPECT_EQ(format_wib_seconds(0), "1970-01-01 07:00:00");
}
