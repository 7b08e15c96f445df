#pragma once

#include <string_view>

namespace jne::api {

/// Without the spaces and tabs around it: how every value the API takes is read.
constexpr std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace jne::api
