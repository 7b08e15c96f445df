#pragma once

#include "service/write_queue.hpp"
#include "webhook/outbox.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

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

/// What the sender has done since it started (for /metrics and the tests).
struct sender_counts {
    std::atomic<std::uint64_t> delivered{0};
    std::atomic<std::uint64_t> retried{0};  ///< failed attempts that will be retried
    std::atomic<std::uint64_t> dead{0};
};

/// The time to wait after the `attempt`-th failed attempt: `backoff` doubled each time up to
/// `backoff_cap`, then a random half of it taken off, so that receivers that failed together
/// are not retried together.
std::chrono::milliseconds retry_delay(const sender_settings& s, int attempt, double random01);

/// Empties the outbox: claims due deliveries through the write queue (leased, so that no other
/// process sends them meanwhile), sends them on its own thread with libcurl's multi interface
/// (many in flight, each with its own timeouts), and records each outcome through the write
/// queue. A slow or dead receiver holds at most `per_subscription` of the `concurrency` slots
/// and nothing of the API.
class sender {
public:
    sender(service::write_queue& writes, sender_settings settings, clock_ms now = system_ms);
    ~sender();  ///< stop()
    sender(const sender&) = delete;
    sender& operator=(const sender&) = delete;

    /// Something was enqueued: look now rather than at the next poll.
    void wake();
    /// Abandons the attempts in flight (their leases are released: they are sent again later,
    /// by this process or another) and stops. Idempotent.
    void stop();

    const sender_counts& counts() const { return counts_; }

private:
    void run();

    service::write_queue& writes_;
    sender_settings settings_;
    clock_ms now_;
    sender_counts counts_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> woken_{true};
    void* multi_ = nullptr;  // CURLM*, kept out of the header
    std::thread thread_;
};

}  // namespace jne::webhook
