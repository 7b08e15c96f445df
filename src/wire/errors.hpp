#pragma once

#include "api/error.hpp"
#include "wire/routes.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace jne::wire {

/// A status and body to send.
struct answer {
    unsigned status = 200;
    std::string_view content_type = "application/json";  ///< a literal
    std::string body;
    /// Set instead of `body` for bytes many answers share (a cached tariff, a city list):
    /// sent as they are, never copied.
    std::shared_ptr<const std::string> shared_body;
    /// Sent as `Retry-After` (seconds) when set: a 429 or a 503 saying when to come back.
    std::uint32_t retry_after = 0;
    // The web page's files (all views of bytes that outlive the answer; empty: not sent).
    std::string_view etag;           ///< `ETag`, quoted: "\"3f2a…\""
    std::string_view cache_control;  ///< `Cache-Control`
    std::string_view extra_headers;  ///< whole header lines, each ending in CRLF

    std::string_view bytes() const {
        return shared_body ? std::string_view(*shared_body) : std::string_view(body);
    }
};

/// The one table from an API error to JNE's body for a route, and its HTTP
/// status (200 for every business outcome, as JNE answers).
answer encode_failure(route r, const api::failure& f);

/// Bodies for failures below the API: 400, 404, 405, 413, 500, 503.
answer encode_http_error(unsigned status);

/// 429 with `Retry-After`: a client guessing keys, or an account past its own rate.
answer encode_too_many_requests(std::chrono::seconds retry_after);

/// A failure's reason in JNE's words (or the project's, for its own routes): the one
/// place where what a service said becomes a sentence.
std::string reason_for(route r, const api::failure& f);

/// The wording JNE uses for a mandatory field left empty on generatecnote.
std::string missing_field_reason(std::string_view field);

}  // namespace jne::wire
