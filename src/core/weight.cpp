#include "core/weight.hpp"

#include "api/values.hpp"

#include <algorithm>
#include <cmath>

namespace jne::core {

namespace {
constexpr std::int64_t tolerance_grams = 300;  // JNE's published rounding tolerance
}  // namespace

std::int64_t chargeable_kilograms(grams weight) {
    std::int64_t kilograms = weight.value / 1000;
    if (weight.value % 1000 > tolerance_grams) ++kilograms;
    return kilograms < 1 ? 1 : kilograms;
}

std::optional<grams> volumetric_weight(const api::parcel_size& size) {
    // Sides in thousandths of a cm; cm³ ÷ 6 = grams; long double keeps 100,000 cm sides from
    // overflowing.
    const long double cubic_cm = static_cast<long double>(size.length.thousandths) *
                                 size.width.thousandths * size.height.thousandths / 1e9L;
    const long double g = std::ceil(cubic_cm / 6 - 1e-9L);
    if (g > static_cast<long double>(heaviest_kilograms) * 1000) return std::nullopt;
    return grams{std::max<std::int64_t>(1, static_cast<std::int64_t>(g))};
}

}  // namespace jne::core
