#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jne::core {

/// So many events per so many seconds, as operators write it: "100/s", "20/min", "5000/h".
/// A rate of no events is no limit at all.
struct request_rate {
    std::uint32_t events = 0;
    std::uint32_t seconds = 1;

    bool limited() const { return events > 0; }
    /// The time one event takes from the allowance.
    std::chrono::nanoseconds interval() const {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::seconds(seconds)) /
               events;
    }
    bool operator==(const request_rate&) const = default;
};

/// "N/s", "N/min", "N/h" or "N/Ns" (N from 1 to a million, a period up to a day); "none" or
/// "off" is no limit. Anything else: nothing.
std::optional<request_rate> parse_rate(std::string_view text);

/// The shape parse_rate reads: "100/s", "20/min", "none".
std::string format_rate(request_rate r);

}  // namespace jne::core
