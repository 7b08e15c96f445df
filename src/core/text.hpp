#pragma once

#include <string>
#include <string_view>

namespace jne::core {

/// ASCII upper case; other bytes (UTF-8 included) pass through unchanged.
std::string to_upper(std::string_view text);

/// Upper case with runs of blanks folded to one space and the ends trimmed:
/// the form in which names are compared and searched.
std::string normalise(std::string_view text);

/// True when `text` has `n` ASCII digits and nothing else.
bool all_digits(std::string_view text);

}  // namespace jne::core
