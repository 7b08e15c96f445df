#pragma once

// The one grammar of the values the API takes, as merchants send them: trimmed text, digits,
// upper case, weights in kilograms, whole rupiah, DD-MM-YYYY dates and HH:MM times. `wire`
// checks requests with it and `core` reads weights with it: one rule, one failure path each.

#include <compare>
#include <cstdint>
#include <cstdio>
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
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 reads the defaulted <=>'s 0 as a pointer
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
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 reads the defaulted <=>'s 0 as a pointer
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

/// A weight in kilograms as JNE writes it: "1", "1.5", "0.25".
inline std::string format_kilograms(grams weight) {
    std::string out = std::to_string(weight.value / 1000);
    if (const auto rest = weight.value % 1000; rest != 0) {
        std::string fraction = std::to_string(rest);
        fraction = std::string(3 - fraction.size(), '0') + fraction;
        while (fraction.back() == '0') fraction.pop_back();
        out += "." + fraction;
    }
    return out;
}

/// A parcel's side to the thousandth of a centimetre, read as a weight is ("30", "12.5"):
/// the volumetric rule multiplies the sides exactly, so no floating point is kept.
struct centimetres {
    std::int64_t thousandths = 0;
    // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 reads the defaulted <=>'s 0 as a pointer
    friend auto operator<=>(const centimetres&, const centimetres&) = default;
};

/// A positive side of at most 100,000 cm, already trimmed; nothing otherwise.
constexpr std::optional<centimetres> read_centimetres(std::string_view s) {
    const kilograms_reading read = read_kilograms(s);
    if (read.fault != decimal_fault::none) return std::nullopt;
    return centimetres{read.weight.value};
}

/// A side as a merchant writes it: "30", "12.5".
inline std::string format_centimetres(centimetres side) {
    return format_kilograms(grams{side.thousandths});
}

/// DD-MM-YYYY, as JNE's requests write a day.
inline std::string format_date(const calendar_date& d) {
    char out[16];
    std::snprintf(out, sizeof out, "%02d-%02d-%04d", d.day, d.month, d.year);
    return out;
}

/// HH:MM, 24 hours.
inline std::string format_clock_time(const clock_time& t) {
    char out[8];
    std::snprintf(out, sizeof out, "%02d:%02d", t.hour, t.minute);
    return out;
}

// ---- times: JNE writes them in WIB (UTC+7, no daylight saving) -------------------------------

/// Seconds since 1970-01-01T00:00:00Z.
using unix_seconds = std::int64_t;

/// Days since 1970-01-01 of a day of the proleptic Gregorian calendar (H. Hinnant's algorithm).
constexpr std::int64_t days_from_civil(std::int64_t year, int month, int day) {
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = year - era * 400;
    const std::int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const auto doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/// A moment as a WIB clock shows it.
struct wib_time {
    std::int64_t year = 1970;
    int month = 1, day = 1, hour = 7, minute = 0, second = 0;
};
constexpr wib_time to_wib(unix_seconds t) {
    t += std::int64_t{7} * 3600;
    std::int64_t days = t / 86400, in_day = t % 86400;
    if (in_day < 0) in_day += 86400, --days;
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = z - era * 146097;
    const auto yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const auto doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const auto mp = (5 * doy + 2) / 153;
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (month <= 2 ? 1 : 0),         month,
            static_cast<int>(doy - (153 * mp + 2) / 5 + 1), static_cast<int>(in_day / 3600),
            static_cast<int>(in_day % 3600 / 60),           static_cast<int>(in_day % 60)};
}

namespace detail {
inline std::string printed(const char* pattern, const wib_time& w, bool day_first) {
    char out[48];
    if (day_first)
        std::snprintf(out, sizeof out, pattern, w.day, w.month, static_cast<long long>(w.year),
                      w.hour, w.minute, w.second);
    else
        std::snprintf(out, sizeof out, pattern, static_cast<long long>(w.year), w.month, w.day,
                      w.hour, w.minute, w.second);
    return out;
}
constexpr std::optional<std::int64_t> digits_at(std::string_view s, std::size_t at, std::size_t n) {
    return s.size() >= at + n ? whole_number(s.substr(at, n)) : std::nullopt;
}
constexpr std::optional<unix_seconds> from_parts(std::int64_t year, std::int64_t month,
                                                 std::int64_t day, std::int64_t hour,
                                                 std::int64_t minute, std::int64_t second,
                                                 std::int64_t offset_minutes) {
    constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1] || hour > 23 || minute > 59 ||
        second > 60)
        return std::nullopt;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return std::nullopt;  // 29-02 of a common year
    return days_from_civil(year, static_cast<int>(month), static_cast<int>(day)) * 86400 +
           hour * 3600 + minute * 60 + second - offset_minutes * 60;
}
}  // namespace detail

/// "09-01-2022 01:26": tracking's history and detail.
inline std::string format_wib_short(unix_seconds t) {
    return detail::printed("%02d-%02d-%04lld %02d:%02d", to_wib(t), true);
}
/// "2022-01-09 01:26:16": the webhook's history.
inline std::string format_wib_seconds(unix_seconds t) {
    return detail::printed("%04lld-%02d-%02d %02d:%02d:%02d", to_wib(t), false);
}
/// "2022-01-09T01:26:16.000+07:00": tracking's dates.
inline std::string format_wib_iso(unix_seconds t) {
    return detail::printed("%04lld-%02d-%02dT%02d:%02d:%02d.000+07:00", to_wib(t), false);
}

/// Reads "2026-11-28T10:00:00+07:00" (offset optional, Z allowed, fraction ignored, a space for
/// the T; WIB when absent), "2026-11-28 10:00:00" (WIB) or "28-11-2026 10:00" (WIB).
constexpr std::optional<unix_seconds> parse_time(std::string_view s) {
    using detail::digits_at;
    constexpr int wib_minutes = 7 * 60;
    if (s.size() == 16 && s[2] == '-' && s[5] == '-' && s[10] == ' ' && s[13] == ':') {
        const auto d = digits_at(s, 0, 2), m = digits_at(s, 3, 2), y = digits_at(s, 6, 4);
        const auto h = digits_at(s, 11, 2), mi = digits_at(s, 14, 2);
        if (!d || !m || !y || !h || !mi) return std::nullopt;
        return detail::from_parts(*y, *m, *d, *h, *mi, 0, wib_minutes);
    }
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':')
        return std::nullopt;
    const auto y = digits_at(s, 0, 4), m = digits_at(s, 5, 2), d = digits_at(s, 8, 2);
    const auto h = digits_at(s, 11, 2), mi = digits_at(s, 14, 2), sec = digits_at(s, 17, 2);
    if (!y || !m || !d || !h || !mi || !sec) return std::nullopt;
    std::string_view rest = s.substr(19);
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        while (!rest.empty() && is_digit(rest.front())) rest.remove_prefix(1);
    }
    std::int64_t offset = wib_minutes;
    if (rest == "Z") {
        offset = 0;
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        const auto oh = digits_at(rest, 1, 2), om = digits_at(rest, 4, 2);
        if (!oh || !om) return std::nullopt;
        offset = (*oh * 60 + *om) * (rest[0] == '-' ? -1 : 1);
    } else if (!rest.empty()) {
        return std::nullopt;
    }
    return detail::from_parts(*y, *m, *d, *h, *mi, *sec, offset);
}

}  // namespace jne::api
