#include "core/weight.hpp"

#include "api/text.hpp"

#include <algorithm>
#include <cmath>

namespace jne::core {

namespace {
constexpr std::int64_t max_grams = heaviest_kilograms * 1000;
constexpr std::int64_t tolerance_grams = 300;  // JNE's published rounding tolerance

bool is_digit(char c) { return c >= '0' && c <= '9'; }

using api::trim;
}  // namespace

std::optional<grams> parse_weight(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    std::int64_t whole = 0;
    std::size_t i = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) {
        whole = whole * 10 + (text[i] - '0');
        if (whole > max_grams / 1000) return std::nullopt;
    }
    const bool has_whole = i > 0;
    std::int64_t fraction = 0;  // in grams
    bool has_fraction = false;
    if (i < text.size() && text[i] == '.') {
        ++i;
        std::int64_t scale = 100;
        bool beyond_gram = false;
        for (; i < text.size() && is_digit(text[i]); ++i, has_fraction = true) {
            if (scale > 0) {
                fraction += (text[i] - '0') * scale;
                scale /= 10;
            } else if (text[i] != '0') {
                beyond_gram = true;
            }
        }
        if (beyond_gram) ++fraction;
    }
    if (i != text.size() || (!has_whole && !has_fraction)) return std::nullopt;
    const std::int64_t total = whole * 1000 + fraction;
    if (total <= 0 || total > max_grams) return std::nullopt;
    return grams{total};
}

std::int64_t chargeable_kilograms(grams weight) {
    std::int64_t kilograms = weight.value / 1000;
    if (weight.value % 1000 > tolerance_grams) ++kilograms;
    return kilograms < 1 ? 1 : kilograms;
}

std::optional<grams> volumetric_weight(std::string_view length_cm, std::string_view width_cm,
                                       std::string_view height_cm) {
    // parse_weight reads "30" as 30,000 thousandths: the same decimals, in thousandths of a cm.
    const auto l = parse_weight(length_cm), w = parse_weight(width_cm), h = parse_weight(height_cm);
    if (!l || !w || !h) return std::nullopt;
    // In cm³ ÷ 6 = grams; long double keeps 100,000 cm sides from overflowing.
    const long double cubic_cm = static_cast<long double>(l->value) * w->value * h->value / 1e9L;
    const long double g = std::ceil(cubic_cm / 6 - 1e-9L);
    if (g > static_cast<long double>(heaviest_kilograms) * 1000) return std::nullopt;
    return grams{std::max<std::int64_t>(1, static_cast<std::int64_t>(g))};
}

}  // namespace jne::core
