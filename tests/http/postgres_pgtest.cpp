// Several stateless jne-server processes on one PostgreSQL database, as a
// courier runs them: any process answers for what another one wrote.
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/scratch_postgres.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <barrier>
#include <chrono>
#include <future>
#include <latch>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

using namespace jne;

namespace {

class ServersSharingPostgres : public ::testing::Test {
protected:
    void SetUp() override {
        JNE_REQUIRE_POSTGRES();
        database.emplace();
        first = std::make_unique<test::server_process>(database->url(),
                                                       std::vector<std::string>{});  // seeds it
        second =
            std::make_unique<test::server_process>(database->url(), std::vector<std::string>{});
    }

    static client::client merchant(const test::server_process& server) {
        return client::client({server.base_url(), "TESTAPI", test::sandbox_key});
    }

    std::optional<test::scratch_postgres> database;
    std::unique_ptr<test::server_process> first, second;
};

}  // namespace

TEST_F(ServersSharingPostgres, BothAnswerTheDocumentsTariffAndTrackingExamples) {
    for (const auto* server : {first.get(), second.get()}) {
        auto api = merchant(*server);
        auto prices = api.tariff("CGK10000", "BDO10000", "1");
        ASSERT_TRUE(prices.has_value()) << prices.error().message;
        ASSERT_FALSE(prices->empty());
        EXPECT_EQ(prices->front().service_code, "REG19");
        EXPECT_EQ(prices->front().amount, 12000);
        auto tracked = api.track("5403212200022724");
        ASSERT_TRUE(tracked.has_value()) << tracked.error().message;
        EXPECT_EQ(tracked->cnote.pod_status, "DELIVERED");
    }
}

TEST_F(ServersSharingPostgres,
       ConcurrentCreatesOnBothGetDistinctAirwaybillsEachTrackableOnTheOther) {
    constexpr int per_thread = 15;
    std::mutex mutex;
    std::vector<std::pair<std::string, const test::server_process*>>
        created;  // airwaybill, the other server
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            const auto& server = t % 2 ? *first : *second;
            const auto& other = t % 2 ? *second : *first;
            auto api = merchant(server);
            for (int i = 0; i < per_thread; ++i) {
                auto r = api.generatecnote(test::example_generatecnote("PG-" + std::to_string(t) +
                                                                       "-" + std::to_string(i)));
                std::lock_guard lock(mutex);
                ASSERT_TRUE(r.has_value()) << r.error().message;
                created.emplace_back(r->airwaybill, &other);
            }
        });
    for (auto& t : threads) t.join();
    ASSERT_EQ(created.size(), 4u * per_thread);
    std::set<std::string> distinct;
    for (const auto& [airwaybill, other] : created) {
        distinct.insert(airwaybill);
        auto tracked = merchant(*other).track(airwaybill);
        ASSERT_TRUE(tracked.has_value()) << airwaybill << ": " << tracked.error().message;
        EXPECT_EQ(tracked->cnote.cnote_no, airwaybill);
    }
    EXPECT_EQ(distinct.size(), created.size());
}

// An answer one process keeps gives way to the events another records: the first sees them
// within a tenth of a second, its kept answers of other parcels dropped with it.
TEST_F(ServersSharingPostgres, AnEventRecordedByOneReachesAnAnswerTheOtherKept) {
    auto made = merchant(*first).generatecnote(test::example_generatecnote("PG-EVENT"));
    ASSERT_TRUE(made.has_value()) << made.error().message;
    for (int ask = 0; ask < 2; ++ask)  // kept by the second server from its second ask
        ASSERT_EQ(merchant(*second).track(made->airwaybill).value().history.size(), 1u);
    const std::string key = test::add_account(*first, {"NETWORK", "--role", "operator"});
    client::client network({first->base_url(), "NETWORK", key});
    auto posted = network.post_events(
        {{"pg-ev-1", made->airwaybill, "PU1", "2030-01-01T09:00:00+07:00", "JAKARTA", {}, {}}});
    ASSERT_TRUE(posted.has_value() && posted->recorded);
    std::size_t seen = 0;
    for (int i = 0; i < 30 && seen != 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        seen = merchant(*second).track(made->airwaybill).value().history.size();
    }
    EXPECT_EQ(seen, 2u);
}

TEST_F(ServersSharingPostgres, AnOrderIdIsOneShipmentWhicheverServerIsAsked) {
    auto request = test::example_generatecnote("PG-ONCE");
    auto made = merchant(*first).generatecnote(request);
    ASSERT_TRUE(made.has_value()) << made.error().message;
    auto again = merchant(*second).generatecnote(request);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().failure.code, api::error::duplicate_order);
    EXPECT_EQ(again.error().failure.airwaybill, made->airwaybill);
}

TEST_F(ServersSharingPostgres, EachOrderIdSentToBothAtOnceIsOneShipmentAndOneDuplicate) {
    // The two servers' group commits run at the same time: each order id races itself.
    constexpr int orders = 40;
    std::barrier together(2);
    std::vector<std::string> answers[2];  // per server: "created AWB" or "duplicate AWB"
    std::vector<std::thread> senders;
    for (int side = 0; side < 2; ++side)
        senders.emplace_back([&, side] {
            auto api = merchant(side == 0 ? *first : *second);
            for (int i = 0; i < orders; ++i) {
                together.arrive_and_wait();
                auto r =
                    api.generatecnote(test::example_generatecnote("RACE-" + std::to_string(i)));
                if (r)
                    answers[side].push_back("created " + r->airwaybill);
                else if (r.error().failure.code == api::error::duplicate_order)
                    answers[side].push_back("duplicate " + r.error().failure.airwaybill);
                else
                    answers[side].push_back("failed: " + r.error().message);
            }
        });
    for (auto& t : senders) t.join();
    for (int i = 0; i < orders; ++i) {
        const std::string& a = answers[0].at(i);
        const std::string& b = answers[1].at(i);
        const bool first_created = a.starts_with("created ") && b.starts_with("duplicate ");
        const bool second_created = b.starts_with("created ") && a.starts_with("duplicate ");
        EXPECT_TRUE(first_created || second_created) << "order " << i << ": " << a << " / " << b;
        // Both name the one shipment, and it is there.
        const std::string airwaybill = a.substr(a.find(' ') + 1);
        EXPECT_EQ(airwaybill, b.substr(b.find(' ') + 1)) << "order " << i;
        auto tracked = merchant(*second).track(airwaybill);
        EXPECT_TRUE(tracked.has_value()) << "order " << i << ": " << airwaybill;
    }
}

TEST_F(ServersSharingPostgres, AnAcknowledgedShipmentOutlivesTheServerThatTookIt) {
    auto made = merchant(*first).generatecnote(test::example_generatecnote("PG-CRASH"));
    ASSERT_TRUE(made.has_value()) << made.error().message;
    first->kill_hard();
    auto tracked = merchant(*second).track(made->airwaybill);
    ASSERT_TRUE(tracked.has_value()) << tracked.error().message;
    EXPECT_EQ(tracked->cnote.cnote_no, made->airwaybill);
    test::server_process restarted(database->url(), {});
    EXPECT_TRUE(merchant(restarted).track(made->airwaybill).has_value());
}

TEST_F(ServersSharingPostgres, AnswerUnavailableWhenTheDatabaseIsGoneAndStayUp) {
    auto api = merchant(*first);
    auto made = api.generatecnote(test::example_generatecnote("PG-GONE"));
    ASSERT_TRUE(made.has_value()) << made.error().message;
    database->drop();
    // Reads the caches cannot answer, and every write: 503 with JNE's error body, never a 500.
    auto tracked = api.track("8800000000000005");
    ASSERT_FALSE(tracked.has_value());
    EXPECT_EQ(tracked.error().failure.code, api::error::unavailable) << tracked.error().message;
    auto created = api.generatecnote(test::example_generatecnote("PG-GONE-2"));
    ASSERT_FALSE(created.has_value());
    EXPECT_EQ(created.error().failure.code, api::error::unavailable) << created.error().message;
    auto priced = api.tariff("CGK10000", "BDO10000", "1");  // cached: still answered
    EXPECT_TRUE(priced.has_value());
}

TEST(ServersStartingTogether, OnAnEmptyPostgresDatabaseBothComeUpAndSeedItOnce) {
    JNE_REQUIRE_POSTGRES();
    test::scratch_postgres database;
    // Each server is started, and stopped, by a thread of its own that lives until the
    // checks are done: a server process dies with the thread that started it.
    std::unique_ptr<test::server_process> servers[2];
    std::string failures[2];
    std::latch started(2);
    std::promise<void> checked;
    std::shared_future<void> checks_done = checked.get_future().share();
    std::vector<std::jthread> owners;
    for (int i = 0; i < 2; ++i)
        owners.emplace_back([&, i] {
            try {
                servers[i] = std::make_unique<test::server_process>(database.url(),
                                                                    std::vector<std::string>{});
            } catch (const std::exception& e) {
                failures[i] = e.what();
            }
            started.count_down();
            checks_done.wait();
            servers[i].reset();
        });
    struct release {
        std::promise<void>& checked;
        ~release() { checked.set_value(); }
    } on_exit{checked};
    started.wait();
    for (int i = 0; i < 2; ++i) {
        ASSERT_NE(servers[i], nullptr) << failures[i];
        auto tracked = client::client({servers[i]->base_url(), "TESTAPI", test::sandbox_key})
                           .track("5403212200022724");
        ASSERT_TRUE(tracked.has_value()) << tracked.error().message;
        EXPECT_EQ(tracked->history.size(), 7u);  // the document's seven scans, not fourteen
    }
}
