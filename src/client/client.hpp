#pragma once

#include "api/error.hpp"
#include "api/events.hpp"
#include "api/label.hpp"
#include "api/locations.hpp"
#include "api/shipment.hpp"
#include "api/tariff.hpp"
#include "api/tracking.hpp"
#include "wire/routes.hpp"

#include <boost/system/result.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace jne::client {

/// Where and as whom the client calls.
struct options {
    std::string base_url = "http://apiv2.jne.co.id:10102";  ///< JNE's documented server
    std::string username;
    std::string api_key;
    std::chrono::milliseconds connect_timeout{5'000};
    std::chrono::milliseconds request_timeout{30'000};
    int retries = 2;                               ///< further tries of a safe call
    std::chrono::milliseconds retry_backoff{200};  ///< doubled at each retry
    /// For an https base URL: the certificates (PEM) to trust instead of the system's, such as
    /// a sandbox's self-signed one. Empty: the system's.
    std::string ca_file{};
};

/// What went wrong, told apart: the network, an HTTP status, or one of JNE's
/// error bodies (the failure's code says which, its reason the message).
struct error {
    enum class kind { transport, http_status, api } what;
    std::string message;  ///< transport: curl's words; http_status: the body
    long http_status = 0;
    api::failure failure = api::fail(api::error::unavailable);
};

template <class T>
using result = boost::system::result<T, error>;

[[noreturn]] void throw_exception_from_error(const error& e, const boost::source_location&);

/// A raw answer, for callers that want the bytes.
struct response {
    long status = 0;
    std::string body;
};

using fields = std::vector<std::pair<std::string, std::string>>;

/// A connection to a JNE API server, kept alive between calls. Not for use
/// from two threads at once: give each thread its own client.
class client {
public:
    explicit client(options opts);
    ~client();
    client(client&&) noexcept;
    client& operator=(client&&) noexcept;

    /// Get Tariff as JNE's own clients ask it: the weight as text ("1", "1.5"), read by the
    /// server, which answers "price not found" to one it cannot read.
    result<api::price_list> tariff(const std::string& from, const std::string& thru,
                                   const std::string& weight);
    /// The same from a typed question, optionally with the parcel's size (this server's; JNE's
    /// ignores it): priced by the larger of its weight and its volumetric weight.
    result<api::price_list> tariff(const api::tariff_request& request);
    result<api::place_list> origins();
    result<api::place_list> destinations();
    result<api::place_list> search_destinations(const std::string& text);
    /// Tracks by the path of `via`: JNE's documented one, or the retail (counter) path
    /// some public clients use; both answer the same.
    enum class tracking_path { documented, retail };
    result<api::tracking> track(const std::string& airwaybill,
                                tracking_path via = tracking_path::documented);

    /// Creates a shipment. Retried after a transport failure: a repeated order id
    /// answers with the airwaybill of the first try, which is returned as the
    /// success it was.
    result<api::created> generatecnote(const api::generatecnote_request& request);
    result<api::created> pickup(const api::pickup_request& request);
    result<api::airwaybill_list> reserve_airwaybills(const api::stock_request& request);
    result<api::cancelled> cancel(const std::string& airwaybill, const std::string& by,
                                  const std::string& reason);
    /// Shipping labels (the project's own route): the shipments' labels as one file, or
    /// tracking's errors (unknown airwaybill, another merchant's).
    result<api::label_file> label(const api::label_request& request);

    /// Operators: posts scan events (POST /ops/v1/events).
    result<api::event_batch_result> post_events(const std::vector<api::event_input>& events);

    /// Get Tariff and tracking answered as the server sent them, undecoded (`jne --json`).
    result<response> tariff_raw(const api::tariff_request& request);
    result<response> track_raw(const std::string& airwaybill,
                               tracking_path via = tracking_path::documented);

    /// POSTs `fields` (plus the credentials) urlencoded to `path`.
    result<response> post(const std::string& path, const fields& body_fields);
    /// POSTs a body as it is, with its content type; no credentials are added.
    result<response> post_raw(const std::string& path, const std::string& content_type,
                              const std::string& body);

    const options& settings() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace jne::client
