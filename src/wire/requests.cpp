#include "wire/requests.hpp"

#include "api/values.hpp"
#include "wire/decode.hpp"
#include "wire/encode.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/algorithm/string/trim.hpp>

#include <algorithm>
#include <charconv>
#include <vector>

namespace jne::wire {

namespace {

using api::problem;
using k = field_kind;

// How a member takes its value from checked text and is written back: text as it is, weights
// in kilograms, rupiah as digits, flags in the words the row's choices name ("on,off"), the
// pickup's day and time in JNE's forms. The rules have already checked what is read here.
void take_value(std::string& m, std::string_view v) { m = v; }
void take_value(api::grams& m, std::string_view v) { m = api::read_kilograms(v).weight; }
void take_value(std::int64_t& m, std::string_view v) { m = api::whole_number(v).value_or(0); }
void take_value(int& m, std::string_view v) {
    m = static_cast<int>(api::whole_number(v).value_or(0));
}
void take_value(std::optional<std::int64_t>& m, std::string_view v) { m = api::whole_number(v); }
void take_value(bool& m, std::string_view v) { m = v == "Y"; }
void take_value(std::optional<api::calendar_date>& m, std::string_view v) { m = api::read_date(v); }
void take_value(std::optional<api::clock_time>& m, std::string_view v) {
    m = api::read_clock_time(v);
}

std::string value_text(const std::string& m, const field_rule&) { return m; }
std::string value_text(api::grams m, const field_rule&) { return api::format_kilograms(m); }
std::string value_text(std::int64_t m, const field_rule&) { return std::to_string(m); }
std::string value_text(int m, const field_rule&) { return std::to_string(m); }
std::string value_text(const std::optional<std::int64_t>& m, const field_rule&) {
    return m ? std::to_string(*m) : std::string();
}
std::string value_text(bool m, const field_rule& rule) {
    const auto comma = rule.choices.find(',');
    return std::string(m ? rule.choices.substr(0, comma) : rule.choices.substr(comma + 1));
}
std::string value_text(const std::optional<api::calendar_date>& m, const field_rule&) {
    return m ? api::format_date(*m) : std::string();
}
std::string value_text(const std::optional<api::clock_time>& m, const field_rule&) {
    return m ? api::format_clock_time(*m) : std::string();
}

// A table row with the two ways to its member: decoding writes, encoding reads.
template <class Request>
struct binding {
    field_spec spec;
    void (*set)(Request&, std::string_view);
    std::string (*get)(const Request&, const field_rule&);
};

#define JNE_FIELD(Request, wire_name, path, ...)                                              \
    binding<Request> {                                                                        \
        field_spec{wire_name, #path, field_rule{__VA_ARGS__}},                                \
            [](Request& r, std::string_view v) { take_value(r.path, v); },                    \
            [](const Request& r, const field_rule& rule) { return value_text(r.path, rule); } \
    }

template <class Request>
using table = std::vector<binding<Request>>;

const table<api::generatecnote_request>& generatecnote_table() {
    using R = api::generatecnote_request;
    static const table<R> all{
        JNE_FIELD(R, "OLSHOP_BRANCH", branch, true, k::branch, 10),
        JNE_FIELD(R, "OLSHOP_CUST", customer, true, k::customer, 10),
        JNE_FIELD(R, "OLSHOP_ORDERID", order_id, true, k::text, 20),
        JNE_FIELD(R, "OLSHOP_SHIPPER_NAME", shipper.name, true, k::text, 30),
        JNE_FIELD(R, "OLSHOP_SHIPPER_ADDR1", shipper.addr1, true, k::text, 30),
        JNE_FIELD(R, "OLSHOP_SHIPPER_ADDR2", shipper.addr2, true, k::text, 30),
        JNE_FIELD(R, "OLSHOP_SHIPPER_ADDR3", shipper.addr3, false, k::text, 30),
        JNE_FIELD(R, "OLSHOP_SHIPPER_CITY", shipper.city, true, k::text, 20),
        JNE_FIELD(R, "OLSHOP_SHIPPER_REGION", shipper.region, false, k::text, 20),
        JNE_FIELD(R, "OLSHOP_SHIPPER_ZIP", shipper.zip, true, k::text, 5),
        JNE_FIELD(R, "OLSHOP_SHIPPER_PHONE", shipper.phone, true, k::phone, 15),
        JNE_FIELD(R, "OLSHOP_RECEIVER_NAME", receiver.name, true, k::text, 30),
        JNE_FIELD(R, "OLSHOP_RECEIVER_ADDR1", receiver.addr1, true, k::text, 30),
        JNE_FIELD(R, "OLSHOP_RECEIVER_ADDR2", receiver.addr2, true, k::text, 30),
        JNE_FIELD(R, "OLSHOP_RECEIVER_ADDR3", receiver.addr3, false, k::text, 30),
        JNE_FIELD(R, "OLSHOP_RECEIVER_CITY", receiver.city, true, k::text, 20),
        JNE_FIELD(R, "OLSHOP_RECEIVER_REGION", receiver.region, false, k::text, 20),
        JNE_FIELD(R, "OLSHOP_RECEIVER_ZIP", receiver.zip, true, k::text, 5),
        JNE_FIELD(R, "OLSHOP_RECEIVER_PHONE", receiver.phone, true, k::phone, 15),
        JNE_FIELD(R, "OLSHOP_QTY", quantity, true, k::digits, 5),
        JNE_FIELD(R, "OLSHOP_WEIGHT", weight, true, k::weight, 3),
        JNE_FIELD(R, "OLSHOP_GOODSDESC", goods_description, true, k::text, 60),
        JNE_FIELD(R, "OLSHOP_GOODSVALUE", goods_value, true, k::amount, 12),
        JNE_FIELD(R, "OLSHOP_GOODSTYPE", goods_type, true, k::text, 1),
        JNE_FIELD(R, "OLSHOP_INST", instructions, false, k::text, 60),
        JNE_FIELD(R, "OLSHOP_INS_FLAG", insured, true, k::yes_no, 0, "Y,N"),
        JNE_FIELD(R, "OLSHOP_ORIG", origin, true, k::origin, 10),
        JNE_FIELD(R, "OLSHOP_DEST", destination, true, k::destination, 10),
        JNE_FIELD(R, "OLSHOP_SERVICE", service, true, k::service, 10),
        JNE_FIELD(R, "OLSHOP_COD_FLAG", cod, true, k::cod_flag, 3, "YES,N"),
        JNE_FIELD(R, "OLSHOP_COD_AMOUNT", cod_amount, true, k::cod_amount, 12, "OLSHOP_COD_FLAG"),
    };
    return all;
}

const table<api::pickup_request>& pickup_table() {
    using R = api::pickup_request;
    static const table<R> all{
        JNE_FIELD(R, "PICKUP_NAME", pickup_name, true, k::text, 50),
        JNE_FIELD(R, "PICKUP_DATE", pickup_date, true, k::date, 10),
        JNE_FIELD(R, "PICKUP_TIME", pickup_time, true, k::time_of_day, 30),
        JNE_FIELD(R, "PICKUP_PIC", pickup_pic, true, k::text, 30),
        JNE_FIELD(R, "PICKUP_PIC_PHONE", pickup_pic_phone, true, k::text, 30),
        JNE_FIELD(R, "PICKUP_ADDRESS", pickup_address, true, k::text, 300),
        JNE_FIELD(R, "PICKUP_DISTRICT", pickup_district, true, k::text, 30),
        JNE_FIELD(R, "PICKUP_CITY", pickup_city, true, k::text, 30),
        JNE_FIELD(R, "PICKUP_SERVICE", pickup_service, true, k::one_of_or_service, 30,
                  "DOMESTIC,INTRACITY,ALL"),
        JNE_FIELD(R, "PICKUP_VEHICLE", pickup_vehicle, true, k::one_of, 100, "MOTOR,MOBIL,TRUCK"),
        JNE_FIELD(R, "BRANCH", branch, true, k::branch, 6),
        JNE_FIELD(R, "CUST_ID", customer, true, k::customer, 10),
        JNE_FIELD(R, "ORDER_ID", order_id, true, k::text, 20),
        JNE_FIELD(R, "SHIPPER_NAME", shipper.name, true, k::text, 30),
        JNE_FIELD(R, "SHIPPER_ADDR1", shipper.addr1, true, k::text, 85),
        JNE_FIELD(R, "SHIPPER_ADDR2", shipper.addr2, true, k::text, 85),
        JNE_FIELD(R, "SHIPPER_ADDR3", shipper.addr3, false, k::text, 85),
        JNE_FIELD(R, "SHIPPER_CITY", shipper.city, true, k::text, 20),
        JNE_FIELD(R, "SHIPPER_ZIP", shipper.zip, true, k::text, 5),
        JNE_FIELD(R, "SHIPPER_REGION", shipper.region, true, k::text, 20),
        JNE_FIELD(R, "SHIPPER_COUNTRY", shipper.country, false, k::text, 20),
        JNE_FIELD(R, "SHIPPER_CONTACT", shipper.contact, true, k::text, 20),
        JNE_FIELD(R, "SHIPPER_PHONE", shipper.phone, true, k::text, 50),
        JNE_FIELD(R, "RECEIVER_NAME", receiver.name, true, k::text, 30),
        JNE_FIELD(R, "RECEIVER_ADDR1", receiver.addr1, true, k::text, 85),
        JNE_FIELD(R, "RECEIVER_ADDR2", receiver.addr2, true, k::text, 85),
        JNE_FIELD(R, "RECEIVER_ADDR3", receiver.addr3, false, k::text, 85),
        JNE_FIELD(R, "RECEIVER_CITY", receiver.city, true, k::text, 20),
        JNE_FIELD(R, "RECEIVER_ZIP", receiver.zip, true, k::text, 5),
        JNE_FIELD(R, "RECEIVER_REGION", receiver.region, true, k::text, 20),
        JNE_FIELD(R, "RECEIVER_COUNTRY", receiver.country, false, k::text, 20),
        JNE_FIELD(R, "RECEIVER_CONTACT", receiver.contact, true, k::text, 20),
        JNE_FIELD(R, "RECEIVER_PHONE", receiver.phone, true, k::text, 50),
        JNE_FIELD(R, "ORIGIN_CODE", origin, true, k::origin, 10),
        JNE_FIELD(R, "DESTINATION_CODE", destination, true, k::destination, 10),
        JNE_FIELD(R, "SERVICE_CODE", service, true, k::service, 10),
        JNE_FIELD(R, "WEIGHT", weight, true, k::weight, 7),
        JNE_FIELD(R, "QTY", quantity, true, k::decimal, 7),
        JNE_FIELD(R, "GOODS_DESC", goods_description, true, k::text, 60),
        JNE_FIELD(R, "GOODS_AMOUNT", goods_amount, true, k::amount, 15),
        JNE_FIELD(R, "INSURANCE_FLAG", insured, true, k::yes_no, 1, "1,0"),
        JNE_FIELD(R, "SPECIAL_INS", special_instructions, true, k::text, 60),
        JNE_FIELD(R, "MERCHANT_ID", merchant_id, true, k::text, 100),
        JNE_FIELD(R, "LAT", latitude, false, k::text, 60),
        JNE_FIELD(R, "LON", longitude, false, k::text, 60),
        JNE_FIELD(R, "TYPE", type, true, k::one_of, 10, "PICKUP,DROP"),
        JNE_FIELD(R, "COD_FLAG", cod, false, k::cod_flag, 3, "YES,NO"),
        JNE_FIELD(R, "COD_AMOUNT", cod_amount, false, k::cod_amount, 15, "COD_FLAG"),
        JNE_FIELD(R, "AWB", airwaybill, false, k::text, 16),
        JNE_FIELD(R, "TAX_VALUE", tax_value, false, k::amount, 15),
        JNE_FIELD(R, "ITEM_TYPE", item_type, false, k::item_type, 10),
        JNE_FIELD(R, "HS_CODE", hs_codes, false, k::hs_codes, 300),
        JNE_FIELD(R, "NPWP", npwp, false, k::text, 90),
        JNE_FIELD(R, "RETURN_NAME", return_to.name, false, k::text, 30),
        JNE_FIELD(R, "RETURN_ADDR1", return_to.addr1, false, k::text, 30),
        JNE_FIELD(R, "RETURN_ADDR2", return_to.addr2, false, k::text, 30),
        JNE_FIELD(R, "RETURN_ADDR3", return_to.addr3, false, k::text, 30),
        JNE_FIELD(R, "RETURN_CITY", return_to.city, false, k::text, 20),
        JNE_FIELD(R, "RETURN_ZIP", return_to.zip, false, k::text, 5),
        JNE_FIELD(R, "RETURN_REGION", return_to.region, false, k::text, 20),
        JNE_FIELD(R, "RETURN_COUNTRY", return_to.country, false, k::text, 20),
        JNE_FIELD(R, "RETURN_CONTACT", return_to.contact, false, k::text, 20),
        JNE_FIELD(R, "RETURN_PHONE", return_to.phone, false, k::text, 15),
        JNE_FIELD(R, "RETURN_BRANCH", return_branch, false, k::text, 6),
    };
    return all;
}

const table<api::stock_request>& stock_table() {
    using R = api::stock_request;
    static const table<R> all{
        JNE_FIELD(R, "BRANCH", branch, true, k::branch, 6),
        JNE_FIELD(R, "CUST_ID", customer, true, k::customer, 10),
        JNE_FIELD(R, "REQUEST_AWB", count, true, k::whole_number, 3, "1-100"),
        JNE_FIELD(R, "REQUEST_BY", requested_by, true, k::text, 50),
        JNE_FIELD(R, "REASON", reason, true, k::text, 200),
    };
    return all;
}

// Get Tariff's fields: decoded and encoded by hand below, since a size is all three or none.
const std::vector<field_spec>& tariff_fields() {
    static const std::vector<field_spec> all{
        {"from", "origin", {false, k::text, 0}},     {"thru", "destination", {false, k::text, 0}},
        {"weight", "weight", {false, k::weight, 0}}, {"length", "size", {false, k::decimal, 0}},
        {"width", "size", {false, k::decimal, 0}},   {"height", "size", {false, k::decimal, 0}},
    };
    return all;
}

// The routes below check nothing while decoding: their services do, in their own order.
const table<api::cancel_request>& cancel_table() {
    using R = api::cancel_request;
    static const table<R> all{
        JNE_FIELD(R, "cnote_no", airwaybill, false, k::text, 0),
        JNE_FIELD(R, "pic_cancel", cancelled_by, false, k::text, 0),
        JNE_FIELD(R, "reason_cancel", reason, false, k::text, 0),
    };
    return all;
}

const table<api::webhook_request>& webhook_table() {
    using R = api::webhook_request;
    static const table<R> all{
        JNE_FIELD(R, "action", action, false, k::text, 0),
        JNE_FIELD(R, "account", account, false, k::text, 0),
        JNE_FIELD(R, "url", url, false, k::text, 0),
        JNE_FIELD(R, "status", statuses, false, k::text, 0),
        JNE_FIELD(R, "id", id, false, k::text, 0),
        JNE_FIELD(R, "awb", airwaybill, false, k::text, 0),
        JNE_FIELD(R, "failed", failed, false, k::text, 0),
        JNE_FIELD(R, "since", since, false, k::text, 0),
        JNE_FIELD(R, "limit", limit, false, k::text, 0),
    };
    return all;
}

#undef JNE_FIELD

template <class Request>
std::vector<field_spec> specs_of(const table<Request>& t) {
    std::vector<field_spec> out;
    for (const auto& b : t) out.push_back(b.spec);
    return out;
}

// ---- the rules -------------------------------------------------------------------

using api::all_digits;
using api::all_zero;
using api::heaviest_kilograms;
using api::valid_utf8;

std::string upper(std::string_view s) { return api::to_upper(s); }

std::vector<std::string> choices_of(std::string_view choices) {
    std::vector<std::string> out;
    while (!choices.empty()) {
        const auto comma = choices.find(',');
        out.emplace_back(choices.substr(0, comma));
        if (comma == std::string_view::npos) break;
        choices.remove_prefix(comma + 1);
    }
    return out;
}

bool hs_codes_valid(std::string_view s) {
    int entries = 0;
    while (!s.empty()) {
        const auto comma = s.find(',');
        const std::string_view entry = s.substr(0, comma);
        const auto first = entry.find(';'), second = entry.rfind(';');
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

bool cod_on(std::string_view flag) {
    const std::string u = upper(api::trim(flag));
    return u == "YES" || u == "Y";
}

// Checks one present value against its rule: nothing, or the failure; `v` may be
// rewritten into its decoded form (flags as Y or N, choices in upper case).
std::optional<api::failure> check(const field_spec& spec, std::string& v, const form& f,
                                  const api::request_facts& facts) {
    const field_rule& rule = spec.rule;
    const auto limit = static_cast<std::int64_t>(rule.limit);
    auto invalid = [&](problem what, std::vector<std::string> values = {}) {
        return api::fail(api::error::invalid_field, what, spec.member, std::move(values), limit);
    };
    auto unknown = [&](problem what) {
        return api::fail(api::error::unknown_code, what, spec.member, {v});
    };
    switch (rule.kind) {
        case k::text:
            if (!valid_utf8(v)) return invalid(problem::not_utf8);
            if (v.size() > rule.limit) return invalid(problem::too_long);
            return std::nullopt;
        case k::digits:
            if (!all_digits(v)) return invalid(problem::not_a_number);
            if (v.size() > rule.limit) return invalid(problem::too_many_digits);
            if (all_zero(v)) return invalid(problem::not_more_than_zero);
            return std::nullopt;
        case k::amount:
            if (!all_digits(v)) return invalid(problem::not_a_number);
            if (v.size() > rule.limit) return invalid(problem::too_many_digits);
            return std::nullopt;
        case k::phone: {
            const std::string_view digits =
                std::string_view(v).starts_with('+') ? std::string_view(v).substr(1) : v;
            if (!all_digits(digits)) return invalid(problem::not_a_phone);
            if (digits.size() > rule.limit) return invalid(problem::too_many_digits);
            return std::nullopt;
        }
        case k::decimal:
        case k::weight: {
            const std::string_view whole_part = std::string_view(v).substr(0, v.find('.'));
            if (all_digits(whole_part) && whole_part.size() > rule.limit)
                return invalid(problem::too_many_digits);
            const api::decimal_fault d = api::read_kilograms(v).fault;
            if (d == api::decimal_fault::none) return std::nullopt;
            // A weight past any parcel's is a typo, and said so; a quantity past it is no number.
            if (d == api::decimal_fault::too_heavy && rule.kind == k::weight)
                return api::fail(api::error::invalid_field, problem::weight_out_of_range,
                                 spec.member, {}, heaviest_kilograms);
            return invalid(problem::not_positive_decimal);
        }
        case k::yes_no: {
            // Y or N, or the words the route writes its flag with (pickups: 1 or 0).
            const std::string u = upper(v);
            const auto words = choices_of(rule.choices);
            if (u == "Y" || u == words.front()) return void(v = "Y"), std::nullopt;
            if (u == "N" || u == words.back()) return void(v = "N"), std::nullopt;
            return invalid(problem::not_yes_no);
        }
        case k::cod_flag: {
            const std::string u = upper(v);
            if (u == "YES" || u == "Y") return void(v = "Y"), std::nullopt;
            if (u == "N" || u == "NO") return void(v = "N"), std::nullopt;
            return invalid(problem::not_cod_flag);
        }
        case k::cod_amount: {
            const std::string* flag = f.find(rule.choices);
            if (flag == nullptr || !cod_on(*flag))
                return std::nullopt;  // clients send a placeholder when COD is off
            if (!all_digits(v) || all_zero(v))
                return invalid(problem::cod_amount_needed, {std::string(rule.choices)});
            if (v.size() > rule.limit) return invalid(problem::too_many_digits);
            return std::nullopt;
        }
        case k::date:
            if (!api::read_date(v)) return invalid(problem::not_a_date);
            return std::nullopt;
        case k::time_of_day:
            if (!api::read_clock_time(v)) return invalid(problem::not_a_time);
            return std::nullopt;
        case k::whole_number: {
            const auto dash = rule.choices.find('-');
            const std::string low(rule.choices.substr(0, dash)),
                high(rule.choices.substr(dash + 1));
            const auto n = v.size() <= rule.limit ? api::whole_number(v) : std::nullopt;
            if (n && *n >= api::whole_number(low) && *n <= api::whole_number(high))
                return std::nullopt;
            return invalid(problem::out_of_range, {low, high});
        }
        case k::one_of:
        case k::one_of_or_service: {
            const std::string u = upper(v);
            const auto choices = choices_of(rule.choices);
            if (std::find(choices.begin(), choices.end(), u) != choices.end() ||
                (rule.kind == k::one_of_or_service && facts.service_exists(u)))
                return void(v = u), std::nullopt;
            return invalid(problem::not_one_of, choices);
        }
        case k::origin:
            if (!facts.origin_exists(v)) return unknown(problem::unknown_origin);
            return std::nullopt;
        case k::destination:
            if (!facts.destination_exists(v)) return unknown(problem::unknown_destination);
            return std::nullopt;
        case k::branch:
            if (!facts.branch_allowed(v)) return unknown(problem::unknown_branch);
            return std::nullopt;
        case k::service:
            if (!facts.service_exists(upper(v))) return unknown(problem::unknown_service);
            return std::nullopt;
        case k::customer:
            if (!facts.customer_held(v)) return unknown(problem::unknown_customer);
            return std::nullopt;
        case k::item_type:
            if (v.size() == 1 && v[0] >= '1' && v[0] <= '5') return std::nullopt;
            return invalid(problem::not_item_type);
        case k::hs_codes:
            if (v.size() > rule.limit) return invalid(problem::too_long);
            if (!hs_codes_valid(v)) return invalid(problem::not_hs_codes);
            return std::nullopt;
    }
    return std::nullopt;
}

// Reads every row of the table in order: the first violation is the answer.
template <class Request>
api::result<Request> decode(const form& f, const table<Request>& rows,
                            const api::request_facts* facts) {
    Request r;
    for (const binding<Request>& row : rows) {
        const std::string* raw = f.find(row.spec.name);
        std::string value(raw != nullptr ? api::trim(*raw) : std::string_view());
        if (value.empty()) {
            if (row.spec.rule.mandatory)
                return api::fail(api::error::missing_field, problem::missing, row.spec.member);
            // An optional COD amount is wanted all the same while COD is on: its rule judges.
            if (row.spec.rule.kind != k::cod_amount || facts == nullptr) {
                if (raw != nullptr) row.set(r, "");
                continue;
            }
        }
        if (facts != nullptr)
            if (auto problem = check(row.spec, value, f, *facts)) return std::move(*problem);
        row.set(r, value);
    }
    return r;
}

template <class Request>
field_list encode(const Request& r, const table<Request>& rows) {
    field_list out;
    out.reserve(rows.size());
    for (const auto& row : rows) out.emplace_back(row.spec.name, row.get(r, row.spec.rule));
    return out;
}

}  // namespace

std::span<const field_spec> request_fields(route r) {
    static const std::vector<field_spec> generatecnote = specs_of(generatecnote_table());
    static const std::vector<field_spec> pickup = specs_of(pickup_table());
    static const std::vector<field_spec> stock = specs_of(stock_table());
    static const std::vector<field_spec> cancel = specs_of(cancel_table());
    static const std::vector<field_spec> webhooks = specs_of(webhook_table());
    switch (r) {
        case route::generatecnote:
            return generatecnote;
        case route::pickupcashless:
            return pickup;
        case route::stockawb:
            return stock;
        case route::pricedev:
            return tariff_fields();
        case route::cancel:
            return cancel;
        case route::webhooks:
            return webhooks;
        default:
            return {};
    }
}

std::string_view wire_name(route r, std::string_view member) {
    for (const field_spec& spec : request_fields(r))
        if (spec.member == member) return spec.name;
    return member;
}

api::credentials decode_credentials(const form& f) {
    api::credentials c;
    if (const std::string* v = f.find("username")) c.username = *v;
    if (const std::string* v = f.find("api_key")) c.api_key = *v;
    return c;
}

namespace {
// The routes whose services judge their fields take them exactly as sent.
template <class Request>
Request as_sent(const form& f, const table<Request>& rows) {
    Request r;
    for (const binding<Request>& row : rows)
        if (const std::string* raw = f.find(row.spec.name)) row.set(r, *raw);
    return r;
}
}  // namespace

api::result<api::tariff_request> decode_tariff_request(const form& f) {
    // JNE prices what it can read and answers "not found" to the rest: a weight that is none,
    // or a size whose sides are not all three positive numbers.
    api::tariff_request r{std::string(f.get("from")), std::string(f.get("thru")), {}, {}};
    const auto weight = api::read_kilograms(api::trim(f.get("weight")));
    if (weight.fault != api::decimal_fault::none) return api::fail(api::error::price_not_found);
    r.weight = weight.weight;
    const std::string_view sides[] = {api::trim(f.get("length")), api::trim(f.get("width")),
                                      api::trim(f.get("height"))};
    if (sides[0].empty() && sides[1].empty() && sides[2].empty()) return r;
    const auto length = api::read_centimetres(sides[0]), width = api::read_centimetres(sides[1]),
               height = api::read_centimetres(sides[2]);
    if (!length || !width || !height) return api::fail(api::error::price_not_found);
    r.size = api::parcel_size{*length, *width, *height};
    return r;
}

api::result<api::generatecnote_request> decode_generatecnote_request(
    const form& f, const api::request_facts& facts) {
    return decode(f, generatecnote_table(), &facts);
}

api::result<api::pickup_request> decode_pickup_request(const form& f,
                                                       const api::request_facts& facts) {
    return decode(f, pickup_table(), &facts);
}

api::result<api::stock_request> decode_stock_request(const form& f,
                                                     const api::request_facts& facts) {
    return decode(f, stock_table(), &facts);
}

api::cancel_request decode_cancel_request(const form& f) { return as_sent(f, cancel_table()); }

api::webhook_request decode_webhook_request(const form& f) { return as_sent(f, webhook_table()); }

api::result<std::vector<api::event_input>> decode_event_request(const form& f) {
    auto events = decode_event_inputs(f.get("events"));
    if (!events)
        return api::fail(api::error::invalid_field, problem::events_not_an_array, "events");
    return std::move(*events);
}

std::string_view format_name(api::label_format f) { return api::extension(f); }

std::string_view size_name(api::label_size s) {
    return s == api::label_size::a6 ? "a6" : "100x150";
}

std::optional<api::label_format> parse_label_format(std::string_view name) {
    for (auto f : {api::label_format::pdf, api::label_format::png, api::label_format::zpl})
        if (boost::algorithm::iequals(name, format_name(f))) return f;
    return std::nullopt;
}

std::optional<api::label_size> parse_label_size(std::string_view name) {
    for (auto s : {api::label_size::thermal_100x150, api::label_size::a6})
        if (boost::algorithm::iequals(name, size_name(s))) return s;
    return std::nullopt;
}

api::result<api::label_request> decode_label_request(const form& f, std::string_view path_value) {
    api::label_request r;
    // Past the most a request may label the service refuses it; reading on would only let a
    // 64 KiB body of numbers cost a quadratic search for repeats.
    auto add = [&r](std::string_view list) {
        while (!list.empty() && r.numbers.size() <= api::max_labels) {
            const std::size_t comma = std::min(list.find(','), list.size());
            const std::string number(boost::algorithm::trim_copy(list.substr(0, comma)));
            list.remove_prefix(std::min(comma + 1, list.size()));
            if (!number.empty() &&
                std::find(r.numbers.begin(), r.numbers.end(), number) == r.numbers.end())
                r.numbers.push_back(number);
        }
    };
    add(path_value);
    for (const auto& [name, value] : f.fields())
        if (name == "awb") add(value);
    if (const std::string* v = f.find("format"); v != nullptr && !v->empty()) {
        const auto format = parse_label_format(*v);
        if (!format)
            return api::fail(api::error::invalid_field, problem::not_one_of, "format",
                             {"pdf", "png", "zpl"});
        r.format = *format;
    }
    if (const std::string* v = f.find("size"); v != nullptr && !v->empty()) {
        const auto size = parse_label_size(*v);
        if (!size)
            return api::fail(api::error::invalid_field, problem::not_one_of, "size",
                             {"100x150", "a6"});
        r.size = *size;
    }
    return r;
}

field_list fields_of(const api::label_request& r) {
    field_list out{{"format", std::string(format_name(r.format))},
                   {"size", std::string(size_name(r.size))}};
    for (const std::string& number : r.numbers) out.emplace_back("awb", number);
    return out;
}

field_list fields_of(const api::credentials& c) {
    return {{"username", std::string(c.username.value_or(""))},
            {"api_key", std::string(c.api_key.value_or(""))}};
}

field_list fields_of(const api::tariff_request& r) {
    field_list out{
        {"from", r.origin}, {"thru", r.destination}, {"weight", api::format_kilograms(r.weight)}};
    // The size goes only when given: JNE's own server knows from, thru and weight alone.
    if (r.size)
        for (auto [name, side] : {std::pair{"length", r.size->length},
                                  {"width", r.size->width},
                                  {"height", r.size->height}})
            out.emplace_back(name, api::format_centimetres(side));
    return out;
}

field_list fields_of(const api::generatecnote_request& r) {
    return encode(r, generatecnote_table());
}

field_list fields_of(const api::pickup_request& r) {
    field_list out;
    // The optional fields go only when given, so that a request says what its sender said.
    for (const auto& row : pickup_table()) {
        std::string value = row.get(r, row.spec.rule);
        if (!row.spec.rule.mandatory && value.empty() && row.spec.name != "COD_FLAG" &&
            row.spec.name != "COD_AMOUNT")
            continue;
        out.emplace_back(row.spec.name, std::move(value));
    }
    out.insert(out.end(), r.extra.begin(), r.extra.end());
    return out;
}

field_list fields_of(const api::stock_request& r) { return encode(r, stock_table()); }

field_list fields_of(const api::cancel_request& r) { return encode(r, cancel_table()); }

field_list fields_of(const api::webhook_request& r) { return encode(r, webhook_table()); }

field_list fields_of(const std::vector<api::event_input>& events) {
    return {{"events", encode_event_inputs(events)}};
}

namespace {
// What a sender knows without the server: every code may exist; the server judges them.
const api::request_facts& assumed_facts() {
    static const api::request_facts all{
        [](std::string_view) { return true; }, [](std::string_view) { return true; },
        [](std::string_view) { return true; }, [](std::string_view) { return true; },
        [](std::string_view) { return true; },
    };
    return all;
}

// A form's first field of a name wins; here a later one stands over an earlier (--field over
// --file), so they go in from the last.
form form_of(const field_list& fields) {
    form f;
    for (auto it = fields.rbegin(); it != fields.rend(); ++it) f.add(it->first, it->second);
    return f;
}
}  // namespace

api::result<api::generatecnote_request> generatecnote_from_fields(const field_list& fields) {
    return decode(form_of(fields), generatecnote_table(), &assumed_facts());
}

api::result<api::pickup_request> pickup_from_fields(const field_list& fields) {
    auto r = decode(form_of(fields), pickup_table(), &assumed_facts());
    if (!r) return r;
    const auto& rows = pickup_table();
    for (const auto& field : fields)
        if (std::none_of(rows.begin(), rows.end(),
                         [&](const auto& row) { return row.spec.name == field.first; }))
            r->extra.push_back(field);
    return r;
}

}  // namespace jne::wire
