// The fair pool: one key's flood leaves a thread for another key; a key's jobs run in order;
// stop() runs everything posted.
#include "runtime/fair_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <latch>
#include <vector>

using jne::runtime::fair_pool;
using namespace std::chrono_literals;

TEST(FairPool, AFloodOfOneKeyLeavesAThreadForAnother) {
    fair_pool pool(2, 1);
    std::latch release(1);
    std::atomic<int> flood_running{0}, flood_most{0};
    for (int i = 0; i < 20; ++i)
        pool.post("flood", [&] {
            const int now = ++flood_running;
            flood_most = std::max(flood_most.load(), now);
            release.wait();
            --flood_running;
        });
    std::promise<void> other_ran;
    pool.post("other", [&] { other_ran.set_value(); });
    // The flood's first job holds one thread until released: the other key's job has the second.
    EXPECT_EQ(other_ran.get_future().wait_for(5s), std::future_status::ready);
    release.count_down();
    pool.stop();
    EXPECT_EQ(flood_most, 1);
}

TEST(FairPool, AKeysJobsRunInTheOrderPostedAndKeysTakeTurns) {
    std::vector<std::string> ran;
    std::mutex m;
    {
        fair_pool pool(1, 1);
        std::latch hold(1);
        pool.post("first", [&] { hold.wait(); });  // everything below queues behind it
        for (int i = 0; i < 3; ++i)
            for (const char* key : {"a", "b"})
                pool.post(key, [&, key, i] {
                    const std::lock_guard lock(m);
                    ran.push_back(key + std::to_string(i));
                });
        hold.count_down();
        pool.stop();  // runs everything posted
    }
    EXPECT_EQ(ran, (std::vector<std::string>{"a0", "b0", "a1", "b1", "a2", "b2"}));
}

TEST(FairPool, StopRunsWhatWasPostedAndKeepsNothing) {
    std::atomic<int> done{0};
    fair_pool pool(3, 2);
    for (int i = 0; i < 200; ++i) pool.post("k" + std::to_string(i % 7), [&] { ++done; });
    pool.stop();
    pool.stop();  // idempotent
    EXPECT_EQ(done, 200);
}
