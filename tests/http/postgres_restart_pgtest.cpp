// PostgreSQL stopped and started again under a stream of creates, as an operator's upgrade or a
// crash does: meanwhile requests fail cleanly and quickly (503, never a hang), and the server
// recovers by itself; every acknowledged create is kept.
#include "client/client.hpp"
#include "support/own_postgres.hpp"
#include "support/requests.hpp"
#include "support/scratch_postgres.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

using namespace jne;
using namespace std::chrono_literals;

TEST(PostgresRestart, RequestsFailCleanlyWhileItIsDownAndTheServerRecoversByItself) {
    test::own_postgres postgres;
    test::server_process server(postgres.url(), {});

    std::mutex mutex;
    std::map<std::string, std::string> acknowledged;  // order id → airwaybill
    std::vector<std::string> refused;
    std::vector<std::string> unexpected;
    auto slowest = std::chrono::steady_clock::duration{};
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int t = 0; t < 3; ++t)
        writers.emplace_back([&, t] {
            client::options o{server.base_url(), "TESTAPI", test::sandbox_key};
            o.retries = 0;
            o.request_timeout = 30s;
            client::client api(o);
            for (int i = 0; !stop; ++i) {
                const std::string order = "R" + std::to_string(t) + "-" + std::to_string(i);
                const auto began = std::chrono::steady_clock::now();
                auto created = api.generatecnote(test::example_generatecnote(order));
                const auto took = std::chrono::steady_clock::now() - began;
                std::lock_guard lock(mutex);
                slowest = std::max(slowest, took);
                if (created)
                    acknowledged[order] = created->airwaybill;
                else if (created.error().http_status == 503)
                    refused.push_back(order);
                else
                    unexpected.push_back(order + ": " + created.error().message);
                if (!created) std::this_thread::sleep_for(50ms);
            }
        });
    std::this_thread::sleep_for(1s);
    postgres.stop();
    std::this_thread::sleep_for(2s);
    const auto [down_status, down_body] = test::http_get(server, "/readyz");
    std::size_t refused_while_down = 0;
    {
        std::lock_guard lock(mutex);
        refused_while_down = refused.size();
    }
    postgres.start();
    // Recovered: each writer's creates go through again, with nobody restarting the server.
    std::size_t before = 0;
    {
        std::lock_guard lock(mutex);
        before = acknowledged.size();
    }
    const auto until = std::chrono::steady_clock::now() + 15s;
    for (;;) {
        std::this_thread::sleep_for(200ms);
        std::lock_guard lock(mutex);
        if (acknowledged.size() >= before + 30 || std::chrono::steady_clock::now() > until) break;
    }
    stop = true;
    for (auto& w : writers) w.join();

    EXPECT_EQ(down_status, 503u);
    EXPECT_NE(down_body.find("database"), std::string::npos) << down_body;
    EXPECT_GT(refused_while_down, 0u);
    EXPECT_TRUE(unexpected.empty()) << unexpected.front();
    EXPECT_LT(slowest, 10s) << "a request hung while the database was down";
    EXPECT_GE(acknowledged.size(), before + 30) << "the server did not recover by itself";
    EXPECT_EQ(test::http_get(server, "/readyz").first, 200u);

    // Every acknowledged create is there. A refused one, sent again, is stored once: now, or
    // already — a commit cut off by the database going away may have committed (PostgreSQL
    // cannot say), and then the retry gets JNE's duplicate answer naming its airwaybill.
    // Read from the database itself, not through the server under test.
    const auto stored = test::stored_orders(postgres.url());
    for (const auto& [order, airwaybill] : acknowledged) {
        const auto found = stored.find(airwaybill);
        EXPECT_TRUE(found != stored.end() && found->second == order)
            << order << " " << airwaybill << " was acknowledged but is not stored";
    }
    client::client api({server.base_url(), "TESTAPI", test::sandbox_key});
    for (const std::string& order : refused) {
        auto again = api.generatecnote(test::example_generatecnote(order));
        if (again) continue;
        ASSERT_EQ(again.error().failure.code, api::error::duplicate_order)
            << order << ": " << again.error().message;
        EXPECT_TRUE(api.track(again.error().failure.airwaybill).has_value()) << order;
    }
}

TEST(PostgresRestart, AnOutageIsLoggedOnceOnOneLineAndItsRecoveryOnce) {
    test::own_postgres postgres;
    test::server_process server(postgres.url(), {"--quiet"});
    client::client api({server.base_url(), "TESTAPI", test::sandbox_key});
    ASSERT_TRUE(api.generatecnote(test::example_generatecnote("LOG-0")).has_value());
    postgres.stop();
    // The refresher alone tries ten times a second; creates and reads fail meanwhile too.
    for (int i = 0; i < 30; ++i) {
        (void)api.generatecnote(test::example_generatecnote("LOG-DOWN-" + std::to_string(i)));
        std::this_thread::sleep_for(100ms);
    }
    postgres.start();
    bool created = false;
    for (auto until = std::chrono::steady_clock::now() + 30s;
         !created && std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(200ms))
        created = api.generatecnote(test::example_generatecnote("LOG-1")).has_value();
    ASSERT_TRUE(created);
    // The refresher and the mover succeed again, each saying so once.
    for (const char* subject :
         {"refreshing from the database recovered", "the sandbox's mover recovered"})
        EXPECT_NE(test::log_holding(server, subject, 30s).find(subject), std::string::npos);
    server.stop();

    std::ifstream file(server.directory() / "server.log");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::istringstream in(text);
    std::map<std::string, int> failing, recovered;
    for (std::string line; std::getline(in, line);) {
        EXPECT_TRUE(line.starts_with("[")) << "a message split over lines: " << line;
        EXPECT_EQ(line.find("cannot refresh"), std::string::npos) << line;
        if (const auto at = line.find(" is failing ("); at != std::string::npos)
            ++failing[line.substr(line.rfind("] ", at) + 2, at - line.rfind("] ", at) - 2)];
        if (const auto at = line.find(" recovered after "); at != std::string::npos)
            ++recovered[line.substr(line.rfind("] ", at) + 2, at - line.rfind("] ", at) - 2)];
    }
    EXPECT_EQ(failing["refreshing from the database"], 1);
    EXPECT_EQ(recovered["refreshing from the database"], 1);
    EXPECT_EQ(failing["the database"], 1);
    EXPECT_EQ(recovered["the database"], 1);
    for (const auto& [subject, n] : failing) {
        EXPECT_EQ(n, 1) << subject;
        EXPECT_EQ(recovered[subject], 1) << subject;
    }
}
