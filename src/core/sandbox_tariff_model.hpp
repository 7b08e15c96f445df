#pragma once

#include "core/catalogue.hpp"

#include <string_view>
#include <vector>

namespace jne::core {

/// The great-circle distance between two hubs, in kilometres.
double distance_km(const hub& a, const hub& b);

/// The sandbox's rates for a route that no tariff row covers: a documented
/// distance model calibrated on JNE's real Jakarta table (README, "Tariff model").
/// Deterministic: the same route always gets the same rates.
std::vector<rate> sandbox_rates(std::string_view destination_code, const hub& from, const hub& to);

}  // namespace jne::core
