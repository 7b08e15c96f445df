#pragma once

#include "api/values.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace jne::core {

/// A weight in grams, the unit every rule works in (no floating point): the API's grammar's.
using api::grams;
using api::heaviest_kilograms;

/// Parses a weight in kilograms as merchants send it: "1", "1.5", "0.25", " 2 ".
/// Digits beyond the gram round up, so "1.3001" is heavier than "1.3".
/// Refuses zero, negatives, exponents, "inf", "nan" and anything above 100 tonnes.
std::optional<grams> parse_weight(std::string_view text);

/// JNE's chargeable weight in whole kilograms: at least one kilogram; the fraction
/// above a whole kilogram is dropped up to 0.30 kg and rounded up beyond it.
std::int64_t chargeable_kilograms(grams weight);

/// The weight a parcel's size stands for: length × width × height (cm) / 6000 kg, JNE's
/// divisor, rounded up to the gram. Each side is read as a weight is ("30", "12.5"); nothing
/// when one is not a positive number or the result is past the heaviest parcel.
std::optional<grams> volumetric_weight(std::string_view length_cm, std::string_view width_cm,
                                       std::string_view height_cm);

}  // namespace jne::core
