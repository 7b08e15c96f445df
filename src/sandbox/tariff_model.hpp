#pragma once

#include "core/catalogue.hpp"

#include <string_view>
#include <vector>

namespace jne::sandbox {

/// The great-circle distance between two hubs, in kilometres.
double distance_km(const core::hub& a, const core::hub& b);

/// The sandbox's rates for a route that no tariff row covers: a documented
/// distance model calibrated on JNE's real Jakarta table (README, "Tariff model").
/// Deterministic: the same route always gets the same rates.
std::vector<core::rate> model_rates(std::string_view destination_code, const core::hub& from,
                                    const core::hub& to);

}  // namespace jne::sandbox
