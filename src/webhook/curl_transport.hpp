#pragma once

#include "webhook/retry_policy.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace jne::webhook {

/// Sends deliveries with libcurl's multi interface: many in flight at once, each signed, with
/// its own timeouts, straight to the receiver (never through a proxy, whose address is not the
/// one checked), and refused at connection time when the host resolves inward unless allowed
/// (destination.hpp). Used from one thread; wakeup() from any.
class curl_transport {
public:
    explicit curl_transport(const sender_settings& settings);
    ~curl_transport();  ///< abandons what is in flight
    curl_transport(const curl_transport&) = delete;
    curl_transport& operator=(const curl_transport&) = delete;

    /// Starts an attempt at `d`, signed with its subscription's secret at `now_seconds`.
    void send(store::webhook_delivery d, std::int64_t now_seconds);
    std::size_t in_flight() const { return transfers_.size(); }
    /// Moves the transfers on; the attempts that ended, with how.
    std::vector<std::pair<store::webhook_delivery, attempt_result>> finished();
    /// Waits for a transfer's activity, at most `wait`, or until wakeup().
    void poll(std::chrono::milliseconds wait);
    void wakeup();
    /// Stops every attempt in flight; the ids of their deliveries.
    std::vector<std::int64_t> abandon();

private:
    struct transfer;
    sender_settings settings_;
    void* multi_ = nullptr;                                 // CURLM*, kept out of the header
    std::map<void*, std::unique_ptr<transfer>> transfers_;  // by CURL* easy handle
};

}  // namespace jne::webhook
