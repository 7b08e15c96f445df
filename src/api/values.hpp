#pragma once

// The one grammar of the values the API takes, as merchants send them: trimmed text, digits,
// upper case, weights in kilograms, whole rupiah, DD-MM-YYYY dates and HH:MM times. `wire`
// checks requests with it and `core` reads weights with it: one rule, one failure path each.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jne::api {

/// Without the spaces and tabs around it: how every value the API takes is read.
constexpr std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// True when `s` is ASCII digits and nothing else (and not empty).
constexpr bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

/// True when every character of `s` is '0' (an empty `s` too).
constexpr bool all_zero(std::string_view s) {
    for (char c : s)
        if (c != '0') return false;
    return true;
}

/// ASCII upper case; other bytes (UTF-8 included) pass through unchanged.
inline std::string to_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

/// True when `s` is well-formed UTF-8 (by its lead and continuation bytes).
constexpr bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80         ? 1
                              : (c >> 5) == 6  ? 2
                              : (c >> 4) == 14 ? 3
                              : (c >> 3) == 30 ? 4
                                               : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t j = 1; j < n; ++j)
            if ((static_cast<unsigned char>(s[i + j]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

/// A whole number of digits alone ("0042" is 42), up to 18 digits; nothing otherwise.
constexpr std::optional<std::int64_t> whole_number(std::string_view digits) {
    if (!all_digits(digits)) return std::nullopt;
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits.size() > 18) return std::nullopt;
    std::int64_t n = 0;
    for (char c : digits) n = n * 10 + (c - '0');
    return n;
}

/// A weight in grams, the unit every rule works in (no floating point).
struct grams {
    std::int64_t value = 0;
    friend auto operator<=>(const grams&, const grams&) = default;
};

/// The heaviest parcel: anything above is a typo.
inline constexpr std::int64_t heaviest_kilograms = 100'000;

/// What a decimal number of kilograms is: a weight, none (not a positive number: zero,
/// negative, an exponent, "inf", letters), or more than any parcel weighs.
enum class decimal_fault { none, not_positive, too_heavy };
struct kilograms_reading {
    grams weight;
    decimal_fault fault = decimal_fault::none;
};

/// Reads kilograms as merchants send them, already trimmed: "1", "1.5", ".25", "+2", "1.";
/// digits beyond the gram round up, so "1.3001" is heavier than "1.3".
constexpr kilograms_reading read_kilograms(std::string_view s) {
    constexpr kilograms_reading none{{}, decimal_fault::not_positive};
    constexpr kilograms_reading too_heavy{{}, decimal_fault::too_heavy};
    if (s.starts_with('+')) s.remove_prefix(1);
    const auto point = s.find('.');
    std::string_view whole = s.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : s.substr(point + 1);
    if (whole.empty() && fraction.empty()) return none;
    if ((!whole.empty() && !all_digits(whole)) || (!fraction.empty() && !all_digits(fraction)))
        return none;
    if (all_zero(whole) && all_zero(fraction)) return none;
    while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
    if (whole.size() > 6) return too_heavy;
    const std::int64_t kilograms = whole_number(whole.empty() ? "0" : whole).value_or(0);
    if (kilograms > heaviest_kilograms || (kilograms == heaviest_kilograms && !all_zero(fraction)))
        return too_heavy;
    std::int64_t g = 0;  // the fraction in grams, rounded up beyond the gram
    for (std::size_t i = 0; i < 3; ++i) g = g * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    if (fraction.size() > 3 && !all_zero(fraction.substr(3))) ++g;
    return {grams{kilograms * 1000 + g}};
}

/// A day as DD-MM-YYYY names it, compared in time order.
struct calendar_date {
    int year = 0;
    int month = 0;
    int day = 0;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 reads the defaulted <=>'s 0 as a pointer
    friend auto operator<=>(const calendar_date&, const calendar_date&) = default;
};

/// DD-MM-YYYY, a real day of a year from 1900 on; nothing otherwise.
constexpr std::optional<calendar_date> read_date(std::string_view s) {
    if (s.size() != 10 || s[2] != '-' || s[5] != '-') return std::nullopt;
    const auto day = whole_number(s.substr(0, 2)), month = whole_number(s.substr(3, 2)),
               year = whole_number(s.substr(6, 4));
    if (!day || !month || !year) return std::nullopt;
    constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*month < 1 || *month > 12 || *day < 1 || *day > days[*month - 1] || *year < 1900)
        return std::nullopt;
    const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
    if (*month == 2 && *day == 29 && !leap) return std::nullopt;
    return calendar_date{static_cast<int>(*year), static_cast<int>(*month), static_cast<int>(*day)};
}

/// A time of day as H:MM or HH:MM, 24 hours; nothing otherwise.
struct clock_time {
    int hour = 0;
    int minute = 0;
    friend auto operator<=>(const clock_time&, const clock_time&) = default;
};
constexpr std::optional<clock_time> read_clock_time(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3)
        return std::nullopt;
    const auto hour = whole_number(s.substr(0, colon)), minute = whole_number(s.substr(colon + 1));
    if (!hour || !minute || *hour > 23 || *minute > 59) return std::nullopt;
    return clock_time{static_cast<int>(*hour), static_cast<int>(*minute)};
}

}  // namespace jne::api
