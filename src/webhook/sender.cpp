#include "webhook/sender.hpp"

#include "client/webhook_signature.hpp"
#include "webhook/destination.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <future>
#include <map>
#include <memory>
#include <random>

namespace jne::webhook {

namespace {

// One attempt in flight: the easy handle's buffers live as long as it does.
struct transfer {
    store::webhook_delivery delivery;
    curl_slist* headers = nullptr;
    bool allow_inward = false;
    bool refused_address = false;  // the host resolved to an inward address at connection time
    ~transfer() { curl_slist_free_all(headers); }
    transfer() = default;
    transfer(const transfer&) = delete;
    transfer& operator=(const transfer&) = delete;
};

// A receiver's answer body is not kept: it may hold what an inward URL should never have shown
// (`webhooks deliveries` keeps the status and the time).
std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

// libcurl's socket for each address it connects to: refused when the address is inward, checked
// here, after resolution, so that a name that resolves elsewhere than when it was added is
// caught (webhook/destination.hpp).
curl_socket_t open_checked(void* target, curlsocktype purpose, curl_sockaddr* address) {
    auto* t = static_cast<transfer*>(target);
    if (purpose == CURLSOCKTYPE_IPCXN && !t->allow_inward) {
        std::optional<boost::asio::ip::address> peer;
        if (address->family == AF_INET) {
            const auto* in = reinterpret_cast<const sockaddr_in*>(&address->addr);
            peer = boost::asio::ip::address_v4(ntohl(in->sin_addr.s_addr));
        } else if (address->family == AF_INET6) {
            const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address->addr);
            boost::asio::ip::address_v6::bytes_type bytes{};
            std::memcpy(bytes.data(), in6->sin6_addr.s6_addr, bytes.size());
            peer = boost::asio::ip::address_v6(bytes);
        }
        if (!peer || inward(*peer)) {
            t->refused_address = true;
            return CURL_SOCKET_BAD;
        }
    }
    return socket(address->family, address->socktype, address->protocol);
}

struct curl_global {
    curl_global() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

std::chrono::milliseconds retry_delay(const sender_settings& s, int attempt, double random01) {
    auto delay = s.backoff;
    for (int i = 1; i < attempt && delay < s.backoff_cap; ++i) delay *= 2;
    delay = std::min(delay, s.backoff_cap);
    const double kept = 1.0 - 0.5 * std::clamp(random01, 0.0, 1.0);
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(static_cast<double>(delay.count()) * kept));
}

sender::sender(service::write_queue& writes, sender_settings settings, clock_ms now)
    : writes_(writes), settings_(settings), now_(std::move(now)) {
    static const curl_global once;
    multi_ = curl_multi_init();
    thread_ = std::thread([this] { run(); });
}

sender::~sender() {
    stop();
    curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

void sender::wake() {
    woken_ = true;
    curl_multi_wakeup(static_cast<CURLM*>(multi_));
}

void sender::stop() {
    stopping_ = true;
    curl_multi_wakeup(static_cast<CURLM*>(multi_));
    if (thread_.joinable()) thread_.join();
}

void sender::run() {
    auto* multi = static_cast<CURLM*>(multi_);
    std::map<CURL*, std::unique_ptr<transfer>> in_flight;
    std::mt19937_64 random(std::random_device{}());
    std::uniform_real_distribution<double> jitter(0.0, 1.0);
    std::int64_t next_look = 0;

    // Runs `work` in a batch of the write queue and waits for its commit: false when it was lost.
    auto write_and_wait = [this](service::write_queue::work work) {
        auto committed = std::make_shared<std::promise<bool>>();
        auto result = committed->get_future();
        writes_.submit(std::move(work),
                       [committed](bool durable) { committed->set_value(durable); });
        return result.get();
    };

    auto start = [&](store::webhook_delivery d) {
        auto t = std::make_unique<transfer>();
        t->delivery = std::move(d);
        t->allow_inward = settings_.allow_inward;
        const store::webhook_delivery& w = t->delivery;
        const auto seconds = now_() / 1000;
        t->headers = curl_slist_append(t->headers, "Content-Type: application/json");
        t->headers = curl_slist_append(t->headers, ("X-Jne-Event-Id: " + w.event_id).c_str());
        t->headers = curl_slist_append(
            t->headers,
            ("X-Jne-Signature: " + client::sign_webhook(w.secret, seconds, w.payload)).c_str());
        t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
        CURL* easy = curl_easy_init();
        curl_easy_setopt(easy, CURLOPT_URL, w.url.c_str());
        curl_easy_setopt(easy, CURLOPT_POST, 1L);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, w.payload.data());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(w.payload.size()));
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
        curl_easy_setopt(easy, CURLOPT_USERAGENT, "jne-webhooks/2");
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(settings_.connect_timeout.count()));
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                         static_cast<long>(settings_.answer_timeout.count()));
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, open_checked);
        curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, t.get());
        // Straight to the receiver: through a proxy, the address checked would be the proxy's.
        curl_easy_setopt(easy, CURLOPT_PROXY, "");
        curl_multi_add_handle(multi, easy);
        in_flight.emplace(easy, std::move(t));
    };

    auto finish = [&](CURL* easy, CURLcode result) {
        auto node = in_flight.extract(easy);
        curl_multi_remove_handle(multi, easy);
        long code = 0;
        if (result == CURLE_OK) curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
        curl_easy_cleanup(easy);
        const transfer& t = *node.mapped();
        const std::int64_t now = now_();
        store::delivery_outcome o;
        o.at_ms = now;
        o.code = static_cast<int>(code);
        if (t.refused_address)
            o.answer = "refused: the host resolved to an inward address (--webhook-allow-private)";
        else if (result != CURLE_OK)
            o.answer = curl_easy_strerror(result);
        if (code >= 200 && code < 300) {
            o.state = store::delivery_state::delivered;
            ++counts_.delivered;
        } else if (t.delivery.attempts + 1 >= settings_.max_attempts) {
            o.state = store::delivery_state::dead;
            ++counts_.dead;
            spdlog::warn("webhook: delivery {} of {} to {} is dead after {} attempts: {}",
                         t.delivery.id, t.delivery.airwaybill, printable_url(t.delivery.url),
                         t.delivery.attempts + 1, code != 0 ? std::to_string(code) : o.answer);
        } else {
            const auto delay = retry_delay(settings_, t.delivery.attempts + 1, jitter(random));
            o.next_attempt_ms = now + delay.count();
            ++counts_.retried;
            next_look = std::min(next_look, o.next_attempt_ms);
        }
        // Queued before the next claim, so committed before it: the next status of this
        // airwaybill is not claimed while this one still counts as pending, and is claimed
        // at once after it.
        writes_.submit(
            [id = t.delivery.id, o](store::write_batch& b) { b.webhooks().record_attempt(id, o); },
            [](bool) {});
        woken_ = true;
    };

    while (!stopping_) {
        const std::int64_t now = now_();
        const std::size_t free_slots = settings_.concurrency - in_flight.size();
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
            for (auto& d : claimed) start(std::move(d));
            if (claimed.size() == free_slots) woken_ = true;  // more may be due
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg* m = curl_multi_info_read(multi, &left))
            if (m->msg == CURLMSG_DONE) finish(m->easy_handle, m->data.result);
        const auto wait = std::clamp<std::int64_t>(next_look - now_(), 1, 1000);
        curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait), nullptr);
    }

    // Unsent: give them back now rather than when their leases run out.
    std::vector<std::int64_t> unsent;
    for (auto& [easy, t] : in_flight) {
        unsent.push_back(t->delivery.id);
        curl_multi_remove_handle(multi, easy);
        curl_easy_cleanup(easy);
    }
    in_flight.clear();
    if (!unsent.empty())
        write_and_wait([&](store::write_batch& b) {
            for (std::int64_t id : unsent) b.webhooks().release(id);
        });
}

}  // namespace jne::webhook
