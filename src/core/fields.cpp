#include "core/fields.hpp"

#include "core/text.hpp"
#include "core/weight.hpp"

#include <algorithm>
#include <array>

namespace jne::core {

namespace {

using k = field_kind;

constexpr std::array generatecnote_table{
    field_rule{"OLSHOP_BRANCH", true, k::branch, 10},
    field_rule{"OLSHOP_CUST", true, k::customer, 10},
    field_rule{"OLSHOP_ORDERID", true, k::text, 20},
    field_rule{"OLSHOP_SHIPPER_NAME", true, k::text, 30},
    field_rule{"OLSHOP_SHIPPER_ADDR1", true, k::text, 30},
    field_rule{"OLSHOP_SHIPPER_ADDR2", true, k::text, 30},
    field_rule{"OLSHOP_SHIPPER_ADDR3", false, k::text, 30},
    field_rule{"OLSHOP_SHIPPER_CITY", true, k::text, 20},
    field_rule{"OLSHOP_SHIPPER_REGION", false, k::text, 20},
    field_rule{"OLSHOP_SHIPPER_ZIP", true, k::text, 5},
    field_rule{"OLSHOP_SHIPPER_PHONE", true, k::phone, 15},
    field_rule{"OLSHOP_RECEIVER_NAME", true, k::text, 30},
    field_rule{"OLSHOP_RECEIVER_ADDR1", true, k::text, 30},
    field_rule{"OLSHOP_RECEIVER_ADDR2", true, k::text, 30},
    field_rule{"OLSHOP_RECEIVER_ADDR3", false, k::text, 30},
    field_rule{"OLSHOP_RECEIVER_CITY", true, k::text, 20},
    field_rule{"OLSHOP_RECEIVER_REGION", false, k::text, 20},
    field_rule{"OLSHOP_RECEIVER_ZIP", true, k::text, 5},
    field_rule{"OLSHOP_RECEIVER_PHONE", true, k::phone, 15},
    field_rule{"OLSHOP_QTY", true, k::digits, 5},
    field_rule{"OLSHOP_WEIGHT", true, k::decimal, 3},
    field_rule{"OLSHOP_GOODSDESC", true, k::text, 60},
    field_rule{"OLSHOP_GOODSVALUE", true, k::amount, 12},
    field_rule{"OLSHOP_GOODSTYPE", true, k::text, 1},
    field_rule{"OLSHOP_INST", false, k::text, 60},
    field_rule{"OLSHOP_INS_FLAG", true, k::yes_no, 0},
    field_rule{"OLSHOP_ORIG", true, k::origin, 10},
    field_rule{"OLSHOP_DEST", true, k::destination, 10},
    field_rule{"OLSHOP_SERVICE", true, k::service, 10},
    field_rule{"OLSHOP_COD_FLAG", true, k::cod_flag, 3},
    field_rule{"OLSHOP_COD_AMOUNT", true, k::cod_amount, 12, "OLSHOP_COD_FLAG"},
};

constexpr std::array pickupcashless_table{
    field_rule{"PICKUP_NAME", true, k::text, 50},
    field_rule{"PICKUP_DATE", true, k::date, 10},
    field_rule{"PICKUP_TIME", true, k::time_of_day, 30},
    field_rule{"PICKUP_PIC", true, k::text, 30},
    field_rule{"PICKUP_PIC_PHONE", true, k::text, 30},
    field_rule{"PICKUP_ADDRESS", true, k::text, 300},
    field_rule{"PICKUP_DISTRICT", true, k::text, 30},
    field_rule{"PICKUP_CITY", true, k::text, 30},
    field_rule{"PICKUP_SERVICE", true, k::one_of, 30, "DOMESTIC,INTRACITY,ALL,*service"},
    field_rule{"PICKUP_VEHICLE", true, k::one_of, 100, "MOTOR,MOBIL,TRUCK"},
    field_rule{"BRANCH", true, k::branch, 6},
    field_rule{"CUST_ID", true, k::customer, 10},
    field_rule{"ORDER_ID", true, k::text, 20},
    field_rule{"SHIPPER_NAME", true, k::text, 30},
    field_rule{"SHIPPER_ADDR1", true, k::text, 85},
    field_rule{"SHIPPER_ADDR2", true, k::text, 85},
    field_rule{"SHIPPER_ADDR3", false, k::text, 85},
    field_rule{"SHIPPER_CITY", true, k::text, 20},
    field_rule{"SHIPPER_ZIP", true, k::text, 5},
    field_rule{"SHIPPER_REGION", true, k::text, 20},
    field_rule{"SHIPPER_COUNTRY", false, k::text, 20},
    field_rule{"SHIPPER_CONTACT", true, k::text, 20},
    field_rule{"SHIPPER_PHONE", true, k::text, 50},
    field_rule{"RECEIVER_NAME", true, k::text, 30},
    field_rule{"RECEIVER_ADDR1", true, k::text, 85},
    field_rule{"RECEIVER_ADDR2", true, k::text, 85},
    field_rule{"RECEIVER_ADDR3", false, k::text, 85},
    field_rule{"RECEIVER_CITY", true, k::text, 20},
    field_rule{"RECEIVER_ZIP", true, k::text, 5},
    field_rule{"RECEIVER_REGION", true, k::text, 20},
    field_rule{"RECEIVER_COUNTRY", false, k::text, 20},
    field_rule{"RECEIVER_CONTACT", true, k::text, 20},
    field_rule{"RECEIVER_PHONE", true, k::text, 50},
    field_rule{"ORIGIN_CODE", true, k::origin, 10},
    field_rule{"DESTINATION_CODE", true, k::destination, 10},
    field_rule{"SERVICE_CODE", true, k::service, 10},
    field_rule{"WEIGHT", true, k::decimal, 7},
    field_rule{"QTY", true, k::decimal, 7},
    field_rule{"GOODS_DESC", true, k::text, 60},
    field_rule{"GOODS_AMOUNT", true, k::amount, 15},
    field_rule{"INSURANCE_FLAG", true, k::yes_no, 1},
    field_rule{"SPECIAL_INS", true, k::text, 60},
    field_rule{"MERCHANT_ID", true, k::text, 100},
    field_rule{"LAT", false, k::text, 60},
    field_rule{"LON", false, k::text, 60},
    field_rule{"TYPE", true, k::one_of, 10, "PICKUP,DROP"},
    field_rule{"COD_FLAG", false, k::cod_flag, 3},
    field_rule{"COD_AMOUNT", false, k::cod_amount, 15, "COD_FLAG"},
    field_rule{"AWB", false, k::text, 16},
    field_rule{"TAX_VALUE", false, k::amount, 15},
    field_rule{"ITEM_TYPE", false, k::item_type, 10},
    field_rule{"HS_CODE", false, k::hs_codes, 300},
    field_rule{"NPWP", false, k::text, 90},
    field_rule{"RETURN_NAME", false, k::text, 30},
    field_rule{"RETURN_ADDR1", false, k::text, 30},
    field_rule{"RETURN_ADDR2", false, k::text, 30},
    field_rule{"RETURN_ADDR3", false, k::text, 30},
    field_rule{"RETURN_CITY", false, k::text, 20},
    field_rule{"RETURN_ZIP", false, k::text, 5},
    field_rule{"RETURN_REGION", false, k::text, 20},
    field_rule{"RETURN_COUNTRY", false, k::text, 20},
    field_rule{"RETURN_CONTACT", false, k::text, 20},
    field_rule{"RETURN_PHONE", false, k::text, 15},
    field_rule{"RETURN_BRANCH", false, k::text, 6},
};

constexpr std::array stockawb_table{
    field_rule{"BRANCH", true, k::branch, 6},
    field_rule{"CUST_ID", true, k::customer, 10},
    field_rule{"REQUEST_AWB", true, k::one_of, 3, "#1-100"},
    field_rule{"REQUEST_BY", true, k::text, 50},
    field_rule{"REASON", true, k::text, 200},
};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80         ? 1
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

bool real_date(std::string_view s) {
    if (s.size() != 10 || s[2] != '-' || s[5] != '-') return false;
    if (!all_digits(s.substr(0, 2)) || !all_digits(s.substr(3, 2)) || !all_digits(s.substr(6, 4)))
        return false;
    int day = std::stoi(std::string(s.substr(0, 2))),
        month = std::stoi(std::string(s.substr(3, 2)));
    int year = std::stoi(std::string(s.substr(6, 4)));
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1] || year < 1900) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

bool real_time(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3)
        return false;
    if (!all_digits(s.substr(0, colon)) || !all_digits(s.substr(colon + 1))) return false;
    return std::stoi(std::string(s.substr(0, colon))) < 24 &&
           std::stoi(std::string(s.substr(colon + 1))) < 60;
}

bool one_of(std::string_view value, std::string_view choices) {
    const std::string upper = to_upper(value);
    while (!choices.empty()) {
        auto comma = choices.find(',');
        if (choices.substr(0, comma) == upper) return true;
        if (comma == std::string_view::npos) break;
        choices.remove_prefix(comma + 1);
    }
    return false;
}

bool hs_codes_valid(std::string_view s) {
    int entries = 0;
    while (!s.empty()) {
        auto comma = s.find(',');
        std::string_view entry = s.substr(0, comma);
        auto first = entry.find(';'), second = entry.rfind(';');
        if (first == std::string_view::npos || first == second) return false;
        if (!all_digits(entry.substr(0, first)) ||
            !all_digits(entry.substr(first + 1, second - first - 1)) ||
            !all_digits(entry.substr(second + 1)))
            return false;
        if (++entries > 5) return false;
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
    }
    return entries > 0;
}

api::failure invalid(std::string reason) {
    return api::fail(api::error::invalid_field, std::move(reason));
}
api::failure unknown(std::string reason) {
    return api::fail(api::error::unknown_code, std::move(reason));
}

std::optional<api::failure> check(const field_rule& rule, std::string_view v,
                                  const field_lookup& value, const validation_context& context) {
    const std::string name(rule.name);
    const std::string limit = std::to_string(rule.limit);
    switch (rule.kind) {
        case k::text:
            if (!valid_utf8(v)) return invalid(name + " is not UTF-8 text");
            if (v.size() > rule.limit) return invalid(name + " exceeds " + limit + " characters");
            return std::nullopt;
        case k::digits:
            if (!all_digits(v)) return invalid(name + " must be a number");
            if (v.size() > rule.limit) return invalid(name + " exceeds " + limit + " digits");
            if (std::all_of(v.begin(), v.end(), [](char c) { return c == '0'; }))
                return invalid(name + " must be more than 0");
            return std::nullopt;
        case k::amount:
            if (!all_digits(v)) return invalid(name + " must be a number");
            if (v.size() > rule.limit) return invalid(name + " exceeds " + limit + " digits");
            return std::nullopt;
        case k::phone: {
            std::string_view digits = v.starts_with('+') ? v.substr(1) : v;
            if (!all_digits(digits)) return invalid(name + " must be a phone number");
            if (digits.size() > rule.limit) return invalid(name + " exceeds " + limit + " digits");
            return std::nullopt;
        }
        case k::decimal: {
            const std::string_view whole_part = v.substr(0, v.find('.'));
            if (all_digits(whole_part) && whole_part.size() > rule.limit)
                return invalid(name + " exceeds " + limit + " digits");
            if (!parse_weight(v)) return invalid(name + " must be a number more than 0");
            return std::nullopt;
        }
        case k::yes_no: {
            const std::string u = to_upper(v);
            if (u == "Y" || u == "N" || (rule.limit == 1 && (u == "1" || u == "0")))
                return std::nullopt;
            return invalid(name + " must be Y or N");
        }
        case k::cod_flag: {
            const std::string u = to_upper(v);
            if (u == "YES" || u == "Y" || u == "N" || u == "NO") return std::nullopt;
            return invalid(name + " must be YES or N");
        }
        case k::cod_amount: {
            auto flag = value(rule.choices);
            if (!flag || !cod_on(*flag))
                return std::nullopt;  // clients send a placeholder when COD is off
            if (!all_digits(v) || std::all_of(v.begin(), v.end(), [](char c) { return c == '0'; }))
                return invalid(name + " must be more than 0 when " + std::string(rule.choices) +
                               " is YES");
            if (v.size() > rule.limit) return invalid(name + " exceeds " + limit + " digits");
            return std::nullopt;
        }
        case k::date:
            if (!real_date(v)) return invalid(name + " must be a date as DD-MM-YYYY");
            return std::nullopt;
        case k::time_of_day:
            if (!real_time(v)) return invalid(name + " must be a time as HH:MM");
            return std::nullopt;
        case k::one_of: {
            if (rule.choices.starts_with('#')) {  // a whole number in a range, "#1-100"
                auto dash = rule.choices.find('-');
                const auto low = std::stoll(std::string(rule.choices.substr(1, dash - 1)));
                const auto high = std::stoll(std::string(rule.choices.substr(dash + 1)));
                if (all_digits(v) && v.size() <= rule.limit && std::stoll(std::string(v)) >= low &&
                    std::stoll(std::string(v)) <= high)
                    return std::nullopt;
                return invalid(name + " must be a number from " + std::to_string(low) + " to " +
                               std::to_string(high));
            }
            std::string_view choices = rule.choices;
            const bool or_service = choices.ends_with(",*service");
            if (or_service) choices.remove_suffix(9);
            if (one_of(v, choices) || (or_service && context.service_exists(to_upper(v))))
                return std::nullopt;
            std::string listed(choices);
            std::replace(listed.begin(), listed.end(), ',', ' ');
            return invalid(name + " must be one of " + listed);
        }
        case k::origin:
            if (!context.origin_exists(v))
                return unknown("Origin Code " + std::string(v) + " Not Exists");
            return std::nullopt;
        case k::destination:
            if (!context.destination_exists(v))
                return unknown("Destination Code " + std::string(v) + " Not Exists");
            return std::nullopt;
        case k::branch:
            if (!context.branch_allowed(v))
                return unknown("Branch Code " + std::string(v) + " Not Exists");
            return std::nullopt;
        case k::service:
            if (!context.service_exists(to_upper(v)))
                return unknown("Service Code " + std::string(v) + " Not Exists");
            return std::nullopt;
        case k::customer:
            if (!context.customer_held(v))
                return unknown("Customer No. " + std::string(v) + " Not Exists");
            return std::nullopt;
        case k::item_type:
            if (v.size() == 1 && v[0] >= '1' && v[0] <= '5') return std::nullopt;
            return invalid(name + " must be 1, 2, 3, 4 or 5");
        case k::hs_codes:
            if (v.size() > rule.limit) return invalid(name + " exceeds " + limit + " characters");
            if (!hs_codes_valid(v))
                return invalid(name + " must be value;qty;hscode, at most five joined by commas");
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::optional<api::failure> validate(std::span<const field_rule> rules, const field_lookup& value,
                                     const validation_context& context) {
    for (const field_rule& rule : rules) {
        auto v = value(rule.name);
        if (!v || trim(*v).empty()) {
            if (!rule.mandatory) continue;
            api::failure f =
                api::fail(api::error::missing_field,
                          "Please do not let field " + std::string(rule.name) + " empty");
            f.subject = rule.name;
            return f;
        }
        if (auto problem = check(rule, trim(*v), value, context)) return problem;
    }
    return std::nullopt;
}

std::span<const field_rule> generatecnote_fields() { return generatecnote_table; }
std::span<const field_rule> pickupcashless_fields() { return pickupcashless_table; }
std::span<const field_rule> stockawb_fields() { return stockawb_table; }

bool cod_on(std::string_view flag) {
    const std::string u = to_upper(trim(flag));
    return u == "YES" || u == "Y";
}

bool insured(std::string_view flag) {
    const std::string u = to_upper(trim(flag));
    return u == "Y" || u == "1";
}

}  // namespace jne::core
