#include "webhook/curl_transport.hpp"

#include "webhook/destination.hpp"
#include "wire/webhook_signature.hpp"

#include <curl/curl.h>

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

namespace jne::webhook {

namespace {

// What libcurl's socket callback is told and tells back about one transfer.
struct address_check {
    bool allow_inward = false;
    bool refused = false;  // the host resolved to an inward address at connection time
};

}  // namespace

// One attempt in flight: the easy handle's buffers live as long as it does.
struct curl_transport::transfer {
    store::webhook_delivery delivery;
    curl_slist* headers = nullptr;
    address_check check;
    ~transfer() { curl_slist_free_all(headers); }
    transfer() = default;
    transfer(const transfer&) = delete;
    transfer& operator=(const transfer&) = delete;
};

namespace {

// A receiver's answer body is not kept: it may hold what an inward URL should never have shown
// (`webhooks deliveries` keeps the status and the time).
std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

struct curl_global {
    curl_global() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

// libcurl's socket for each address it connects to: refused when the address is inward, checked
// here, after resolution, so that a name that resolves elsewhere than when it was added is
// caught (webhook/destination.hpp).
namespace {

curl_socket_t open_checked(void* target, curlsocktype purpose, curl_sockaddr* address) {
    auto* check = static_cast<address_check*>(target);
    if (purpose == CURLSOCKTYPE_IPCXN && !check->allow_inward) {
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
            check->refused = true;
            return CURL_SOCKET_BAD;
        }
    }
    return socket(address->family, address->socktype, address->protocol);
}

}  // namespace

curl_transport::curl_transport(const sender_settings& settings) : settings_(settings) {
    static const curl_global once;
    multi_ = curl_multi_init();
}

curl_transport::~curl_transport() {
    abandon();
    curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

void curl_transport::send(store::webhook_delivery d, std::int64_t now_seconds) {
    auto t = std::make_unique<transfer>();
    t->delivery = std::move(d);
    t->check.allow_inward = settings_.allow_inward;
    const store::webhook_delivery& w = t->delivery;
    t->headers = curl_slist_append(t->headers, "Content-Type: application/json");
    t->headers = curl_slist_append(t->headers, ("X-Jne-Event-Id: " + w.event_id).c_str());
    t->headers = curl_slist_append(
        t->headers,
        ("X-Jne-Signature: " + wire::sign_webhook(w.secret, now_seconds, w.payload)).c_str());
    t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
    CURL* easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_URL, w.url.c_str());
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, w.payload.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(w.payload.size()));
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "jne-webhooks/2");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(settings_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.answer_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, open_checked);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, &t->check);
    // Straight to the receiver: through a proxy, the address checked would be the proxy's.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_multi_add_handle(static_cast<CURLM*>(multi_), easy);
    transfers_.emplace(easy, std::move(t));
}

std::vector<std::pair<store::webhook_delivery, attempt_result>> curl_transport::finished() {
    auto* multi = static_cast<CURLM*>(multi_);
    int running = 0;
    curl_multi_perform(multi, &running);
    std::vector<std::pair<store::webhook_delivery, attempt_result>> done;
    int left = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
        if (m->msg != CURLMSG_DONE) continue;
        CURL* easy = m->easy_handle;
        const CURLcode result = m->data.result;
        auto node = transfers_.extract(easy);
        curl_multi_remove_handle(multi, easy);
        attempt_result r;
        long status = 0;
        if (result == CURLE_OK)
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        else
            r.failure = curl_easy_strerror(result);
        curl_easy_cleanup(easy);
        r.status = static_cast<int>(status);
        r.refused_address = node.mapped()->check.refused;
        done.emplace_back(std::move(node.mapped()->delivery), std::move(r));
    }
    return done;
}

void curl_transport::poll(std::chrono::milliseconds wait) {
    curl_multi_poll(static_cast<CURLM*>(multi_), nullptr, 0, static_cast<int>(wait.count()),
                    nullptr);
}

void curl_transport::wakeup() { curl_multi_wakeup(static_cast<CURLM*>(multi_)); }

std::vector<std::int64_t> curl_transport::abandon() {
    std::vector<std::int64_t> ids;
    for (auto& [easy, t] : transfers_) {
        ids.push_back(t->delivery.id);
        curl_multi_remove_handle(static_cast<CURLM*>(multi_), easy);
        curl_easy_cleanup(easy);
    }
    transfers_.clear();
    return ids;
}

}  // namespace jne::webhook
