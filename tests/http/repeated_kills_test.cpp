// Repeated kills: a stream of creates from several clients while the server is killed with
// SIGKILL again and again, then started again on the same database. Every airwaybill a client
// was told of is stored with its order, and no airwaybill is issued twice. The count of kills
// is bounded for CI; JNE_TEST_KILLS (SQLite, default 10) and JNE_TEST_PG_KILLS (PostgreSQL with
// two servers, default 4) ask for the long run (docs/reliability.md: 100 and 20).
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/sandbox_database.hpp"
#include "support/scratch_postgres.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace jne;
using namespace std::chrono_literals;

namespace {

int kills(const char* variable, int fallback) {
    const char* text = std::getenv(variable);
    return text != nullptr ? std::max(1, std::atoi(text)) : fallback;
}

// Order id → the airwaybill a client was told of.
struct acknowledgements {
    std::mutex mutex;
    std::map<std::string, std::string> airwaybills;
};

// Four clients create shipments on `servers` (dealt round-robin) until `victim` is killed,
// between 0.2 and 0.8 s from now; their orders are named after `round`.
void create_until_killed(const std::vector<test::server_process*>& servers,
                         test::server_process& victim, int round, acknowledgements& acks) {
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int t = 0; t < 4; ++t)
        clients.emplace_back([&, t] {
            const test::server_process& server =
                *servers[static_cast<std::size_t>(t) % servers.size()];
            client::options o{server.base_url(), "TESTAPI", test::sandbox_key};
            o.retries = 0;
            o.request_timeout = 5s;
            client::client api(o);
            for (int i = 0; !stop; ++i) {
                const std::string order =
                    "K" + std::to_string(round) + "-" + std::to_string(t) + "-" + std::to_string(i);
                auto created = api.generatecnote(test::example_generatecnote(order));
                if (!created) {
                    std::this_thread::sleep_for(20ms);  // the victim is gone: wait for the end
                    continue;
                }
                std::lock_guard lock(acks.mutex);
                acks.airwaybills[order] = created->airwaybill;
            }
        });
    static thread_local std::mt19937 random{std::random_device{}()};
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 600));
    victim.kill_hard();
    stop = true;
    for (auto& c : clients) c.join();
}

void expect_distinct(const acknowledgements& acks) {
    std::set<std::string> issued;
    for (const auto& [order, airwaybill] : acks.airwaybills)
        EXPECT_TRUE(issued.insert(airwaybill).second) << airwaybill << " was issued twice";
}

}  // namespace

TEST(RepeatedKills, OnSqliteEveryAcknowledgedCreateIsKeptAndNoAirwaybillIssuedTwice) {
    test::temp_dir dir;
    const auto file = dir / "jne.db";
    std::filesystem::copy_file(test::seeded_sandbox_database(), file);
    acknowledgements acks;
    const int rounds = kills("JNE_TEST_KILLS", 10);
    for (int round = 0; round < rounds; ++round) {
        test::server_process server("sqlite:" + file.string(), {});
        create_until_killed({&server}, server, round, acks);
    }
    ASSERT_GT(acks.airwaybills.size(), static_cast<std::size_t>(rounds) * 5);
    expect_distinct(acks);

    SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
    for (const auto& [order, airwaybill] : acks.airwaybills) {
        SQLite::Statement q(db, "SELECT order_id FROM shipments WHERE airwaybill = ?1");
        q.bind(1, airwaybill);
        ASSERT_TRUE(q.executeStep()) << airwaybill << " was acknowledged but is not stored";
        EXPECT_EQ(q.getColumn(0).getString(), order);
    }
    SQLite::Statement all(db, "SELECT count(*), count(DISTINCT airwaybill) FROM shipments");
    ASSERT_TRUE(all.executeStep());
    EXPECT_EQ(all.getColumn(0).getInt64(), all.getColumn(1).getInt64());
    std::cout << "[ kills ] " << rounds << " SIGKILLs, " << acks.airwaybills.size()
              << " acknowledged creates, all kept\n";
}

TEST(RepeatedKills, OnPostgresWithTwoServersEveryAcknowledgedCreateIsKept) {
    JNE_REQUIRE_POSTGRES();
    test::scratch_postgres database;
    auto first = std::make_unique<test::server_process>(database.url(), std::vector<std::string>{});
    auto second =
        std::make_unique<test::server_process>(database.url(), std::vector<std::string>{});
    acknowledgements acks;
    const int rounds = kills("JNE_TEST_PG_KILLS", 4);
    for (int round = 0; round < rounds; ++round) {
        // Each round kills one of the two while both take creates, and starts it again.
        auto& victim = round % 2 ? first : second;
        create_until_killed({first.get(), second.get()}, *victim, round, acks);
        victim = std::make_unique<test::server_process>(database.url(), std::vector<std::string>{});
    }
    ASSERT_GT(acks.airwaybills.size(), static_cast<std::size_t>(rounds) * 5);
    expect_distinct(acks);
    first.reset();
    second.reset();
    // Read from the database itself, not through the server under test.
    const auto stored = test::stored_orders(database.url());
    for (const auto& [order, airwaybill] : acks.airwaybills) {
        const auto found = stored.find(airwaybill);
        ASSERT_NE(found, stored.end())
            << airwaybill << " (" << order << ") was acknowledged but is not stored";
        EXPECT_EQ(found->second, order);
    }
    std::cout << "[ kills ] " << rounds << " SIGKILLs, " << acks.airwaybills.size()
              << " acknowledged creates, all kept\n";
}
