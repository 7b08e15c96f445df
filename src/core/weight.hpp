#pragma once

#include "api/shipment.hpp"
#include "api/values.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace jne::core {

/// A weight in grams, the unit every rule works in (no floating point): the API's grammar's.
using api::grams;
using api::heaviest_kilograms;

/// JNE's chargeable weight in whole kilograms: at least one kilogram; the fraction
/// above a whole kilogram is dropped up to 0.30 kg and rounded up beyond it.
std::int64_t chargeable_kilograms(grams weight);

/// The weight a parcel's size stands for: length × width × height (cm) / 6000 kg, JNE's
/// divisor, rounded up to the gram; nothing when it is past the heaviest parcel.
std::optional<grams> volumetric_weight(const api::parcel_size& size);

}  // namespace jne::core
