#pragma once

#include <string>
#include <string_view>

namespace jne::test {

/// The text of tests/golden/NAME.
std::string golden(const std::string& name);

/// Empty when `actual` is the same JSON as `expected` key by key, in key order,
/// with the same types (a string "1" is not a number 1); else where they differ.
std::string json_difference(std::string_view expected, std::string_view actual);

}  // namespace jne::test
