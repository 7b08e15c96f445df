#include "webhook/retry_policy.hpp"

#include <algorithm>

namespace jne::webhook {

std::chrono::milliseconds retry_delay(const sender_settings& s, int attempt, double random01) {
    auto delay = s.backoff;
    for (int i = 1; i < attempt && delay < s.backoff_cap; ++i) delay *= 2;
    delay = std::min(delay, s.backoff_cap);
    const double kept = 1.0 - 0.5 * std::clamp(random01, 0.0, 1.0);
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(static_cast<double>(delay.count()) * kept));
}

store::delivery_outcome outcome_of(const store::webhook_delivery& d, const attempt_result& r,
                                   std::int64_t now_ms, const sender_settings& s, double random01) {
    store::delivery_outcome o;
    o.at_ms = now_ms;
    o.code = r.status;
    if (r.refused_address)
        o.answer = "refused: the host resolved to an inward address (--webhook-allow-private)";
    else
        o.answer = r.failure;
    if (r.status >= 200 && r.status < 300)
        o.state = store::delivery_state::delivered;
    else if (d.attempts + 1 >= s.max_attempts)
        o.state = store::delivery_state::dead;
    else
        o.next_attempt_ms = now_ms + retry_delay(s, d.attempts + 1, random01).count();
    return o;
}

}  // namespace jne::webhook
