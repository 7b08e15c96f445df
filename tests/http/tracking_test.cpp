// Tracking over HTTP: the document's example, scan events from the network, the moving sandbox.
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/server_process.hpp"
#include "support/shared_server.hpp"

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <thread>

using namespace jne;

namespace {

struct Tracking : test::shared_server<Tracking> {
    static inline std::string operator_key;
    static std::vector<std::string> server_arguments() {
        return {"--sandbox-speed", "0.001"};
    }  // stays still
    static void SetUpTestSuite() {
        shared_server::SetUpTestSuite();
        operator_key = test::add_account(*server, {"NETWORK", "--role", "operator"});
    }
    client::client api{{server->base_url(), "TESTAPI", test::sandbox_key}};
    client::client network{{server->base_url(), "NETWORK", operator_key}};

    std::string ship(const std::string& order) {
        auto created = api.generatecnote(test::example_generatecnote(order));
        EXPECT_TRUE(created.has_value());
        return created ? created->airwaybill : std::string();
    }
};

}  // namespace

TEST_F(Tracking, RefusesAMistypedNumberAndUnknownOnes) {
    EXPECT_EQ(api.track("5403212200022725").error().failure.code, api::error::cnote_not_found);
    EXPECT_EQ(api.track("8800000000000000").error().failure.code, api::error::cnote_not_found);
    EXPECT_EQ(api.track("abc").error().failure.code, api::error::cnote_not_found);
}

TEST_F(Tracking, FollowsScanEventsPostedByTheNetwork) {
    const std::string awb = ship("T1");
    auto posted = network.post_events({
        {"t1-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA, KALIBATA", {}, {}},
        {"t1-3", awb, "IP3", "2030-01-02T08:00:00+07:00", "BANDUNG", {}, {}},
        {"t1-2", awb, "OP1", "2030-01-01T12:00:00+07:00", "JAKARTA", {}, {}},  // out of order
    });
    ASSERT_TRUE(posted.has_value()) << posted.error().message;
    EXPECT_TRUE(posted->recorded);
    auto t = api.track(awb);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->cnote.pod_status, "ON PROCESS");
    ASSERT_EQ(t->history.size(), 4u);
    EXPECT_EQ(t->history[2].code, "OP1");
    EXPECT_EQ(t->history[3].desc, "WITH DELIVERY COURIER [BANDUNG]");
    EXPECT_EQ(t->cnote.last_status, "WITH DELIVERY COURIER [BANDUNG]");

    auto delivered = network.post_events(
        {{"t1-4", awb, "D09", "02-01-2030 10:32", "BANDUNG", "IBU ANA", "IBU"}});
    ASSERT_TRUE(delivered.has_value() && delivered->recorded);
    t = api.track(awb);
    EXPECT_EQ(t->cnote.pod_status, "DELIVERED");
    EXPECT_EQ(t->cnote.pod_code, "D09");
    EXPECT_EQ(t->cnote.keterangan, "KELUARGA/SAUDARA");
    EXPECT_EQ(t->cnote.cnote_pod_receiver, "IBU ANA");
    EXPECT_EQ(t->cnote.received_at, api::parse_time("2030-01-02T10:32:00.000+07:00"));
}

// A scan event forgets its own parcel's kept answer, not every parcel's: a courier's network
// records events all day, and each used to drop every answer the server kept.
TEST_F(Tracking, AnEventForOneParcelKeepsTheOtherParcelsAnswers) {
    const std::string a = ship("T-KEEP-A"), b = ship("T-KEEP-B");
    for (int ask = 0; ask < 2; ++ask)  // kept from its second ask
        for (const std::string& awb : {a, b}) ASSERT_TRUE(api.track(awb).has_value());
    // Changed behind the server's back (no event, nothing it is told of): an answer read
    // again shows it, the kept one does not.
    {
        SQLite::Database db(server->database_url().substr(7), SQLite::OPEN_READWRITE);
        SQLite::Statement rename(db,
                                 "UPDATE shipments SET receiver_name = 'READ AGAIN' "
                                 "WHERE airwaybill = ?1");
        rename.bind(1, b);
        ASSERT_EQ(rename.exec(), 1);
    }
    ASSERT_TRUE(
        network.post_events({{"keep-1", a, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}})
            .value()
            .recorded);
    auto other = api.track(b);
    ASSERT_TRUE(other.has_value());
    EXPECT_NE(other->cnote.cnote_receiver_name, "READ AGAIN")
        << "the other parcel's kept answer was dropped";
    auto moved = api.track(a);
    ASSERT_TRUE(moved.has_value());
    EXPECT_EQ(moved->history.size(), 2u);  // read again, with its event
}

TEST_F(Tracking, EventsAreIdempotentAndBatchesAllOrNothing) {
    const std::string awb = ship("T2");
    ASSERT_TRUE(
        network.post_events({{"t2-1", awb, "OP1", "2030-01-01T12:00:00+07:00", "JAKARTA", {}, {}}})
            .value()
            .recorded);
    auto replay =
        network.post_events({{"t2-1", awb, "OP1", "2030-01-01T12:00:00+07:00", "JAKARTA", {}, {}}});
    ASSERT_TRUE(replay.has_value());
    EXPECT_EQ(replay->outcomes.at(0).status, api::event_status::duplicate);
    auto mixed = network.post_events({
        {"t2-2", awb, "D01", "2030-01-02T10:00:00+07:00", "BANDUNG", "ANA", {}},
        {"t2-3", awb, "IP3", "2030-01-03T10:00:00+07:00", "BANDUNG", {}, {}},  // after delivery:
                                                                               // refused
    });
    ASSERT_TRUE(mixed.has_value());
    EXPECT_FALSE(mixed->recorded);
    EXPECT_EQ(mixed->outcomes.at(0).status, api::event_status::not_recorded);
    EXPECT_EQ(mixed->outcomes.at(1).status, api::event_status::refused);
    EXPECT_FALSE(mixed->outcomes.at(1).reason.empty());
    EXPECT_EQ(api.track(awb).value().history.size(), 2u);  // nothing of the refused batch
}

TEST_F(Tracking, OnlyOperatorsPostEventsAndTrackEveryShipment) {
    const std::string awb = ship("T3");
    auto refused =
        api.post_events({{"t3-1", awb, "OP1", "2030-01-01T12:00:00+07:00", "JAKARTA", {}, {}}});
    ASSERT_FALSE(refused.has_value());
    EXPECT_TRUE(network.track(awb).has_value());
    EXPECT_TRUE(network.track("5403212200022724").has_value());
}

TEST_F(Tracking, NoScanReachesACancelledShipment) {
    const std::string awb = ship("T4");
    ASSERT_TRUE(api.cancel(awb, "ALI", "no longer needed").has_value());
    auto r =
        network.post_events({{"t4-1", awb, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}});
    ASSERT_TRUE(r.has_value());
    EXPECT_FALSE(r->recorded);
    EXPECT_EQ(api.track(awb).value().cnote.pod_status, "CANCELLED");
}

TEST_F(Tracking, EventsAddCommandRecordsLikeTheNetwork) {
    const std::string awb = ship("T5");
    for (int ask = 0; ask < 2; ++ask) ASSERT_TRUE(api.track(awb).has_value());  // kept
    auto r = test::run_command({JNE_SERVER_BINARY, "--db", server->database_url(), "events", "add",
                                "--awb", awb, "--code", "OP1", "--place", "JAKARTA", "--time",
                                "01-01-2030 12:00"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    // Another process wrote it: the kept answer is dropped by the server's next poll. Counted from
    // when the command has committed: a poll while it ran may have read before its commit.
    test::polled_twice_since(*server, test::refreshes(*server));
    EXPECT_EQ(api.track(awb).value().history.back().code, "OP1");
    auto refused = test::run_command({JNE_SERVER_BINARY, "--db", server->database_url(), "events",
                                      "add", "--awb", awb, "--code", "REQ", "--place", "JAKARTA"});
    EXPECT_EQ(refused.exit_code, 1);
}

// An answer made from the shipment is stored in the database and sent from there, by any process,
// until the shipment's next event: shown by an answer changed in the database behind the
// server's back, which is sent as changed, and is no longer once another process adds an event.
TEST_F(Tracking, AStoredAnswerIsSentUntilTheShipmentsNextEvent) {
    const std::string awb = ship("T-STORED");
    ASSERT_TRUE(api.track(awb).has_value());  // made, and queued to be stored
    SQLite::Database db(server->database_url().substr(7), SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    auto stored_events = [&]() -> std::int64_t {
        SQLite::Statement q(db, "SELECT events FROM tracking_answers WHERE airwaybill = ?");
        q.bind(1, awb);
        return q.executeStep() ? q.getColumn(0).getInt64() : 0;
    };
    for (int tries = 0; tries < 100 && stored_events() != 1; ++tries)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_EQ(stored_events(), 1) << "made from one event, stored within two seconds";
    const std::string metrics = test::http_get(*server, "/metrics").second;
    EXPECT_GE(test::metric(metrics, R"(jne_tracking_answers_total{outcome="stored"})").value_or(0),
              1)
        << metrics;
    SQLite::Statement change(db,
                             R"(UPDATE tracking_answers SET body = replace(body, '"history":[', )"
                             R"('"history":[{"date":"01-01-2030 00:00","desc":"AS STORED",)"
                             R"("code":"REQ"},') WHERE airwaybill = ?)");
    change.bind(1, awb);
    ASSERT_EQ(change.exec(), 1);
    auto sent = api.track(awb);  // not kept in memory from its first ask: read from the database
    ASSERT_TRUE(sent.has_value());
    ASSERT_EQ(sent->history.size(), 2u);
    EXPECT_EQ(sent->history.front().desc, "AS STORED");

    auto added = test::run_command({JNE_SERVER_BINARY, "--db", server->database_url(), "events",
                                    "add", "--awb", awb, "--code", "OP1", "--place", "JAKARTA",
                                    "--time", "01-01-2030 12:00"});
    ASSERT_EQ(added.exit_code, 0) << added.out << added.err;
    test::polled_twice_since(*server, test::refreshes(*server));
    sent = api.track(awb);  // the stored answer has one event fewer than the shipment: made again
    ASSERT_TRUE(sent.has_value());
    ASSERT_EQ(sent->history.size(), 2u);
    EXPECT_EQ(sent->history.front().code, "REQ");
    EXPECT_NE(sent->history.front().desc, "AS STORED");
    EXPECT_EQ(sent->history.back().code, "OP1");
    for (int tries = 0; tries < 100 && stored_events() != 2; ++tries)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(stored_events(), 2) << "stored again, made from both events";
}

// The sandbox at a high speed-up: shipments reach the end their scenario asks for.
TEST(MovingSandbox, ShipmentsReachTheirEndsBySpeedingUpTime) {
    test::server_process sandbox({"--sandbox-speed", "200000"});
    client::client api({sandbox.base_url(), "TESTAPI", test::sandbox_key});
    const std::vector<std::pair<std::string, std::string>> cases{{"S-1", "DELIVERED"},
                                                                 {"FAILONCE-1", "DELIVERED"},
                                                                 {"RETURN-1", "RETURNED"},
                                                                 {"FAILPICKUP-1", "PICKUP FAILED"},
                                                                 {"HOLD-1", "ON HOLD"}};
    std::vector<std::string> airwaybills;
    for (const auto& [order, _] : cases) {
        auto request = test::example_generatecnote(order);
        request.destination = "DJJ21506";  // across the country
        auto created = api.generatecnote(request);
        ASSERT_TRUE(created.has_value()) << created.error().message;
        airwaybills.push_back(created->airwaybill);
    }
    for (std::size_t i = 0; i < cases.size(); ++i) {
        std::string status;
        for (int tries = 0; tries < 100 && status != cases[i].second; ++tries) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            auto t = api.track(airwaybills[i]);
            ASSERT_TRUE(t.has_value());
            status = t->cnote.pod_status;
        }
        EXPECT_EQ(status, cases[i].second) << cases[i].first;
    }
    // Each scenario in JNE's own codes, as tracking shows them (every code one of JNE's 145).
    using codes = std::vector<std::string>;
    const codes network{"REQ", "RC1", "OP1", "OP2", "TP1", "TP4", "IP2", "IP1"};
    auto then = [&](codes tail) {
        codes all = network;
        all.insert(all.end(), tail.begin(), tail.end());
        return all;
    };
    const std::vector<codes> expected{then({"IP3", "D01"}), then({"IP3", "U05", "IP3", "D01"}),
                                      then({"IP3", "U06", "R01", "TP4", "D15"}), codes{"REQ", "MP"},
                                      then({"WH5"})};
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto tracked = api.track(airwaybills[i]);
        ASSERT_TRUE(tracked.has_value());
        codes seen;
        for (const api::history_line& h : tracked->history) seen.push_back(h.code);
        EXPECT_EQ(seen, expected[i]) << cases[i].first;
    }
    const auto returned = api.track(airwaybills[2]).value();
    EXPECT_EQ(returned.cnote.pod_code, "D15");
    EXPECT_EQ(returned.history.back().desc.substr(0, 8), "RETURN [");
}

TEST(MovingSandbox, GoesOnAfterARestart) {
    test::temp_dir keep;
    std::string airwaybill, db_copy = (keep / "kept.db").string();
    {
        test::server_process first({"--sandbox-speed", "0.001"});
        client::client api({first.base_url(), "TESTAPI", test::sandbox_key});
        airwaybill = api.generatecnote(test::example_generatecnote("RESTART-1")).value().airwaybill;
        first.stop();
        std::filesystem::copy_file(first.database_url().substr(7), db_copy);
    }
    test::server_process resumed({"--sandbox-speed", "200000"}, true, db_copy);
    client::client api({resumed.base_url(), "TESTAPI", test::sandbox_key});
    std::string status;
    for (int tries = 0; tries < 100 && status != "DELIVERED"; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        status = api.track(airwaybill).value().cnote.pod_status;
    }
    EXPECT_EQ(status, "DELIVERED");
}

TEST_F(Tracking, AMerchantTracksByTheReferenceItSentAndOnlyItsOwn) {
    auto request = test::example_pickup("T-REF-ORDER");
    request.airwaybill = "SPKJN0001";  // the merchant's own number, not reserved
    auto created = api.pickup(request);
    ASSERT_TRUE(created.has_value());
    ASSERT_NE(created->airwaybill, "SPKJN0001");

    for (const char* reference : {"SPKJN0001", "T-REF-ORDER"}) {
        auto t = api.track(reference);
        ASSERT_TRUE(t.has_value()) << reference;
        EXPECT_EQ(t->cnote.cnote_no, created->airwaybill);
        EXPECT_EQ(t->cnote.reference_number, "SPKJN0001");
        auto retail = api.track(reference, client::client::tracking_path::retail);
        ASSERT_TRUE(retail.has_value());
        EXPECT_EQ(*retail, *t);
    }
    // To anyone else the reference does not exist, operators included: nothing leaks.
    EXPECT_EQ(network.track("SPKJN0001").error().failure.code, api::error::cnote_not_found);
    EXPECT_TRUE(network.track(created->airwaybill).has_value());
    EXPECT_EQ(api.track("SPKJN0002").error().failure.code, api::error::cnote_not_found);
}

TEST_F(Tracking, ForwardingFromTransitIsWordedAsJnesServerWordsIt) {
    const std::string awb = ship("T-OP3");
    auto posted = network.post_events(
        {{"op3-1", awb, "OP1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}},
         {"op3-2", awb, "OP3", "2030-01-01T12:00:00+07:00", "BANDUNG", {}, {}}});
    ASSERT_TRUE(posted.has_value() && posted->recorded);
    auto t = api.track(awb);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->history.back().code, "OP3");
    EXPECT_EQ(t->history.back().desc,
              "SHIPMENT FORWARDED FROM TRANSIT CITY TO DESTINATION CITY [BANDUNG]");
}
