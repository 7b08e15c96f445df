// The throttle on a clock the test moves: bursts, waits, who waits for whom, bounded memory.
#include "runtime/throttle.hpp"

#include <gtest/gtest.h>

using namespace jne;
using runtime::throttle;
using std::chrono::seconds;

namespace {

const auto start = runtime::throttle_clock::time_point() + std::chrono::hours(1);

core::account limited(std::string name, core::request_rate r) {
    core::account a;
    a.username = std::move(name);
    a.rate = r;
    return a;
}

}  // namespace

TEST(Throttle, AnAddressWaitsOnceItsFailuresPassTheLimitWhateverNameItTries) {
    throttle t({{5, 60}, {100, 60}});
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(t.before_login("10.0.0.1", "shop" + std::to_string(i), start), seconds(0));
        t.login_failed("10.0.0.1", "shop" + std::to_string(i), start);
    }
    EXPECT_EQ(t.before_login("10.0.0.1", "someone-else", start), seconds(12));
    EXPECT_EQ(t.before_login("10.0.0.2", "shop0", start), seconds(0));  // another address
    // One failure's worth comes back every 12 s (5 a minute): then one more try.
    EXPECT_EQ(t.before_login("10.0.0.1", "x", start + seconds(11)), seconds(1));
    EXPECT_EQ(t.before_login("10.0.0.1", "x", start + seconds(12)), seconds(0));
}

TEST(Throttle, AGuessedUsernameMakesFailingAddressesWaitButNotItsOwner) {
    throttle t({{100, 60}, {3, 60}});
    for (const char* address : {"10.0.0.1", "10.0.0.2", "10.0.0.3"}) {
        ASSERT_EQ(t.before_login(address, "shop", start), seconds(0));
        t.login_failed(address, "shop", start);
    }
    EXPECT_EQ(t.before_login("10.0.0.1", "shop", start), seconds(20));
    EXPECT_EQ(t.before_login("10.0.0.1", "other", start), seconds(0));  // only that name
    // The owner, at an address that has not failed, may still log in.
    EXPECT_EQ(t.before_login("192.168.1.9", "shop", start), seconds(0));
    // A new address guessing gets its one try, then waits too.
    t.login_failed("10.0.0.4", "shop", start);
    EXPECT_GT(t.before_login("10.0.0.4", "shop", start), seconds(0));
}

TEST(Throttle, NothingIsLimitedWhenTheLimitsAreOff) {
    throttle t(runtime::throttle_limits{{}, {}});
    for (int i = 0; i < 1000; ++i) t.login_failed("10.0.0.1", "shop", start);
    EXPECT_EQ(t.before_login("10.0.0.1", "shop", start), seconds(0));
    EXPECT_EQ(t.request(limited("shop", {}), start), seconds(0));
}

TEST(Throttle, AnAccountPastItsRateWaitsUntilItsAllowanceReturns) {
    throttle t(runtime::throttle_limits{});
    const auto shop = limited("shop", {5, 1});
    for (int i = 0; i < 5; ++i) EXPECT_EQ(t.request(shop, start), seconds(0)) << i;
    EXPECT_EQ(t.request(shop, start), seconds(1));
    EXPECT_EQ(t.request(limited("other", {5, 1}), start), seconds(0));  // its own allowance
    EXPECT_EQ(t.request(shop, start + std::chrono::milliseconds(200)), seconds(0));
    EXPECT_EQ(t.request(shop, start + std::chrono::milliseconds(200)), seconds(1));
    // Refused requests do not push the wait further out.
    for (int i = 0; i < 100; ++i) (void)t.request(shop, start + std::chrono::milliseconds(200));
    EXPECT_EQ(t.request(shop, start + std::chrono::milliseconds(400)), seconds(0));
}

TEST(Throttle, HammeringWhileWaitingDoesNotLengthenTheWait) {
    throttle t({{2, 60}, {100, 60}});
    for (int i = 0; i < 1000; ++i) t.login_failed("10.0.0.1", "shop", start);
    EXPECT_EQ(t.before_login("10.0.0.1", "shop", start), seconds(30));
    EXPECT_EQ(t.before_login("10.0.0.1", "shop", start + seconds(30)), seconds(0));
}

TEST(Throttle, KeepsAtMostItsKeysAndForgetsTheQuietestFirst) {
    runtime::allowance_table table(64);
    const core::request_rate r{1, 60};
    table.spend("guesser", r, start + seconds(30));  // the most recent: kept
    for (int i = 0; i < 10'000; ++i) table.spend("a" + std::to_string(i), r, start);
    EXPECT_TRUE(table.spent_some("guesser", start + seconds(31)));
    std::size_t kept = 0;
    for (int i = 0; i < 10'000; ++i) kept += table.spent_some("a" + std::to_string(i), start);
    EXPECT_LE(kept, 64u);
    // A name of any length costs the same: long ones are kept as a hash.
    throttle t({{100, 60}, {1, 60}});
    const std::string huge(60'000, 'x');
    t.login_failed("10.0.0.1", huge, start);
    EXPECT_GT(t.before_login("10.0.0.1", huge, start), seconds(0));
    EXPECT_EQ(t.before_login("10.0.0.1", huge + "y", start), seconds(0));
}

TEST(Throttle, ASweepForgetsAllowancesThatAreWholeAgain) {
    runtime::allowance_table table(64);
    const core::request_rate r{2, 60};
    table.spend("guesser", r, start);
    table.spend("other", r, start + seconds(40));
    table.forget_whole(start + seconds(20));  // both still spent
    EXPECT_FALSE(table.empty());
    EXPECT_TRUE(table.spent_some("guesser", start + seconds(20)));
    table.forget_whole(start + seconds(31));  // the guesser's 30 s have passed; the other's not
    EXPECT_FALSE(table.spent_some("guesser", start + seconds(31)));
    EXPECT_TRUE(table.spent_some("other", start + seconds(31)));
    table.forget_whole(start + seconds(71));
    EXPECT_TRUE(table.empty());  // back to one atomic read a request

    // The throttle's sweep empties all three tables the same way; a later failure counts anew.
    throttle t({{1, 60}, {1, 60}});
    t.login_failed("10.0.0.1", "TESTAPI", start);
    EXPECT_GT(t.before_login("10.0.0.1", "TESTAPI", start + seconds(1)), seconds(0));
    t.sweep(start + seconds(61));
    EXPECT_EQ(t.before_login("10.0.0.1", "TESTAPI", start + seconds(61)), seconds(0));
    EXPECT_EQ(t.before_login("10.0.0.1", "TESTAPI"), seconds(0));  // the clock's own now
}
