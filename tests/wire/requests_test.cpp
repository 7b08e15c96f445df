// Generated from the request tables: every mandatory field missing, every limit
// exceeded, every field decoded into its member and encoded back under its name.
#include "wire/requests.hpp"

#include "wire/errors.hpp"

#include "support/facts.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

using namespace jne::wire;
using jne::api::error;
using jne::api::problem;

namespace {

using jne::test::everything_known;

using values = std::map<std::string, std::string, std::less<>>;

form form_of(const values& v) {
    form f;
    for (const auto& [name, value] : v) f.add(name, value);
    return f;
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
        case field_kind::weight:
            return "1.5";
        case field_kind::yes_no:
        case field_kind::cod_flag:  // off, in the words the route writes it with
            return std::string(rule.choices.substr(rule.choices.find(',') + 1));
        case field_kind::cod_amount:
            return "0";
        case field_kind::date:
            return "10-10-2019";
        case field_kind::time_of_day:
            return "23:30";
        case field_kind::one_of:
        case field_kind::one_of_or_service:
            return std::string(rule.choices.substr(0, rule.choices.find(',')));
        case field_kind::whole_number:
            return "5";
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
        case field_kind::weight:
            return std::string(rule.limit + 1, '1') + ".5";
        default:
            return std::nullopt;
    }
}

values valid_request(route r) {
    values v;
    for (const field_spec& spec : request_fields(r))
        v[std::string(spec.name)] = valid_value(spec.rule);
    return v;
}

// Decodes with the route's table; the failure, if any.
std::optional<jne::api::failure> refusal(
    route r, const values& v, const jne::api::request_facts& facts = everything_known()) {
    const form f = form_of(v);
    switch (r) {
        case route::generatecnote: {
            auto d = decode_generatecnote_request(f, facts);
            return d ? std::nullopt : std::optional(d.error());
        }
        case route::pickupcashless: {
            auto d = decode_pickup_request(f, facts);
            return d ? std::nullopt : std::optional(d.error());
        }
        default: {
            auto d = decode_stock_request(f, facts);
            return d ? std::nullopt : std::optional(d.error());
        }
    }
}

std::string reason(route r, const values& v,
                   const jne::api::request_facts& facts = everything_known()) {
    auto f = refusal(r, v, facts);
    return f ? reason_for(r, *f) : "accepted";
}

class RequestTable : public ::testing::TestWithParam<route> {};

}  // namespace

TEST_P(RequestTable, AcceptsAValidRequest) {
    EXPECT_FALSE(refusal(GetParam(), valid_request(GetParam())));
}

TEST_P(RequestTable, NamesEveryMandatoryFieldThatIsMissingOrBlank) {
    for (const field_spec& spec : request_fields(GetParam())) {
        if (!spec.rule.mandatory) continue;
        for (const char* blank : {"", "   "}) {
            auto v = valid_request(GetParam());
            v[std::string(spec.name)] = blank;
            auto problem = refusal(GetParam(), v);
            ASSERT_TRUE(problem.has_value()) << spec.name;
            EXPECT_EQ(problem->code, error::missing_field) << spec.name;
            EXPECT_EQ(problem->field, spec.member);
            EXPECT_EQ(reason_for(GetParam(), *problem),
                      "Please do not let field " + std::string(spec.name) + " empty");
        }
        auto v = valid_request(GetParam());
        v.erase(std::string(spec.name));
        EXPECT_EQ(refusal(GetParam(), v)->field, spec.member);
    }
}

TEST_P(RequestTable, LetsOptionalFieldsBeAbsent) {
    auto v = valid_request(GetParam());
    for (const field_spec& spec : request_fields(GetParam()))
        if (!spec.rule.mandatory) v.erase(std::string(spec.name));
    EXPECT_FALSE(refusal(GetParam(), v));
}

TEST_P(RequestTable, RefusesEveryValueOverItsLimitNamingTheField) {
    for (const field_spec& spec : request_fields(GetParam())) {
        auto over = too_long(spec.rule);
        if (!over) continue;
        auto v = valid_request(GetParam());
        v[std::string(spec.name)] = *over;
        auto problem = refusal(GetParam(), v);
        ASSERT_TRUE(problem.has_value()) << spec.name;
        EXPECT_EQ(problem->code, error::invalid_field) << spec.name;
        EXPECT_TRUE(reason_for(GetParam(), *problem)
                        .starts_with(std::string(spec.name) + " exceeds " +
                                     std::to_string(spec.rule.limit)))
            << reason_for(GetParam(), *problem);
        if (spec.rule.kind == field_kind::text) {  // exactly at the limit is fine
            v[std::string(spec.name)] = std::string(spec.rule.limit, 'A');
            EXPECT_FALSE(refusal(GetParam(), v)) << spec.name;
        }
    }
}

TEST_P(RequestTable, EncodesEveryFieldUnderItsWireNameAndDecodesItBack) {
    const auto v = valid_request(GetParam());
    const form f = form_of(v);
    field_list encoded;
    switch (GetParam()) {
        case route::generatecnote:
            encoded = fields_of(*decode_generatecnote_request(f, everything_known()));
            break;
        case route::pickupcashless:
            encoded = fields_of(*decode_pickup_request(f, everything_known()));
            break;
        default:
            encoded = fields_of(*decode_stock_request(f, everything_known()));
    }
    for (const field_spec& spec : request_fields(GetParam())) {
        auto it = std::find_if(encoded.begin(), encoded.end(),
                               [&](const auto& p) { return p.first == spec.name; });
        ASSERT_NE(it, encoded.end()) << spec.name;
        EXPECT_EQ(it->second, v.at(std::string(spec.name))) << spec.name;
    }
}

INSTANTIATE_TEST_SUITE_P(Routes, RequestTable,
                         ::testing::Values(route::generatecnote, route::pickupcashless,
                                           route::stockawb),
                         [](const auto& table) {
                             return std::string(
                                 table.param == route::generatecnote    ? "generatecnote"
                                 : table.param == route::pickupcashless ? "pickupcashless"
                                                                        : "stockawb");
                         });

TEST(RequestRules, CountBytesOfUtf8NotCharacters) {
    auto v = valid_request(route::generatecnote);
    v["OLSHOP_SHIPPER_ZIP"] = "\xC3\xA9\xC3\xA9\xC3\xA9";  // three characters, six bytes
    EXPECT_EQ(reason(route::generatecnote, v), "OLSHOP_SHIPPER_ZIP exceeds 5 characters");
}

TEST(RequestRules, ReportTheFirstViolationInTableOrder) {
    auto v = valid_request(route::generatecnote);
    v["OLSHOP_RECEIVER_ZIP"] = "1234567";
    v["OLSHOP_SHIPPER_ZIP"] = "1234567";
    EXPECT_EQ(reason(route::generatecnote, v), "OLSHOP_SHIPPER_ZIP exceeds 5 characters");
}

TEST(RequestRules, AcceptAPlusBeforePhoneDigitsOnly) {
    auto v = valid_request(route::generatecnote);
    v["OLSHOP_SHIPPER_PHONE"] = "+6289876543212";
    EXPECT_FALSE(refusal(route::generatecnote, v));
    v["OLSHOP_SHIPPER_PHONE"] = "0812-345";
    EXPECT_EQ(reason(route::generatecnote, v), "OLSHOP_SHIPPER_PHONE must be a phone number");
}

TEST(RequestRules, CheckFlagsAndTheCodAmountOnlyWhenCodIsOn) {
    auto v = valid_request(route::generatecnote);
    v["OLSHOP_INS_FLAG"] = "X";
    EXPECT_EQ(reason(route::generatecnote, v), "OLSHOP_INS_FLAG must be Y or N");
    v = valid_request(route::generatecnote);
    v["OLSHOP_COD_FLAG"] = "YES";
    v["OLSHOP_COD_AMOUNT"] = "0";
    EXPECT_EQ(reason(route::generatecnote, v),
              "OLSHOP_COD_AMOUNT must be more than 0 when OLSHOP_COD_FLAG is YES");
    v["OLSHOP_COD_AMOUNT"] = "37000";
    EXPECT_FALSE(refusal(route::generatecnote, v));
    v["OLSHOP_COD_FLAG"] = "N";
    v["OLSHOP_COD_AMOUNT"] = "placeholder";
    EXPECT_FALSE(refusal(route::generatecnote, v));
}

TEST(RequestRules, SayAWeightPastAnyParcelsIsOverTheLimitNotNoNumber) {
    auto v = valid_request(route::pickupcashless);
    v["WEIGHT"] = "9999999";
    EXPECT_EQ(reason(route::pickupcashless, v), "WEIGHT must be at most 100000 kg");
    v["WEIGHT"] = "100000.5";
    EXPECT_EQ(reason(route::pickupcashless, v), "WEIGHT must be at most 100000 kg");
    v["WEIGHT"] = "0100000";
    EXPECT_FALSE(refusal(route::pickupcashless, v));
    for (const char* not_a_weight : {"0", "0.000", "-1", "1e3", "abc", "."}) {
        v["WEIGHT"] = not_a_weight;
        EXPECT_EQ(reason(route::pickupcashless, v), "WEIGHT must be a number more than 0")
            << not_a_weight;
    }
    v = valid_request(route::pickupcashless);
    v["QTY"] = "9999999";  // a quantity is no weight: still no number it takes
    EXPECT_EQ(reason(route::pickupcashless, v), "QTY must be a number more than 0");
}

TEST(RequestRules, DecodeFlagsAsBoolsAndChoicesInUpperCase) {
    auto v = valid_request(route::pickupcashless);
    v["INSURANCE_FLAG"] = "1";
    v["COD_FLAG"] = "yes";
    v["COD_AMOUNT"] = "5000";
    v["TYPE"] = " drop ";
    auto r = decode_pickup_request(form_of(v), everything_known());
    ASSERT_TRUE(r.has_value());
    EXPECT_TRUE(r->insured);
    EXPECT_TRUE(r->cod);
    EXPECT_EQ(r->cod_amount, 5000);
    EXPECT_EQ(r->type, "DROP");
    // Written back in the words of JNE's document: pickups 1/0 and YES/NO, generatecnote Y/N
    // and YES/N.
    const auto field = [](const field_list& sent, std::string_view name) {
        return std::find_if(sent.begin(), sent.end(),
                            [&](const auto& f) { return f.first == name; })
            ->second;
    };
    EXPECT_EQ(field(fields_of(*r), "INSURANCE_FLAG"), "1");
    EXPECT_EQ(field(fields_of(*r), "COD_FLAG"), "YES");
    r->insured = r->cod = false;
    EXPECT_EQ(field(fields_of(*r), "INSURANCE_FLAG"), "0");
    EXPECT_EQ(field(fields_of(*r), "COD_FLAG"), "NO");
    jne::api::generatecnote_request g;
    EXPECT_EQ(field(fields_of(g), "OLSHOP_INS_FLAG"), "N");
    EXPECT_EQ(field(fields_of(g), "OLSHOP_COD_FLAG"), "N");
    g.insured = g.cod = true;
    EXPECT_EQ(field(fields_of(g), "OLSHOP_INS_FLAG"), "Y");
    EXPECT_EQ(field(fields_of(g), "OLSHOP_COD_FLAG"), "YES");
}

TEST(RequestRules, DecodeValuesAsWhatTheyMean) {
    auto v = valid_request(route::pickupcashless);
    v["WEIGHT"] = "1.3001";
    v["GOODS_AMOUNT"] = "0042";
    v["PICKUP_DATE"] = "29-02-2024";
    v["PICKUP_TIME"] = "9:30";
    v["TAX_VALUE"] = "1500";
    auto r = decode_pickup_request(form_of(v), everything_known());
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->weight, jne::api::grams{1301});  // beyond the gram rounds up
    EXPECT_EQ(r->goods_amount, 42);
    EXPECT_EQ(r->pickup_date, (jne::api::calendar_date{2024, 2, 29}));
    EXPECT_EQ(r->pickup_time, (jne::api::clock_time{9, 30}));
    EXPECT_EQ(r->tax_value, 1500);
    v.erase("TAX_VALUE");
    EXPECT_EQ(decode_pickup_request(form_of(v), everything_known())->tax_value, std::nullopt);
}

TEST(RequestRules, WantAnOptionalCodAmountWhileCodIsOn) {
    auto v = valid_request(route::pickupcashless);
    v["COD_FLAG"] = "YES";
    v.erase("COD_AMOUNT");
    EXPECT_EQ(reason(route::pickupcashless, v),
              "COD_AMOUNT must be more than 0 when COD_FLAG is YES");
    v["COD_FLAG"] = "NO";
    EXPECT_FALSE(refusal(route::pickupcashless, v));
}

TEST(RequestRules, NameUnknownCodesInJnesWording) {
    auto v = valid_request(route::generatecnote);
    v["OLSHOP_ORIG"] = "CGK10100";
    auto facts = everything_known();
    facts.origin_exists = [](std::string_view code) { return code == "CGK10000"; };
    auto problem = refusal(route::generatecnote, v, facts);
    EXPECT_EQ(problem->code, error::unknown_code);
    EXPECT_EQ(reason_for(route::generatecnote, *problem), "Origin Code CGK10100 Not Exists");
}

TEST(RequestRules, ReadPickupDatesTimesAndChoices) {
    auto facts = everything_known();
    facts.service_exists = [](std::string_view s) { return s == "REG"; };
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
             {"WEIGHT", "100000", true},
             {"WEIGHT", "100000.5", false},
             {"WEIGHT", "0.000", false},
             {"WEIGHT", "1e3", false},
             {"HS_CODE", "1000000;1;4204,2000000;2;4905,3000000;3;4988", true},
             {"HS_CODE", "1;1;1,1;1;1,1;1;1,1;1;1,1;1;1,1;1;1", false},
             {"HS_CODE", "1000000;1", false}}) {
        auto v = valid_request(route::pickupcashless);
        v["SERVICE_CODE"] = "REG";
        v[field] = value;
        EXPECT_EQ(!refusal(route::pickupcashless, v, facts).has_value(), ok)
            << field << "=" << value;
    }
    auto v = valid_request(route::pickupcashless);
    v["PICKUP_VEHICLE"] = "Plane";
    EXPECT_EQ(reason(route::pickupcashless, v), "PICKUP_VEHICLE must be one of MOTOR MOBIL TRUCK");
}

TEST(RequestRules, CountAirwaybillsToReserveFromOneToAHundred) {
    auto v = valid_request(route::stockawb);
    v["REQUEST_AWB"] = "101";
    EXPECT_EQ(reason(route::stockawb, v), "REQUEST_AWB must be a number from 1 to 100");
    v["REQUEST_AWB"] = "100";
    EXPECT_EQ(decode_stock_request(form_of(v), everything_known())->count, 100);
}

TEST(RequestRules, ReadCredentialsAsSentAndTellAbsentFromEmpty) {
    form f;
    f.add("username", "TESTAPI");
    auto c = decode_credentials(f);
    EXPECT_EQ(c.username, "TESTAPI");
    EXPECT_FALSE(c.api_key.has_value());
}

TEST(LabelRequest, ReadsThePathAndEveryAwbFieldOnceEachInOrder) {
    form f;
    f.add("awb", "8800000000000021, 8800000000000013");
    f.add("awb", "8800000000000039");
    f.add("format", "ZPL");
    f.add("size", "A6");
    const auto r = decode_label_request(f, "8800000000000013,,8800000000000047");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->numbers, (std::vector<std::string>{"8800000000000013", "8800000000000047",
                                                    "8800000000000021", "8800000000000039"}));
    EXPECT_EQ(r->format, jne::api::label_format::zpl);
    EXPECT_EQ(r->size, jne::api::label_size::a6);
    form bad;
    bad.add("format", "gif");
    EXPECT_EQ(decode_label_request(bad, "1").error().what, problem::not_one_of);
}

TEST(LabelRequest, StopsReadingNumbersPastTheMostARequestMayLabel) {
    // A body of ten thousand numbers reads as one more than the limit: the service refuses it,
    // and the decoder never searched ten thousand numbers for repeats.
    form f;
    for (int i = 0; i < 10'000; ++i) f.add("awb", std::to_string(1'000'000 + i));
    const auto r = decode_label_request(f, "1");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->numbers.size(), jne::api::max_labels + 1);
}
