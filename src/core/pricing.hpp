#pragma once

#include "core/catalogue.hpp"
#include "core/weight.hpp"

#include <span>
#include <vector>

namespace jne::core {

/// One service priced for a parcel.
struct quote_line {
    const service* offered = nullptr;
    std::int64_t amount = 0;  ///< rupiah
    std::optional<int> etd_from;
    std::optional<int> etd_thru;
};

/// Prices every rate of a route for a parcel of `weight`: per kilogram of the
/// chargeable weight (at least the service's minimum), or flat. Rates of unknown
/// services and services that refuse the weight are left out; the rest come in
/// the services' rank order.
std::vector<quote_line> price_route(std::span<const rate> rates, const catalogue& services,
                                    grams weight);

/// The cost of one shipment of `weight` by `rate` (used when an airwaybill is issued).
std::int64_t price_of(const rate& r, const service& s, grams weight);

}  // namespace jne::core
