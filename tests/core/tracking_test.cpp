#include "core/tracking.hpp"
#include "csv/csv.hpp"

#include <gtest/gtest.h>

#include <fstream>
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
        {"ordered", history_of({"REQ"})},
        {"pickup_failed", history_of({"REQ", "MP"})},
        {"in_network", history_of({"REQ", "PU1", "OP1"})},
        {"with_courier", history_of({"REQ", "OP1", "IP3"})},
        {"delivery_failed", history_of({"REQ", "OP1", "IP3", "U05"})},
        {"held", history_of({"REQ", "OP1", "IP1", "WH5"})},
        {"returning", history_of({"REQ", "OP1", "IP3", "U06", "R01"})},
        {"delivered", history_of({"REQ", "OP1", "IP3", "D01"})},
        {"returned", history_of({"REQ", "OP1", "U06", "R01", "D15"})},
        {"cancelled", history_of({"REQ", "CR2"})},
    };
    return all;
}

// A matrix row without its spaces: "1" or "." per column.
std::string squeeze(std::string_view row) {
    std::string out;
    for (char c : row)
        if (c != ' ') out.push_back(c);
    return out;
}

}  // namespace

// Every stage against every kind of next event, one minute after the last: allowed (1) or refused
// (.), one row a stage.
TEST(StateMachine, AllowsAndRefusesEveryTransitionAsSpecified) {
    const std::vector<std::string> next{"REQ", "MP",  "PU1", "OP1", "IP3", "U05",
                                        "WH5", "R01", "D01", "D15", "CR2"};
    // clang-format off
    const std::map<std::string, std::string> expected{
        //                        REQ MP PU1 OP1 IP3 U05 WH5 R01 D01 D15 CR2
        {"ordered",         squeeze(" .  1  1   1   1   1   1   1   1   .   1 ")},
        {"pickup_failed",   squeeze(" .  1  1   1   1   1   1   1   1   .   1 ")},
        {"in_network",      squeeze(" .  .  1   1   1   1   1   1   1   .   . ")},
        {"with_courier",    squeeze(" .  .  1   1   1   1   1   1   1   .   . ")},
        {"delivery_failed", squeeze(" .  .  1   1   1   1   1   1   1   .   . ")},
        {"held",            squeeze(" .  .  1   1   1   1   1   1   1   .   . ")},
        {"returning",       squeeze(" .  .  1   1   1   1   1   1   .   1   . ")},
        {"delivered",       squeeze(" .  .  .   .   .   .   .   .   .   .   . ")},
        {"returned",        squeeze(" .  .  .   .   .   .   .   .   .   .   . ")},
        {"cancelled",       squeeze(" .  .  .   .   .   .   .   .   .   .   . ")},
    };
    // clang-format on
    for (const auto& [stage_name, history] : stages()) {
        const std::string& row = expected.at(stage_name);
        ASSERT_EQ(row.size(), next.size()) << stage_name;
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
    std::vector<scan_event> events{at("D01", 3000, "A YANI"), at("REQ", 1000), at("IP3", 2000)};
    auto state = derive_state(events);
    EXPECT_EQ(events.front().code, "REQ");  // ordered by time
    EXPECT_EQ(state.pod_status, "DELIVERED");
    ASSERT_NE(state.delivery, nullptr);
    EXPECT_EQ(state.delivery->receiver, "A YANI");
    EXPECT_EQ(state.last_status, "DELIVERED TO [A YANI | 01-01-1970 07:50 | JAKARTA ]");
}

TEST(TrackingState, KeepsTheOutcomeWhenALateScanArrives) {
    std::vector<scan_event> events{at("REQ", 1000), at("D01", 3000, "ANA"), at("OP2", 2000)};
    EXPECT_EQ(derive_state(events).pod_status, "DELIVERED");
    std::vector<scan_event> fresh{at("REQ", 1000)};
    EXPECT_EQ(derive_state(fresh).pod_status, "MANIFESTED");
    std::vector<scan_event> failing{at("REQ", 1000), at("IP3", 2000), at("U05", 3000)};
    EXPECT_EQ(derive_state(failing).pod_status, "UNDELIVERED");
}

// JNE's table (data/jne/status-codes.csv, as a production merchant application keeps it) and
// the server's are the same codes, each with JNE's description and group: a code of our own, or
// one of JNE's missing, fails here.
TEST(StatusCodes, AreJnesOwnWithJnesDescriptionsAndGroups) {
    std::ifstream file(JNE_STATUS_CODES_CSV);
    ASSERT_TRUE(file) << JNE_STATUS_CODES_CSV;
    const std::map<std::string, merchant_group> groups{
        {"in_process", merchant_group::in_process},
        {"delivered", merchant_group::delivered},
        {"cancelled", merchant_group::cancelled},
        {"returned", merchant_group::returned},
        {"problem", merchant_group::problem},
        {"returned|problem", merchant_group::returned_problem}};
    std::set<std::string> jnes;
    const std::string complaint = jne::csv::read(file, [&](std::vector<std::string>& f,
                                                           std::int64_t line) {
        if (line == 1) return;
        ASSERT_EQ(f.size(), 3u) << "line " << line;
        jnes.insert(f[0]);
        const status_code* ours = find_status(f[0]);
        ASSERT_NE(ours, nullptr) << "JNE's " << f[0] << " (" << f[1] << ") is not the server's";
        EXPECT_EQ(ours->group, groups.at(f[2])) << f[0];
        const std::string text(ours->text);
        if (ours->group != merchant_group::delivered && f[0] != "OPX") {  // OPX: "[CITY)" in JNE's
            EXPECT_EQ(text.substr(0, f[1].size() + 2), f[1] + " [") << f[0];
        }
    });
    EXPECT_EQ(complaint, "");
    EXPECT_EQ(jnes.size(), 145u);
    for (const status_code& c : status_codes())
        EXPECT_TRUE(jnes.contains(std::string(c.code))) << c.code << " is not one of JNE's codes";
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
    EXPECT_EQ(pushed({"REQ", "RC1", "OP1", "OP2", "TP1", "TP4", "IP2", "IP1", "IP3", "D01"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "DELIVERED"}));
    EXPECT_EQ(pushed({"REQ", "PU1", "OP1", "IP3", "D09"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "DELIVERED"}));
}

TEST(StatusV2, PushesEveryProblemAndTheWayBack) {
    EXPECT_EQ(pushed({"REQ", "MP", "MP", "PU1"}),
              (statuses{"FAILED PICKUP", "FAILED PICKUP", "SUCCESS PICKUP"}));
    EXPECT_EQ(pushed({"REQ", "RC1", "OP1", "IP3", "U05", "IP3", "U03", "IP3", "D01"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM", "SHIPPED",
                        "SHIPMENT PROBLEM", "SHIPPED", "DELIVERED"}));
    EXPECT_EQ(pushed({"REQ", "RC1", "OP1", "IP3", "U06", "R01", "TP4", "OP1", "D15"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM", "RETURN TO SHIPPER",
                        "RETURN TO SHIPPER"}));
    EXPECT_EQ(pushed({"REQ", "RC1", "IP1", "WH5"}),
              (statuses{"SUCCESS PICKUP", "SHIPPED", "SHIPMENT PROBLEM"}));
}

TEST(StatusV2, NeverPushesOrdersCancellationsOrLateHistory) {
    EXPECT_EQ(pushed({"REQ", "CR2"}), statuses{});
    std::vector<scan_event> history{at("REQ", 1000), at("OP1", 5000)};
    EXPECT_FALSE(status_v2_change(history, at("PU1", 2000)));  // older than the latest scan
    EXPECT_EQ(status_v2_change(history, at("IP3", 6000)), std::nullopt);  // still SHIPPED
    EXPECT_EQ(status_v2_change(history, at("D01", 7000, "ANA")), "DELIVERED");
}

// The webhook's push says who received a parcel when its code is a delivery: that is, when its
// Status V2 status is DELIVERED.
TEST(StatusV2, DeliveredIsExactlyTheDeliveryStage) {
    for (const status_code& c : status_codes())
        EXPECT_EQ(c.status_v2 == "DELIVERED", c.stage == stage::delivered) << c.code;
}

TEST(StatusV2, MapsEveryCodeOfTheTableToOneOfTheSixOrNone) {
    const std::set<std::string_view> six{"SUCCESS PICKUP", "FAILED PICKUP",    "SHIPPED",
                                         "DELIVERED",      "SHIPMENT PROBLEM", "RETURN TO SHIPPER"};
    for (const status_code& c : status_codes())
        EXPECT_TRUE(c.status_v2.empty() || six.contains(c.status_v2)) << c.code;
    EXPECT_EQ(find_status("REQ")->status_v2, "");
    EXPECT_EQ(find_status("D09")->status_v2, "DELIVERED");
    EXPECT_EQ(format_wib_seconds(0), "1970-01-01 07:00:00");
}
