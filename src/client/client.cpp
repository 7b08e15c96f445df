#include "client/client.hpp"

#include "wire/decode.hpp"
#include "wire/encode.hpp"
#include "wire/errors.hpp"
#include "wire/form.hpp"
#include "wire/requests.hpp"

#include <curl/curl.h>

#include <stdexcept>
#include <thread>

namespace jne::client {

namespace {

struct curl_global {
    curl_global() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

// A body that answers a route is either its success or one of JNE's error bodies.
template <class T>
result<T> decoded(wire::route r, const result<response>& raw,
                  api::result<T> (*decode)(std::string_view)) {
    if (!raw) return raw.error();
    if (raw->status != 200) {
        error e{error::kind::http_status, raw->body, raw->status,
                wire::decode_failure(r, raw->body)};
        return e;
    }
    auto value = decode(raw->body);
    if (!value) return error{error::kind::api, value.error().reason, raw->status, value.error()};
    return std::move(*value);
}

}  // namespace

void throw_exception_from_error(const error& e, const boost::source_location&) {
    throw std::runtime_error("jne client: " + e.message);
}

struct client::impl {
    options opts;
    CURL* curl = nullptr;

    explicit impl(options o) : opts(std::move(o)) {
        static curl_global init;
        curl = curl_easy_init();
        if (curl == nullptr) throw std::runtime_error("curl_easy_init failed");
    }
    ~impl() { curl_easy_cleanup(curl); }

    result<response> send_once(const std::string& path, const std::string& content_type,
                               const std::string& body) {
        response out;
        std::string url = opts.base_url + path;
        curl_slist* headers = nullptr;
        headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
        headers = curl_slist_append(headers, "Accept: application/json");
        headers = curl_slist_append(headers, "Expect:");
        curl_easy_reset(curl);
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out.body);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(opts.connect_timeout.count()));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(opts.request_timeout.count()));
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
        if (!opts.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, opts.ca_file.c_str());
        CURLcode code = curl_easy_perform(curl);
        curl_slist_free_all(headers);
        if (code != CURLE_OK) return error{error::kind::transport, curl_easy_strerror(code), 0, {}};
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
        return out;
    }

    // Reads are retried on transport failures and 5xx; the caller decides what is safe.
    result<response> send(const std::string& path, const std::string& content_type,
                          const std::string& body, bool retry) {
        auto backoff = opts.retry_backoff;
        for (int attempt = 0;; ++attempt) {
            auto r = send_once(path, content_type, body);
            const bool failed = !r || r->status >= 500;
            if (!failed || !retry || attempt >= opts.retries) return r;
            std::this_thread::sleep_for(backoff);
            backoff *= 2;
        }
    }

    // A create: retried on transport failures only (never on an answer), counting tries.
    result<response> send_counted(const std::string& path, const std::string& body, int& tries) {
        auto backoff = opts.retry_backoff;
        for (tries = 1;; ++tries) {
            auto r = send_once(path, "application/x-www-form-urlencoded", body);
            if (r || tries > opts.retries) return r;
            std::this_thread::sleep_for(backoff);
            backoff *= 2;
        }
    }

    std::string form_body(const fields& body_fields) const {
        std::string body;
        auto add = [&body](const std::string& name, const std::string& value) {
            body +=
                (body.empty() ? "" : "&") + wire::url_encode(name) + "=" + wire::url_encode(value);
        };
        for (const auto& [name, value] :
             wire::fields_of(api::credentials{opts.username, opts.api_key}))
            add(name, value);
        for (const auto& [name, value] : body_fields) add(name, value);
        return body;
    }
};

client::client(options opts) : impl_(std::make_unique<impl>(std::move(opts))) {}
client::~client() = default;
client::client(client&&) noexcept = default;
client& client::operator=(client&&) noexcept = default;

const options& client::settings() const { return impl_->opts; }

result<response> client::post(const std::string& path, const fields& body_fields) {
    return impl_->send(path, "application/x-www-form-urlencoded", impl_->form_body(body_fields),
                       true);
}

result<response> client::post_raw(const std::string& path, const std::string& content_type,
                                  const std::string& body) {
    return impl_->send(path, content_type, body, false);
}

result<api::price_list> client::tariff(const std::string& from, const std::string& thru,
                                       const std::string& weight) {
    return decoded(wire::route::pricedev,
                   post(std::string(wire::paths::pricedev),
                        {{"from", from}, {"thru", thru}, {"weight", weight}}),
                   &wire::decode_prices);
}

result<response> client::tariff_raw(const api::tariff_request& request) {
    return post(std::string(wire::paths::pricedev), wire::fields_of(request));
}

result<api::price_list> client::tariff(const api::tariff_request& request) {
    return decoded(wire::route::pricedev, tariff_raw(request), &wire::decode_prices);
}

result<api::place_list> client::origins() {
    return decoded(wire::route::getorigin, post(std::string(wire::paths::getorigin), {}),
                   &wire::decode_cities);
}

result<api::place_list> client::destinations() {
    return decoded(wire::route::getdestination, post(std::string(wire::paths::getdestination), {}),
                   &wire::decode_cities);
}

result<response> client::track_raw(const std::string& airwaybill, tracking_path via) {
    const std::string_view prefix =
        via == tracking_path::retail ? wire::paths::cnote_retail_prefix : wire::paths::cnote_prefix;
    return post(std::string(prefix) + wire::url_encode(airwaybill), {});
}

result<api::tracking> client::track(const std::string& airwaybill, tracking_path via) {
    return decoded(wire::route::cnote, track_raw(airwaybill, via), &wire::decode_tracking);
}

result<api::label_file> client::label(const api::label_request& request) {
    if (request.numbers.empty()) {
        auto f = api::fail(api::error::cnote_not_found, api::problem::no_such_cnote);
        f.reason = wire::reason_for(wire::route::label, f);
        return error{error::kind::api, f.reason, 0, f};
    }
    // The path names the first airwaybill, as tracking's does; the body names them all.
    auto raw =
        post(std::string(wire::paths::label_prefix) + wire::url_encode(request.numbers.front()),
             wire::fields_of(request));
    if (!raw) return raw.error();
    const bool json = raw->body.starts_with("{");
    if (raw->status != 200 || json) {
        auto f = wire::decode_failure(wire::route::label, raw->body);
        return error{raw->status != 200 ? error::kind::http_status : error::kind::api,
                     raw->status != 200 ? raw->body : f.reason, raw->status, std::move(f)};
    }
    return api::label_file{request.format, std::move(raw->body)};
}

namespace {
// A create that was answered "duplicate" after a retry was our own first try:
// its airwaybill is the one issued for this order.
result<api::created> first_try_counts(result<api::created> r, bool retried) {
    if (!r && retried && r.error().failure.code == api::error::duplicate_order)
        return api::created{r.error().failure.airwaybill};
    return r;
}
}  // namespace

result<api::created> client::generatecnote(const api::generatecnote_request& request) {
    int tries = 0;
    auto raw = impl_->send_counted(std::string(wire::paths::generatecnote),
                                   impl_->form_body(wire::fields_of(request)), tries);
    return first_try_counts(decoded(wire::route::generatecnote, raw, &wire::decode_generatecnote),
                            tries > 1);
}

result<api::created> client::pickup(const api::pickup_request& request) {
    int tries = 0;
    auto raw = impl_->send_counted(std::string(wire::paths::pickupcashless),
                                   impl_->form_body(wire::fields_of(request)), tries);
    return first_try_counts(decoded(wire::route::pickupcashless, raw, &wire::decode_pickupcashless),
                            tries > 1);
}

result<api::airwaybill_list> client::reserve_airwaybills(const api::stock_request& request) {
    // Not retried: a second try would reserve a second set.
    auto raw = impl_->send(std::string(wire::paths::stockawb), "application/x-www-form-urlencoded",
                           impl_->form_body(wire::fields_of(request)), false);
    return decoded(wire::route::stockawb, raw, &wire::decode_stockawb);
}

result<api::cancelled> client::cancel(const std::string& airwaybill, const std::string& by,
                                      const std::string& reason) {
    // Not retried: a second try of a cancel that went through would be refused.
    auto raw = impl_->send(
        std::string(wire::paths::cancel), "application/x-www-form-urlencoded",
        impl_->form_body(wire::fields_of(api::cancel_request{airwaybill, by, reason})), false);
    return decoded(wire::route::cancel, raw, &wire::decode_cancelled);
}

result<api::event_batch_result> client::post_events(const std::vector<api::event_input>& events) {
    // Safe to retry: every event carries its idempotency key.
    return decoded(wire::route::events,
                   post(std::string(wire::paths::events), wire::fields_of(events)),
                   &wire::decode_event_results);
}

result<api::place_list> client::search_destinations(const std::string& text) {
    return decoded(
        wire::route::destination_search,
        post(std::string(wire::paths::destination_search_prefix) + wire::url_encode(text), {}),
        &wire::decode_search);
}

}  // namespace jne::client
