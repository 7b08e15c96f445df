#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jne::core {

/// Airwaybill numbers: 16 digits, the last a Luhn check digit over the other 15,
/// so that a mistyped digit or a swap of neighbours is refused before any lookup.
/// Numbers this system issues are `88` followed by a 13-digit sequence number
/// from the database (never reused) and the check digit.
inline constexpr std::string_view issued_prefix = "88";

/// The check digit that makes `body` (digits only) pass Luhn.
char luhn_check_digit(std::string_view body);

/// True for 16 digits whose last is the Luhn check digit of the others.
bool valid_airwaybill(std::string_view number);

/// The airwaybill for a sequence number (1 … 10^13 − 1).
std::string airwaybill_from_sequence(std::int64_t sequence);

}  // namespace jne::core
