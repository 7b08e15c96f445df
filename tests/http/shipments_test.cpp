// Creating shipments over HTTP against a real server: answers, idempotency, reservations, cancel,
// durability.
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/shared_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>

using namespace jne;

namespace {

struct Shipments : test::shared_server<Shipments> {
    static client::client merchant() {
        return client::client({server->base_url(), "TESTAPI", test::sandbox_key});
    }
    client::client api = merchant();
};

std::string unique(const std::string& stem) {
    static std::atomic<int> n{0};
    return stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++n);
}

}  // namespace

TEST_F(Shipments, GeneratecnoteIssuesAValidAirwaybillAndRecordsWhatItCosts) {
    auto request = test::example_generatecnote(unique("G"));
    request.weight = api::grams{2500};
    request.insured = true;
    request.goods_value = 1'000'000;
    auto created = api.generatecnote(request);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    EXPECT_EQ(created->airwaybill.size(), 16u);
    EXPECT_TRUE(created->airwaybill.starts_with("88"));
    auto tracked = api.track(created->airwaybill);
    ASSERT_TRUE(tracked.has_value()) << tracked.error().message;
    EXPECT_EQ(tracked->cnote.priceperkg, 12000);
    EXPECT_EQ(tracked->cnote.freight_charge, 36000);  // 2.5 kg is charged as 3
    EXPECT_EQ(tracked->cnote.insuranceamount, 2000 + 5000);
    EXPECT_EQ(tracked->cnote.shippingcost, 43000);
    EXPECT_EQ(tracked->cnote.weight, api::grams{2500});
    EXPECT_EQ(tracked->cnote.pod_status, "MANIFESTED");
    EXPECT_EQ(tracked->history.front().code, "REQ");
}

TEST_F(Shipments, ARepeatedOrderIdNamesTheFirstAirwaybill) {
    auto request = test::example_generatecnote(unique("D"));
    auto first = api.generatecnote(request);
    ASSERT_TRUE(first.has_value());
    auto again = api.generatecnote(request);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().failure.code, api::error::duplicate_order);
    EXPECT_EQ(again.error().failure.airwaybill, first->airwaybill);
}

TEST_F(Shipments, ExactlyOneOf200SimultaneousCreatesWithOneOrderIdSucceeds) {
    const auto request = test::example_generatecnote(unique("C"));
    std::mutex m;
    std::vector<std::string> successes, duplicates_of;
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t)
        clients.emplace_back([&] {
            auto c = merchant();
            for (int i = 0; i < 25; ++i) {
                auto r = c.generatecnote(request);
                std::lock_guard lock(m);
                if (r)
                    successes.push_back(r->airwaybill);
                else if (r.error().failure.code == api::error::duplicate_order)
                    duplicates_of.push_back(r.error().failure.airwaybill);
            }
        });
    for (auto& t : clients) t.join();
    ASSERT_EQ(successes.size(), 1u);
    EXPECT_EQ(duplicates_of.size(), 199u);
    for (const auto& a : duplicates_of) EXPECT_EQ(a, successes.front());
}

TEST_F(Shipments, AnswersUnknownCodesAndMissingFieldsInJnesWords) {
    auto request = test::example_generatecnote(unique("E"));
    request.origin = "CGK10100";
    auto r = api.generatecnote(request);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().failure.reason, "Origin Code CGK10100 Not Exists");
    request = test::example_generatecnote(unique("E"));
    request.goods_description = "";
    r = api.generatecnote(request);
    EXPECT_EQ(r.error().failure.code, api::error::missing_field);
    EXPECT_EQ(r.error().failure.subject, "OLSHOP_GOODSDESC");
    request = test::example_generatecnote(unique("E"));
    request.customer = "SOMEONEELSE";
    EXPECT_EQ(api.generatecnote(request).error().failure.code, api::error::unknown_code);
}

TEST_F(Shipments, PickupUsesOnlyTheCallersOwnUnusedReservedAirwaybill) {
    auto reserved = api.reserve_airwaybills({"CGK000", "10950700", 3, "tester", "stock"});
    ASSERT_TRUE(reserved.has_value()) << reserved.error().message;
    ASSERT_EQ(reserved->size(), 3u);
    auto request = test::example_pickup(unique("P"));
    request.airwaybill = (*reserved)[0];
    auto used = api.pickup(request);
    ASSERT_TRUE(used.has_value()) << used.error().message;
    EXPECT_EQ(used->airwaybill, (*reserved)[0]);
    // The same reserved number again: kept as a reference, a new airwaybill is issued.
    auto second = test::example_pickup(unique("P"));
    second.airwaybill = (*reserved)[0];
    auto again = api.pickup(second);
    ASSERT_TRUE(again.has_value());
    EXPECT_NE(again->airwaybill, (*reserved)[0]);
    EXPECT_EQ(api.track(again->airwaybill).value().cnote.reference_number, (*reserved)[0]);
}

TEST_F(Shipments, TheDocumentsPickupExampleSucceedsAsWritten) {
    auto created = api.pickup(test::example_pickup("8810102030983216"));
    ASSERT_TRUE(created.has_value()) << created.error().message;
    EXPECT_NE(created->airwaybill, "1234567890");
    auto tracked = api.track(created->airwaybill);
    EXPECT_EQ(tracked->cnote.reference_number, "1234567890");
    EXPECT_EQ(tracked->history.front().code, "REQ");
}

TEST_F(Shipments, ReservedAirwaybillsAreUsedAtMostOnceUnderConcurrency) {
    auto reserved = api.reserve_airwaybills({"CGK000", "10950700", 1, "tester", "stock"});
    ASSERT_TRUE(reserved.has_value());
    std::atomic<int> took{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 10; ++t)
        clients.emplace_back([&] {
            auto request = test::example_pickup(unique("R"));
            request.airwaybill = reserved->front();
            auto r = merchant().pickup(request);
            if (r && r->airwaybill == reserved->front()) ++took;
        });
    for (auto& t : clients) t.join();
    EXPECT_EQ(took.load(), 1);
}

TEST_F(Shipments, StockawbRefusesCountsOutsideOneToAHundred) {
    auto r = api.reserve_airwaybills({"CGK000", "10950700", 101, "tester", "stock"});
    ASSERT_FALSE(r.has_value());
    EXPECT_NE(r.error().message.find("REQUEST_AWB"), std::string::npos);
}

TEST_F(Shipments, CancelIsForTheOwnerBeforeTheNetworkHasTheParcel) {
    auto created = api.generatecnote(test::example_generatecnote(unique("X")));
    ASSERT_TRUE(created.has_value());
    // A stranger's cancel is refused.
    const std::string user = unique("other");
    client::client stranger({server->base_url(), user, test::add_account(*server, {user})});
    auto refused = stranger.cancel(created->airwaybill, "X", "mine now");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().failure.code, api::error::not_your_cnote);
    EXPECT_EQ(stranger.track(created->airwaybill).error().failure.code, api::error::not_your_cnote);

    auto cancelled = api.cancel(created->airwaybill, "ALI", "changed my mind");
    ASSERT_TRUE(cancelled.has_value()) << cancelled.error().message;
    EXPECT_EQ(api.track(created->airwaybill).value().cnote.pod_status, "CANCELLED");
    EXPECT_FALSE(api.cancel(created->airwaybill, "ALI", "again").has_value());
    EXPECT_EQ(api.cancel("8800000000000000", "ALI", "x").error().failure.code,
              api::error::cnote_not_found);
}

TEST_F(Shipments, TheClientTellsEveryErrorShapeApart) {
    auto missing = test::example_pickup(unique("M"));
    missing.pickup_name.clear();
    auto r = api.pickup(missing);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().what, client::error::kind::api);
    EXPECT_EQ(r.error().failure.code,
              api::error::missing_field);  // "Content not confirm our security Policy."

    auto bad_vehicle = test::example_pickup(unique("M"));
    bad_vehicle.pickup_vehicle = "PLANE";
    r = api.pickup(bad_vehicle);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().failure.code, api::error::invalid_field);
    EXPECT_TRUE(r.error().failure.reason.starts_with("PICKUP_VEHICLE must be"))
        << r.error().failure.reason;

    auto first = test::example_pickup(unique("M"));
    auto created = api.pickup(first);
    ASSERT_TRUE(created.has_value());
    r = api.pickup(first);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().failure.code, api::error::duplicate_order);
    EXPECT_EQ(r.error().failure.airwaybill, created->airwaybill);

    client::client wrong_path({server->base_url() + "/nowhere", "TESTAPI", test::sandbox_key});
    auto not_found = wrong_path.tariff("CGK10000", "BDO10000", "1");
    ASSERT_FALSE(not_found.has_value());
    EXPECT_EQ(not_found.error().what, client::error::kind::http_status);
    EXPECT_EQ(not_found.error().http_status, 404);

    client::options unreachable{"http://127.0.0.1:1", "TESTAPI", test::sandbox_key};
    unreachable.retries = 1;
    unreachable.retry_backoff = std::chrono::milliseconds(10);
    auto down = client::client(unreachable).track("5403212200022724");
    ASSERT_FALSE(down.has_value());
    EXPECT_EQ(down.error().what, client::error::kind::transport);
}

TEST_F(Shipments, AServiceCodeOfAnyTariffYearNamesTheSameServiceAndIsKeptAsSent) {
    for (const char* code : {"REG23", "REG15", "YES23"}) {
        auto request = test::example_generatecnote(unique(std::string("Y-") + code));
        request.service = code;
        auto created = api.generatecnote(request);
        ASSERT_TRUE(created.has_value()) << code << ": " << created.error().failure.reason;
        auto t = api.track(created->airwaybill);
        ASSERT_TRUE(t.has_value());
        EXPECT_EQ(t->cnote.servicetype, code);
        EXPECT_EQ(t->cnote.cnote_services_code, std::string(code).substr(0, 3));
    }
    auto pickup = test::example_pickup(unique("Y-P"));
    pickup.service = "REG23";
    auto created = api.pickup(pickup);
    ASSERT_TRUE(created.has_value()) << created.error().failure.reason;
    EXPECT_EQ(api.track(created->airwaybill)->cnote.servicetype, "REG23");

    auto unknown = test::example_generatecnote(unique("Y-X"));
    unknown.service = "XYZ23";
    auto refused = api.generatecnote(unknown);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().failure.reason, "Service Code XYZ23 Not Exists");
    // The tariff still answers with the catalogue's codes.
    auto prices = api.tariff("CGK10000", "BDO10000", "1");
    ASSERT_TRUE(prices.has_value());
    for (const auto& p : *prices) EXPECT_FALSE(p.service_code.ends_with("23")) << p.service_code;
}
