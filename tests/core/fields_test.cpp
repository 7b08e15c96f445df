// Generated from the rules tables: every mandatory field missing, every limit exceeded.
#include "core/fields.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace jne::core;
using jne::api::error;

namespace {

using request = std::map<std::string, std::string, std::less<>>;

validation_context everything_known() {
    auto yes = [](std::string_view) { return true; };
    return {yes, yes, yes, yes, yes};
}

field_lookup lookup(const request& r) {
    return [&r](std::string_view name) -> std::optional<std::string_view> {
        auto it = r.find(name);
        return it == r.end() ? std::nullopt : std::optional<std::string_view>(it->second);
    };
}

// A value every rule of this kind accepts.
std::string valid_value(const field_rule& rule) {
    switch (rule.kind) {
        case field_kind::digits:
            return "1";
        case field_kind::amount:
            return "1000";
        case field_kind::phone:
            return "+62812";
        case field_kind::decimal:
            return "1.5";
        case field_kind::yes_no:
            return "N";
        case field_kind::cod_flag:
            return "N";
        case field_kind::cod_amount:
            return "0";
        case field_kind::date:
            return "10-10-2019";
        case field_kind::time_of_day:
            return "23:30";
        case field_kind::one_of:
            return rule.choices.starts_with('#')
                       ? "5"
                       : std::string(rule.choices.substr(0, rule.choices.find(',')));
        case field_kind::item_type:
            return "2";
        case field_kind::hs_codes:
            return "1000000;1;4204";
        default:
            return "X";
    }
}

// A value one step over the rule's limit, or nothing when the kind has no length.
std::optional<std::string> too_long(const field_rule& rule) {
    switch (rule.kind) {
        case field_kind::text:
            return std::string(rule.limit + 1, 'A');
        case field_kind::digits:
        case field_kind::amount:
            return std::string(rule.limit + 1, '1');
        case field_kind::phone:
            return "+" + std::string(rule.limit + 1, '1');
        case field_kind::decimal:
            return std::string(rule.limit + 1, '1') + ".5";
        default:
            return std::nullopt;
    }
}

request valid_request(std::span<const field_rule> rules) {
    request r;
    for (const field_rule& rule : rules) r[std::string(rule.name)] = valid_value(rule);
    return r;
}

struct Table {
    const char* name;
    std::span<const field_rule> (*rules)();
};

class FieldRules : public ::testing::TestWithParam<Table> {};

}  // namespace

TEST_P(FieldRules, AcceptAValidRequest) {
    auto rules = GetParam().rules();
    auto r = valid_request(rules);
    EXPECT_FALSE(validate(rules, lookup(r), everything_known()).has_value());
}

TEST_P(FieldRules, NameEveryMandatoryFieldThatIsMissingOrBlank) {
    auto rules = GetParam().rules();
    for (const field_rule& rule : rules) {
        if (!rule.mandatory) continue;
        for (const char* blank : {"", "   "}) {
            auto r = valid_request(rules);
            r[std::string(rule.name)] = blank;
            auto problem = validate(rules, lookup(r), everything_known());
            ASSERT_TRUE(problem.has_value()) << rule.name;
            EXPECT_EQ(problem->code, error::missing_field) << rule.name;
            EXPECT_EQ(problem->subject, rule.name);
        }
        auto r = valid_request(rules);
        r.erase(std::string(rule.name));
        EXPECT_EQ(validate(rules, lookup(r), everything_known())->subject, rule.name);
    }
}

TEST_P(FieldRules, LetOptionalFieldsBeAbsent) {
    auto rules = GetParam().rules();
    auto r = valid_request(rules);
    for (const field_rule& rule : rules)
        if (!rule.mandatory) r.erase(std::string(rule.name));
    EXPECT_FALSE(validate(rules, lookup(r), everything_known()).has_value());
}

TEST_P(FieldRules, RefuseEveryValueOverItsLimitNamingTheField) {
    auto rules = GetParam().rules();
    for (const field_rule& rule : rules) {
        auto over = too_long(rule);
        if (!over) continue;
        auto r = valid_request(rules);
        r[std::string(rule.name)] = *over;
        auto problem = validate(rules, lookup(r), everything_known());
        ASSERT_TRUE(problem.has_value()) << rule.name;
        EXPECT_EQ(problem->code, error::invalid_field) << rule.name;
        EXPECT_TRUE(problem->reason.starts_with(std::string(rule.name) + " exceeds " +
                                                std::to_string(rule.limit)))
            << problem->reason;
        // Exactly at the limit is fine.
        if (rule.kind == field_kind::text) {
            r[std::string(rule.name)] = std::string(rule.limit, 'A');
            EXPECT_FALSE(validate(rules, lookup(r), everything_known()).has_value()) << rule.name;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Routes, FieldRules,
                         ::testing::Values(Table{"generatecnote", &generatecnote_fields},
                                           Table{"pickupcashless", &pickupcashless_fields},
                                           Table{"stockawb", &stockawb_fields}),
                         [](const auto& table) { return std::string(table.param.name); });

TEST(FieldRule, CountsBytesOfUtf8NotCharacters) {
    auto rules = generatecnote_fields();
    auto r = valid_request(rules);
    r["OLSHOP_SHIPPER_ZIP"] = "\xC3\xA9\xC3\xA9\xC3\xA9";  // three characters, six bytes
    EXPECT_EQ(validate(rules, lookup(r), everything_known())->reason,
              "OLSHOP_SHIPPER_ZIP exceeds 5 characters");
}

TEST(FieldRule, ReportsTheFirstViolationInTableOrder) {
    auto rules = generatecnote_fields();
    auto r = valid_request(rules);
    r["OLSHOP_RECEIVER_ZIP"] = "1234567";
    r["OLSHOP_SHIPPER_ZIP"] = "1234567";
    EXPECT_EQ(validate(rules, lookup(r), everything_known())->reason,
              "OLSHOP_SHIPPER_ZIP exceeds 5 characters");
}

TEST(FieldRule, AcceptsAPlusBeforePhoneDigitsOnly) {
    auto rules = generatecnote_fields();
    auto r = valid_request(rules);
    r["OLSHOP_SHIPPER_PHONE"] = "+6289876543212";
    EXPECT_FALSE(validate(rules, lookup(r), everything_known()).has_value());
    r["OLSHOP_SHIPPER_PHONE"] = "0812-345";
    EXPECT_EQ(validate(rules, lookup(r), everything_known())->code, error::invalid_field);
}

TEST(FieldRule, ChecksFlagsAndTheCodAmountOnlyWhenCodIsOn) {
    auto rules = generatecnote_fields();
    auto r = valid_request(rules);
    r["OLSHOP_INS_FLAG"] = "X";
    EXPECT_EQ(validate(rules, lookup(r), everything_known())->reason,
              "OLSHOP_INS_FLAG must be Y or N");
    r = valid_request(rules);
    r["OLSHOP_COD_FLAG"] = "YES";
    r["OLSHOP_COD_AMOUNT"] = "0";
    EXPECT_EQ(validate(rules, lookup(r), everything_known())->code, error::invalid_field);
    r["OLSHOP_COD_AMOUNT"] = "37000";
    EXPECT_FALSE(validate(rules, lookup(r), everything_known()).has_value());
    r["OLSHOP_COD_FLAG"] = "N";
    r["OLSHOP_COD_AMOUNT"] = "placeholder";
    EXPECT_FALSE(validate(rules, lookup(r), everything_known()).has_value());
}

TEST(FieldRule, NamesUnknownCodesInJnesWording) {
    auto rules = generatecnote_fields();
    auto r = valid_request(rules);
    r["OLSHOP_ORIG"] = "CGK10100";
    auto context = everything_known();
    context.origin_exists = [](std::string_view code) { return code == "CGK10000"; };
    auto problem = validate(rules, lookup(r), context);
    EXPECT_EQ(problem->code, error::unknown_code);
    EXPECT_EQ(problem->reason, "Origin Code CGK10100 Not Exists");
}

TEST(FieldRule, ReadsPickupDatesTimesAndChoices) {
    auto rules = pickupcashless_fields();
    auto context = everything_known();
    context.service_exists = [](std::string_view s) { return s == "REG"; };
    for (auto [field, value, ok] : std::vector<std::tuple<const char*, const char*, bool>>{
             {"PICKUP_DATE", "29-02-2024", true},
             {"PICKUP_DATE", "29-02-2023", false},
             {"PICKUP_DATE", "2019-10-10", false},
             {"PICKUP_DATE", "32-01-2020", false},
             {"PICKUP_TIME", "23:59", true},
             {"PICKUP_TIME", "24:00", false},
             {"PICKUP_TIME", "9:30", true},
             {"PICKUP_TIME", "0930", false},
             {"PICKUP_VEHICLE", "mobil", true},
             {"PICKUP_VEHICLE", "Plane", false},
             {"PICKUP_SERVICE", "Intracity", true},
             {"PICKUP_SERVICE", "reg", true},
             {"PICKUP_SERVICE", "XYZ", false},
             {"TYPE", "drop", true},
             {"TYPE", "SEND", false},
             {"INSURANCE_FLAG", "1", true},
             {"INSURANCE_FLAG", "2", false},
             {"ITEM_TYPE", "5", true},
             {"ITEM_TYPE", "6", false},
             {"HS_CODE", "1000000;1;4204,2000000;2;4905,3000000;3;4988", true},
             {"HS_CODE", "1;1;1,1;1;1,1;1;1,1;1;1,1;1;1,1;1;1", false},
             {"HS_CODE", "1000000;1", false}}) {
        auto r = valid_request(rules);
        r["SERVICE_CODE"] = "REG";
        r[field] = value;
        EXPECT_EQ(!validate(rules, lookup(r), context).has_value(), ok) << field << "=" << value;
    }
}
