// The client library against a real jne-server: typed calls in, typed values or
// told-apart errors out, every request encoded with wire's tables.
#include "client/client.hpp"

#include "support/requests.hpp"
#include "support/shared_server.hpp"

#include <gtest/gtest.h>

using namespace jne;

namespace {

struct Client : test::shared_server<Client> {
    client::client api{{server->base_url(), "TESTAPI", test::sandbox_key}};
};

}  // namespace

TEST_F(Client, QuotesATariffAsTypedPrices) {
    auto prices = api.tariff("CGK10000", "BDO10000", "1");
    ASSERT_TRUE(prices.has_value());
    ASSERT_FALSE(prices->empty());
    EXPECT_EQ(prices->front().origin_name, "JAKARTA");
    EXPECT_GT(prices->front().amount, 0);
}

TEST_F(Client, CreatesTracksAndCancelsAShipment) {
    auto created = api.generatecnote(test::example_generatecnote("CLIENT-1"));
    ASSERT_TRUE(created.has_value());
    auto tracked = api.track(created->airwaybill);
    ASSERT_TRUE(tracked.has_value());
    EXPECT_EQ(tracked->cnote.cnote_no, created->airwaybill);
    EXPECT_EQ(tracked->detail.cnote_receiver_name, "ANA");

    auto cancelled = api.cancel(created->airwaybill, "OPS", "changed my mind");
    ASSERT_TRUE(cancelled.has_value());
    EXPECT_EQ(cancelled->reason, "Cnote " + created->airwaybill + " has been cancelled");
    auto again = api.cancel(created->airwaybill, "OPS", "twice");
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().failure.code, api::error::not_cancellable);
    EXPECT_EQ(again.error().failure.reason, "Cancel refused: the shipment was cancelled");
}

TEST_F(Client, SendsAPickupsOptionalFieldsOnlyWhenGiven) {
    auto request = test::example_pickup("CLIENT-P1");
    request.return_to.name = "RETUR";
    request.hs_codes = "1000000;1;4204";
    ASSERT_TRUE(api.pickup(request).has_value());
    request = test::example_pickup("CLIENT-P2");
    request.item_type = "9";  // refused by the server's table, worded in JNE's style
    auto refused = api.pickup(request);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().failure.reason, "ITEM_TYPE must be 1, 2, 3, 4 or 5");
}

TEST_F(Client, ReservesAirwaybillsAndShipsOnOne) {
    auto reserved = api.reserve_airwaybills({"CGK000", "TESTAKUN", 2, "OPS", "STOCK"});
    ASSERT_TRUE(reserved.has_value());
    ASSERT_EQ(reserved->size(), 2u);
    auto request = test::example_pickup("CLIENT-P3");
    request.airwaybill = reserved->front();
    auto created = api.pickup(request);
    ASSERT_TRUE(created.has_value());
    EXPECT_EQ(created->airwaybill, reserved->front());
}

TEST_F(Client, TellsJnesErrorsFromTransportFailures) {
    auto unknown = api.track("8800000000000");
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().what, client::error::kind::api);
    EXPECT_EQ(unknown.error().failure.code, api::error::cnote_not_found);

    client::client nobody{{"http://127.0.0.1:1", "TESTAPI", test::sandbox_key,
                           std::chrono::milliseconds(500), std::chrono::milliseconds(500), 0}};
    auto unreachable = nobody.tariff("CGK10000", "BDO10000", "1");
    ASSERT_FALSE(unreachable.has_value());
    EXPECT_EQ(unreachable.error().what, client::error::kind::transport);

    client::client stranger{{server->base_url(), "TESTAPI", "0000"}};
    auto refused = stranger.tariff("CGK10000", "BDO10000", "1");
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().failure.code, api::error::bad_credentials);
    EXPECT_EQ(refused.error().failure.reason, "Username Or API KEY Not Found.");
}

TEST_F(Client, PostsScanEventsOnlyAsAnOperator) {
    auto refused =
        api.post_events({{"e-1", "8800000000000", "OP1", "28-11-2026 10:00", "JAKARTA", "", ""}});
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().failure.reason, "Only operator accounts post scan events.");
}
