#pragma once

#include "runtime/write_queue.hpp"
#include "webhook/outbox.hpp"
#include "webhook/retry_policy.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>

namespace jne::webhook {

class curl_transport;

/// What the sender has done since it started (for /metrics and the tests).
struct sender_counts {
    std::atomic<std::uint64_t> delivered{0};
    std::atomic<std::uint64_t> retried{0};  ///< failed attempts that will be retried
    std::atomic<std::uint64_t> dead{0};
};

/// Empties the outbox: claims due deliveries through the write queue (leased, so that no other
/// process sends them meanwhile), sends them on its own thread (curl_transport: many in flight,
/// each with its own timeouts), and records each outcome (retry_policy's outcome_of) through the
/// write queue. A slow or dead receiver holds at most `per_subscription` of the `concurrency` slots
/// and nothing of the API.
class sender {
public:
    sender(runtime::write_queue& writes, sender_settings settings, clock_ms now = system_ms);
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

    runtime::write_queue& writes_;
    sender_settings settings_;
    clock_ms now_;
    sender_counts counts_;
    std::atomic<bool> stopping_{false};
    std::atomic<bool> woken_{true};
    std::unique_ptr<curl_transport> transport_;
    std::thread thread_;
};

}  // namespace jne::webhook
