// Tracking's database reads run off the serving threads (runtime::read_pool): a read that
// waits on the database holds its own request only, not every connection of its thread.
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/scratch_postgres.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <chrono>
#include <future>

using namespace jne;
using namespace std::chrono_literals;

TEST(TrackingReads, OneWaitingOnTheDatabaseHoldsNoOtherConnectionOfItsThread) {
    JNE_REQUIRE_POSTGRES();
    test::scratch_postgres database;
    // One serving thread: every connection shares its event loop.
    test::server_process server(database.url(), {"--threads", "1"});
    auto merchant = [&server] {
        return client::client({server.base_url(), "TESTAPI", test::sandbox_key});
    };
    auto created = merchant().generatecnote(test::example_generatecnote("READS-1"));
    ASSERT_TRUE(created.has_value()) << created.error().message;

    // Another session holds the shipments table: a read of it waits until let go.
    pqxx::connection other(database.url());
    pqxx::work held(other);
    held.exec("LOCK TABLE shipments IN ACCESS EXCLUSIVE MODE");
    auto tracking =
        std::async(std::launch::async, [&] { return merchant().track(created->airwaybill); });
    ASSERT_EQ(tracking.wait_for(1s), std::future_status::timeout) << "the read did not wait";

    // Meanwhile the serving thread answers the other connections: the price comes back while
    // the read still waits.
    auto prices = merchant().tariff("CGK10000", "BDO10000", "1");
    EXPECT_TRUE(prices.has_value()) << prices.error().message;
    EXPECT_EQ(tracking.wait_for(0s), std::future_status::timeout);

    held.commit();
    const auto tracked = tracking.get();
    ASSERT_TRUE(tracked.has_value()) << tracked.error().message;
    EXPECT_EQ(tracked->cnote.cnote_no, created->airwaybill);
}
