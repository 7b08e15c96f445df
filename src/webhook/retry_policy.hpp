#pragma once

#include "store/store.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace jne::webhook {

struct sender_settings {
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds answer_timeout{10'000};  ///< the whole attempt, connect included
    int max_attempts = 20;                             ///< then the delivery is dead
    std::chrono::milliseconds backoff{10'000};         ///< before the first retry; doubles
    std::chrono::milliseconds backoff_cap{3'600'000};  ///< the longest wait between attempts
    std::size_t concurrency = 16;                      ///< deliveries in flight at once
    /// A subscription's deliveries in flight at once (in every process): a slow receiver holds
    /// at most this many of the slots, and subscriptions take turns at the rest.
    std::size_t per_subscription = 4;
    std::chrono::milliseconds poll{1'000};  ///< how often to look for other processes' work
    bool allow_inward = false;  ///< may connect to loopback and private addresses (destination.hpp)
};

/// The time to wait after the `attempt`-th failed attempt: `backoff` doubled each time up to
/// `backoff_cap`, then a random half of it taken off, so that receivers that failed together
/// are not retried together.
std::chrono::milliseconds retry_delay(const sender_settings& s, int attempt, double random01);

/// How one attempt ended, as the transport saw it.
struct attempt_result {
    int status = 0;                ///< the receiver's HTTP status; 0 when none came
    std::string failure;           ///< why none came (the transport's words); empty when one did
    bool refused_address = false;  ///< the host resolved to an inward address when connecting
};

/// What becomes of delivery `d` after attempt `r` at `now_ms`: delivered on a 2xx; dead when
/// that was its last allowed attempt; else due again after retry_delay (random01 its jitter).
/// Pure: the sender records it, the tests ask it without a socket.
store::delivery_outcome outcome_of(const store::webhook_delivery& d, const attempt_result& r,
                                   std::int64_t now_ms, const sender_settings& s, double random01);

}  // namespace jne::webhook
