// Two jne-server processes on one PostgreSQL database deliver every webhook event once: their
// senders claim with leases under SKIP LOCKED, their sandbox movers record each step once.
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/scratch_postgres.hpp"
#include "support/server_process.hpp"
#include "support/webhook_receiver.hpp"
#include "wire/decode.hpp"

#include <gtest/gtest.h>

#include <map>
#include <thread>

using namespace jne;
using namespace std::chrono_literals;

TEST(WebhooksOnPostgres, TwoProcessesSendEachEventOnceAndInOrder) {
    JNE_REQUIRE_POSTGRES();
    test::scratch_postgres database;
    // A slow receiver widens the window in which both senders could take the same delivery.
    test::webhook_receiver receiver([](const test::received_delivery&, int) {
        return test::webhook_receiver::answer{200u, 30ms};
    });
    const std::vector<std::string> args{"--sandbox-speed", "50000", "--webhook-backoff", "0.1",
                                        "--webhook-allow-private"};
    test::server_process first(database.url(), args);
    test::server_process second(database.url(), args);
    const auto added =
        test::run_command({JNE_SERVER_BINARY, "--db", database.url(), "webhooks", "add", "TESTAPI",
                           "--url", receiver.url(), "--webhook-allow-private"});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    for (const test::server_process* s : {&first, &second})  // both serve the subscription
        ASSERT_EQ(
            test::metric_when(*s, "jne_webhook_subscriptions", [](double v) { return v == 1; }),
            1.0);

    std::vector<std::string> airwaybills;
    for (int i = 0; i < 8; ++i) {
        client::client api({(i % 2 ? second : first).base_url(), "TESTAPI", test::sandbox_key});
        auto created = api.generatecnote(test::example_generatecnote("PG-WH-" + std::to_string(i)));
        ASSERT_TRUE(created.has_value());
        airwaybills.push_back(created->airwaybill);
    }
    auto delivered = [&](const std::vector<test::received_delivery>& all) {
        std::size_t n = 0;
        for (const auto& r : all)
            if (auto u = wire::decode_status_update(r.body); u && u->status == "DELIVERED") ++n;
        return n >= airwaybills.size();
    };
    ASSERT_TRUE(receiver.wait_until(delivered, 60s));
    // Nothing more comes once the shared queue is empty (either server's gauge reads it).
    EXPECT_EQ(test::metric_when(first, "jne_webhook_pending", [](double v) { return v == 0; }),
              0.0);

    std::map<std::string, int> per_event;
    std::map<std::string, std::vector<std::string>> per_airwaybill;
    for (const auto& r : receiver.requests()) {
        ++per_event[r.event_id];
        auto u = wire::decode_status_update(r.body);
        ASSERT_TRUE(u.has_value());
        per_airwaybill[u->awb].push_back(u->status);
    }
    for (const auto& [event, times] : per_event) EXPECT_EQ(times, 1) << event;
    for (const std::string& awb : airwaybills)
        EXPECT_EQ(per_airwaybill[awb],
                  (std::vector<std::string>{"SUCCESS PICKUP", "SHIPPED", "DELIVERED"}))
            << awb;
}
