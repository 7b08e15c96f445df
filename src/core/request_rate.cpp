#include "core/request_rate.hpp"

#include <charconv>

namespace jne::core {

namespace {

std::optional<std::uint32_t> whole(std::string_view digits, std::uint32_t most) {
    std::uint32_t n = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || n == 0 ||
        n > most)
        return std::nullopt;
    return n;
}

}  // namespace

std::optional<request_rate> parse_rate(std::string_view text) {
    if (text == "none" || text == "off") return request_rate{};
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const auto events = whole(text.substr(0, slash), 1'000'000);
    std::string_view period = text.substr(slash + 1);
    std::optional<std::uint32_t> seconds;
    if (period == "s")
        seconds = 1;
    else if (period == "min")
        seconds = 60;
    else if (period == "h")
        seconds = 3600;
    else if (period.ends_with('s'))
        seconds = whole(period.substr(0, period.size() - 1), 86'400);
    if (!events || !seconds) return std::nullopt;
    return request_rate{*events, *seconds};
}

std::string format_rate(request_rate r) {
    if (!r.limited()) return "none";
    std::string out = std::to_string(r.events) + "/";
    switch (r.seconds) {
        case 1:
            return out + "s";
        case 60:
            return out + "min";
        case 3600:
            return out + "h";
        default:
            return out + std::to_string(r.seconds) + "s";
    }
}

}  // namespace jne::core
