// Abuse, against a real server: clients guessing keys are told to wait (429, a JSON body,
// Retry-After) while the owner's correct key from another address keeps working, and an
// account past its own request rate waits as well. Loopback's other addresses (127.0.0.2, …)
// stand in for other clients.
#include "support/requests.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace jne;

namespace {

using answer = test::posted;

// A tariff request from `source` with `body`, on a connection of its own.
answer post_from(const std::string& source, unsigned short port, const std::string& body) {
    return test::post_from(source, port, "/tracing/api/pricedev", body);
}

// A tariff request from `source` as user `username` with `key`.
answer price_from(const std::string& source, unsigned short port, const std::string& username,
                  const std::string& key) {
    return post_from(
        source, port,
        "username=" + username + "&api_key=" + key + "&from=CGK10000&thru=BDO10000&weight=1");
}

const std::string wrong_key = "00000000000000000000000000000000";
const std::string too_many = R"({"error":"Too Many Requests.","status":false})";
const std::string not_found = R"({"error":"Username Or API KEY Not Found.","status":false})";

bool priced(const answer& a) {
    return a.status == 200 && a.body.find("\"price\"") != std::string::npos;
}

}  // namespace

TEST(Abuse, AnAddressGuessingKeysWaitsAndOtherAddressesDoNot) {
    test::server_process server({"--auth-failures-per-address", "5/min"});
    for (int i = 0; i < 5; ++i) {
        const answer refused = price_from("127.0.0.1", server.port(), "TESTAPI", wrong_key);
        EXPECT_EQ(refused.status, 200u);  // JNE's own refusal, as before
        EXPECT_EQ(refused.body, not_found);
    }
    const answer throttled = price_from("127.0.0.1", server.port(), "TESTAPI", wrong_key);
    EXPECT_EQ(throttled.status, 429u);
    EXPECT_EQ(throttled.body, too_many);
    ASSERT_FALSE(throttled.retry_after.empty());
    EXPECT_GE(std::stoi(throttled.retry_after), 1);
    EXPECT_LE(std::stoi(throttled.retry_after), 12);  // one try back every 12 s
    // The address waits whatever it sends, a correct key included …
    EXPECT_EQ(price_from("127.0.0.1", server.port(), "TESTAPI", test::sandbox_key).status, 429u);
    // … while the owner elsewhere is served, and another address's mistakes are its own.
    EXPECT_TRUE(priced(price_from("127.0.0.2", server.port(), "TESTAPI", test::sandbox_key)));
    EXPECT_EQ(price_from("127.0.0.3", server.port(), "nobody", wrong_key).body, not_found);
}

TEST(Abuse, AUsernameGuessedFromManyAddressesStillTakesItsOwnersKey) {
    test::server_process server(
        {"--auth-failures-per-username", "3/min", "--auth-failures-per-address", "100/min"});
    for (const char* address : {"127.0.0.2", "127.0.0.3", "127.0.0.4"})
        EXPECT_EQ(price_from(address, server.port(), "TESTAPI", wrong_key).body, not_found);
    const answer again = price_from("127.0.0.2", server.port(), "TESTAPI", wrong_key);
    EXPECT_EQ(again.status, 429u);
    EXPECT_EQ(again.body, too_many);
    EXPECT_FALSE(again.retry_after.empty());
    // A fresh address has its one try, then waits like the others.
    EXPECT_EQ(price_from("127.0.0.5", server.port(), "TESTAPI", wrong_key).body, not_found);
    EXPECT_EQ(price_from("127.0.0.5", server.port(), "TESTAPI", wrong_key).status, 429u);
    // The owner, from an address that never failed, is served.
    EXPECT_TRUE(priced(price_from("127.0.0.9", server.port(), "TESTAPI", test::sandbox_key)));
}

// A merchant's test suite against the sandbox sends wrong keys on purpose, dozens a minute: in
// sandbox mode that locks neither TESTAPI for others nor the suite's own address.
TEST(Abuse, ASandboxTakesATestSuitesWrongKeysWithoutLockingAnyone) {
    test::server_process server;  // sandbox mode, the throttles' defaults
    for (int i = 0; i < 40; ++i)
        ASSERT_EQ(price_from("127.0.0.1", server.port(), "TESTAPI", wrong_key).body, not_found)
            << i;
    EXPECT_TRUE(priced(price_from("127.0.0.1", server.port(), "TESTAPI", test::sandbox_key)));
    EXPECT_TRUE(priced(price_from("127.0.0.2", server.port(), "TESTAPI", test::sandbox_key)));
}

// A client that sends no credentials at all (a misconfigured integration, a health check) is
// told so, as JNE does, however often: it guesses nothing, so the address is not made to wait.
TEST(Abuse, MissingCredentialsAreNotCountedAsGuesses) {
    test::server_process server({"--auth-failures-per-address", "2/min"});
    const std::string must_be_sent =
        R"({"error":"Username And API KEY Must Be Sent.","status":false})";
    for (int i = 0; i < 10; ++i) {
        const answer a =
            post_from("127.0.0.1", server.port(), "from=CGK10000&thru=BDO10000&weight=1");
        EXPECT_EQ(a.status, 200u) << i;
        EXPECT_EQ(a.body, must_be_sent) << i;
    }
    EXPECT_TRUE(priced(price_from("127.0.0.1", server.port(), "TESTAPI", test::sandbox_key)));
    // Wrong keys from the same address still count: two, then it waits.
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(price_from("127.0.0.1", server.port(), "TESTAPI", wrong_key).body, not_found);
    EXPECT_EQ(price_from("127.0.0.1", server.port(), "TESTAPI", wrong_key).status, 429u);
}

TEST(Abuse, AnAccountPastItsOwnRateWaitsAndOthersDoNot) {
    test::server_process server;
    const auto began = std::chrono::steady_clock::now();
    const std::string key = test::add_account(server, {"shop", "--rate", "5/s"});
    int served = 0;
    answer last;
    for (int i = 0; i < 20; ++i) {
        last = price_from("127.0.0.1", server.port(), "shop", key);
        if (priced(last)) ++served;
    }
    // Five at once (one of them maybe taken by add_account's probe), then one every 200 ms of
    // the time the loop took, however slow the machine: the bound follows the clock.
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    EXPECT_GE(served, 4);
    EXPECT_LE(served, 5 + static_cast<int>(seconds * 5) + 1) << seconds << " s";
    EXPECT_LT(served, 20);
    EXPECT_EQ(last.status, 429u);
    EXPECT_EQ(last.body, too_many);
    EXPECT_EQ(last.retry_after, "1");
    EXPECT_TRUE(priced(price_from("127.0.0.1", server.port(), "TESTAPI", test::sandbox_key)));
    // Served again once the bucket refills.
    const auto served_again = [&](std::chrono::milliseconds within) {
        for (auto until = std::chrono::steady_clock::now() + within;
             std::chrono::steady_clock::now() < until;
             std::this_thread::sleep_for(std::chrono::milliseconds(50)))
            if (priced(price_from("127.0.0.1", server.port(), "shop", key))) return true;
        return false;
    };
    EXPECT_TRUE(served_again(std::chrono::seconds(3)));

    // Lifted from the command line, the running server picks it up by its next poll.
    const auto set = test::run_command({JNE_SERVER_BINARY, "--db", server.database_url(),
                                        "accounts", "set", "shop", "--rate", "none"});
    ASSERT_EQ(set.exit_code, 0) << set.err;
    EXPECT_EQ(set.out, "shop: rate none\n");
    test::polled_twice_since(server, test::refreshes(server));  // counted from the commit on
    for (int i = 0; i < 20; ++i)
        EXPECT_TRUE(priced(price_from("127.0.0.1", server.port(), "shop", key))) << i;
}

TEST(Abuse, ARateThatIsNotOneIsAUsageError) {
    test::server_process server;
    const auto bad = test::run_command({JNE_SERVER_BINARY, "--db", server.database_url(),
                                        "accounts", "set", "TESTAPI", "--rate", "fast"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("100/s"), std::string::npos) << bad.err;
}
