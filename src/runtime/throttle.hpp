#pragma once

#include "core/account.hpp"
#include "core/request_rate.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jne::runtime {

using throttle_clock = std::chrono::steady_clock;

/// An allowance per key in the shape of the generic cell rate algorithm: a key keeps only the
/// time until which its allowance is spent, so a rate of N per period allows a burst of N and
/// then one event every period/N. Bounded: past `most_keys`, keys whose allowance is whole again
/// go first, then the one nearest to whole. Thread-safe; striped so that threads rarely meet.
class allowance_table {
public:
    explicit allowance_table(std::size_t most_keys);

    /// How long `key` must wait before its next event; zero when it may have it now.
    throttle_clock::duration wait(std::string_view key, core::request_rate r,
                                  throttle_clock::time_point now);
    /// Spends one event of `key`'s allowance.
    void spend(std::string_view key, core::request_rate r, throttle_clock::time_point now);
    /// Spends one event if the allowance has it; else how long until it would.
    throttle_clock::duration take(std::string_view key, core::request_rate r,
                                  throttle_clock::time_point now);
    /// Whether `key` spent some of its allowance recently (it is not whole again yet).
    bool spent_some(std::string_view key, throttle_clock::time_point now);
    /// No key at all: the common case, answered without a lock.
    bool empty() const { return keys_.load(std::memory_order_relaxed) == 0; }
    /// Forgets the keys whose allowance is whole again: they say nothing a missing key does not.
    void forget_whole(throttle_clock::time_point now);

private:
    struct stripe {
        std::mutex lock;
        std::unordered_map<std::string, throttle_clock::time_point> spent_until;
    };
    stripe& stripe_of(std::string_view key);
    void make_room(stripe& s, throttle_clock::time_point now);
    /// The key's time, a new one (whole: `now`) if it had none. The caller holds the stripe.
    throttle_clock::time_point& entry(stripe& s, std::string_view key,
                                      throttle_clock::time_point now);

    static constexpr std::size_t stripes = 16;
    std::array<stripe, stripes> stripes_;
    std::size_t most_per_stripe_;
    std::atomic<std::size_t> keys_{0};
};

struct throttle_limits {
    /// Failed logins an address may make (whatever the usernames) before it waits.
    core::request_rate failures_per_address{20, 60};
    /// Failed logins on one username before addresses that failed wait for it.
    core::request_rate failures_per_username{10, 60};
    /// Requests a client address may make of the public page's routes (no account to count by):
    /// a burst of this many, then one every period/N. Enough for a person typing; not a crawl.
    core::request_rate public_per_address{300, 60};
};

/// Who must wait before being served: an address or a username guessing keys, or an account past
/// its own request rate. In memory, per server process.
class throttle {
public:
    explicit throttle(throttle_limits limits, std::size_t most_keys = 16384);

    /// Before checking credentials: how long the client at `address` must wait before it may try
    /// `username`; zero when it may now. An address past its failures waits whatever name it
    /// tries. A username past its failures makes wait only the addresses that failed recently,
    /// so that its owner's correct key from elsewhere keeps working.
    std::chrono::seconds before_login(std::string_view address, std::string_view username,
                                      throttle_clock::time_point now);
    /// The same now; the clock is read only when some login has failed lately.
    std::chrono::seconds before_login(std::string_view address, std::string_view username) {
        if (addresses_.empty()) return {};
        return before_login(address, username, throttle_clock::now());
    }
    /// Credentials were wrong (a missing field is not a guess and is not counted).
    void login_failed(std::string_view address, std::string_view username,
                      throttle_clock::time_point now = throttle_clock::now());
    /// An authenticated request: zero when the account's own rate allows it.
    std::chrono::seconds request(const core::account& a, throttle_clock::time_point now);
    /// The same now; the clock is read only for an account with a rate.
    std::chrono::seconds request(const core::account& a) {
        if (!a.rate.limited()) return {};
        return request(a, throttle_clock::now());
    }
    /// A request of the public page's routes from `address`: zero when its allowance has it.
    std::chrono::seconds public_request(std::string_view address,
                                        throttle_clock::time_point now = throttle_clock::now());
    /// Forgets whole allowances (every second, from the server's refresher), so that once the
    /// guessing stops the tables are empty again and requests pay one atomic read for them.
    void sweep(throttle_clock::time_point now = throttle_clock::now());

private:
    throttle_limits limits_;
    allowance_table addresses_;
    allowance_table usernames_;
    allowance_table accounts_;
    allowance_table public_callers_;
};

}  // namespace jne::runtime
