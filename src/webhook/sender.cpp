#include "webhook/sender.hpp"

#include "webhook/curl_transport.hpp"
#include "webhook/destination.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <random>

namespace jne::webhook {

sender::sender(runtime::write_queue& writes, sender_settings settings, clock_ms now)
    : writes_(writes),
      settings_(settings),
      now_(std::move(now)),
      transport_(std::make_unique<curl_transport>(settings_)) {
    thread_ = std::thread([this] { run(); });
}

sender::~sender() { stop(); }

void sender::wake() {
    woken_ = true;
    transport_->wakeup();
}

void sender::stop() {
    stopping_ = true;
    transport_->wakeup();
    if (thread_.joinable()) thread_.join();
}

void sender::run() {
    std::mt19937_64 random(std::random_device{}());
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    std::int64_t next_look = 0;

    // Runs `work` in a batch of the write queue and waits for its commit: false when it was lost.
    auto write_and_wait = [this](runtime::write_queue::work work) {
        auto committed = std::make_shared<std::promise<bool>>();
        auto result = committed->get_future();
        writes_.submit(std::move(work),
                       [committed](bool durable) { committed->set_value(durable); });
        return result.get();
    };

    auto record = [&](const store::webhook_delivery& d, const attempt_result& r) {
        const store::delivery_outcome o = outcome_of(d, r, now_(), settings_, jitter(random));
        if (o.state == store::delivery_state::delivered) {
            ++counts_.delivered;
        } else if (o.state == store::delivery_state::dead) {
            ++counts_.dead;
            spdlog::warn("webhook: delivery {} of {} to {} is dead after {} attempts: {}", d.id,
                         d.airwaybill, printable_url(d.url), d.attempts + 1,
                         o.code != 0 ? std::to_string(o.code) : o.answer);
        } else {
            ++counts_.retried;
            next_look = std::min(next_look, o.next_attempt_ms);
        }
        // Queued before the next claim, so committed before it: the next status of this
        // airwaybill is not claimed while this one still counts as pending, and is claimed at
        // once after it.
        writes_.submit(
            [id = d.id, o](store::write_batch& b) { b.webhooks().record_attempt(id, o); },
            [](bool) {});
        woken_ = true;
    };

    while (!stopping_) {
        const std::int64_t now = now_();
        const std::size_t free_slots = settings_.concurrency - transport_->in_flight();
        if (free_slots > 0 && (woken_.exchange(false) || now >= next_look)) {
            next_look = now + settings_.poll.count();
            std::vector<store::webhook_delivery> claimed;
            // Long enough to send and record the outcome; short enough that a crashed process's
            // deliveries are soon sent by another (or by itself, restarted).
            const std::int64_t lease_until = now + settings_.answer_timeout.count() + 5'000;
            write_and_wait([&](store::write_batch& b) {
                claimed =
                    b.webhooks().claim(now, lease_until, free_slots, settings_.per_subscription);
            });
            for (auto& d : claimed) transport_->send(std::move(d), now / 1000);
            if (claimed.size() == free_slots) woken_ = true;  // more may be due
        }
        for (const auto& [delivery, result] : transport_->finished()) record(delivery, result);
        transport_->poll(
            std::chrono::milliseconds(std::clamp<std::int64_t>(next_look - now_(), 1, 1000)));
    }

    // Unsent: give them back now rather than when their leases run out.
    const std::vector<std::int64_t> unsent = transport_->abandon();
    if (!unsent.empty())
        write_and_wait([&](store::write_batch& b) {
            for (std::int64_t id : unsent) b.webhooks().release(id);
        });
}

}  // namespace jne::webhook
