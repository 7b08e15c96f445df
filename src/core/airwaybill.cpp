#include "core/airwaybill.hpp"

#include "core/text.hpp"

#include <stdexcept>

namespace jne::core {

char luhn_check_digit(std::string_view body) {
    int sum = 0;
    bool double_it = true;  // the digit left of the check digit is doubled
    for (auto it = body.rbegin(); it != body.rend(); ++it, double_it = !double_it) {
        int d = *it - '0';
        if (double_it) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool valid_airwaybill(std::string_view number) {
    return number.size() == 16 && all_digits(number) &&
           luhn_check_digit(number.substr(0, 15)) == number[15];
}

std::string airwaybill_from_sequence(std::int64_t sequence) {
    constexpr std::int64_t limit = 10'000'000'000'000;  // 13 digits
    if (sequence <= 0 || sequence >= limit)
        throw std::out_of_range("airwaybill sequence exhausted");
    std::string digits = std::to_string(sequence);
    std::string body = std::string(issued_prefix) + std::string(13 - digits.size(), '0') + digits;
    return body + luhn_check_digit(body);
}

}  // namespace jne::core
