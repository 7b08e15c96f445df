#include "core/pricing.hpp"

#include <algorithm>

namespace jne::core {

std::int64_t price_of(const rate& r, const service& s, grams weight) {
    if (s.flat) return r.price;
    return r.price * std::max(chargeable_kilograms(weight), s.min_kilograms);
}

std::vector<quote_line> price_route(std::span<const rate> rates, const catalogue& services,
                                    grams weight) {
    std::vector<quote_line> lines;
    lines.reserve(rates.size());
    const std::int64_t kilograms = chargeable_kilograms(weight);
    for (const rate& r : rates) {
        const service* s = services.find_service(r.service);
        if (s == nullptr || (!s->flat && kilograms > s->max_kilograms)) continue;
        lines.push_back({s, price_of(r, *s, weight), r.etd_from, r.etd_thru});
    }
    std::stable_sort(lines.begin(), lines.end(), [](const quote_line& a, const quote_line& b) {
        return a.offered->rank < b.offered->rank;
    });
    return lines;
}

}  // namespace jne::core
