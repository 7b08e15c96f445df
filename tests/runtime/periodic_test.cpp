#include "runtime/periodic.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using jne::runtime::periodic;
using namespace std::chrono_literals;

TEST(Periodic, CallsItsWorkEveryIntervalUntilDestroyed) {
    std::atomic<int> calls{0};
    {
        periodic ticker(10ms, [&] {
            ++calls;
            return false;
        });
        std::this_thread::sleep_for(200ms);
    }
    const int seen = calls.load();
    EXPECT_GE(seen, 3);
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(calls.load(), seen);  // nothing after destruction
}

TEST(Periodic, CallsAgainAtOnceWhileTheWorkHasMoreToDo) {
    std::atomic<int> calls{0};
    const auto start = std::chrono::steady_clock::now();
    {
        periodic ticker(10s, [&] { return ++calls < 100; });
        while (calls.load() < 100 && std::chrono::steady_clock::now() - start < 5s)
            std::this_thread::sleep_for(1ms);
    }
    EXPECT_GE(calls.load(), 100);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);  // neither waited out a 10 s interval
}
