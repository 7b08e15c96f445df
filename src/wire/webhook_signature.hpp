#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jne::wire {

/// X-Jne-Signature, as Stripe signs its webhooks: "t=UNIX_SECONDS,v1=HEX", HEX being the
/// lowercase hex HMAC-SHA256, keyed with the subscription's secret, of UNIX_SECONDS + "." + body.
/// The time inside the signed text lets a receiver refuse a replayed old delivery.
std::string sign_webhook(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

/// True when `header` signs `body` with `secret` and its time is within `tolerance_seconds` of
/// `now` (compared in constant time). Every v1 in the header is tried, as during a secret's
/// rotation a sender may sign with both.
bool verify_webhook(std::string_view header, std::string_view secret, std::string_view body,
                    std::int64_t now, std::int64_t tolerance_seconds = 300);

}  // namespace jne::wire
