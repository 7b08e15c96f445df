#include "wire/errors.hpp"

#include "support/golden.hpp"

#include <gtest/gtest.h>

using jne::api::error;
using jne::api::fail;
using jne::api::failure;
using jne::api::problem;
using jne::test::golden;
using jne::test::json_difference;
using jne::wire::encode_failure;
using jne::wire::route;

namespace {
failure duplicate(std::string airwaybill) {
    failure f = fail(error::duplicate_order);
    f.airwaybill = std::move(airwaybill);
    return f;
}

void expect_body(route r, const failure& f, const std::string& file, unsigned status = 200) {
    auto a = encode_failure(r, f);
    EXPECT_EQ(a.status, status);
    EXPECT_EQ(json_difference(golden(file), a.body), "") << file << ": " << a.body;
}
}  // namespace

TEST(ErrorBodies, MatchTheOriginalDocumentForEveryRoute) {
    expect_body(route::pricedev, fail(error::price_not_found), "price_not_found.json");
    expect_body(route::cnote, fail(error::cnote_not_found), "cnote_not_found.json");
    expect_body(route::generatecnote, fail(error::bad_credentials),
                "generatecnote_bad_credentials.json");
    expect_body(route::pickupcashless, fail(error::bad_credentials),
                "pickupcashless_bad_credentials.json");
    expect_body(route::pricedev, fail(error::bad_credentials),
                "pickupcashless_bad_credentials.json");
    expect_body(route::generatecnote, duplicate("010116240120789"), "generatecnote_duplicate.json");
    expect_body(route::generatecnote,
                fail(error::unknown_code, problem::unknown_origin, "origin", {"CGK10100"}),
                "generatecnote_unknown_origin.json");
    expect_body(route::pickupcashless, duplicate("1234567890"), "pickupcashless_duplicate.json");
    expect_body(route::pickupcashless, fail(error::missing_field, problem::missing, "pickup_name"),
                "pickupcashless_missing_field.json");
}

TEST(ErrorBodies, SayCredentialsMustBeSentWithGeneratecnotesStringStatus) {
    expect_body(route::pricedev, fail(error::credentials_missing), "credentials_missing.json");
    expect_body(route::generatecnote, fail(error::credentials_missing),
                "generatecnote_credentials_missing.json");
    expect_body(route::cnote, fail(error::not_your_cnote), "not_your_cnote.json");
}

// JNE's live server, recorded: reason first, status second, no cnote_no.
TEST(ErrorBodies, NameTheEmptyFieldInJnesWordingAndShapeOnGeneratecnote) {
    auto a = encode_failure(route::generatecnote,
                            fail(error::missing_field, problem::missing, "goods_value"));
    EXPECT_EQ(
        a.body,
        R"({"detail":[{"reason":"Please do not let field OLSHOP_GOODSVALUE empty","status":"Error"}]})");
    auto too_long = encode_failure(
        route::generatecnote, fail(error::invalid_field, problem::too_long, "shipper.zip", {}, 5));
    EXPECT_EQ(
        too_long.body,
        R"({"detail":[{"reason":"OLSHOP_SHIPPER_ZIP exceeds 5 characters","status":"Error"}]})");
    // A code the catalogue lacks keeps the shape with cnote_no, as the contract's example.
    auto unknown =
        encode_failure(route::generatecnote,
                       fail(error::unknown_code, problem::unknown_origin, "origin", {"CGK10100"}));
    EXPECT_EQ(
        unknown.body,
        R"({"detail":[{"status":"Error","reason":"Origin Code CGK10100 Not Exists","cnote_no":null}]})");
}

TEST(ErrorBodies, AnswerHttpFailuresWithJson) {
    EXPECT_EQ(jne::wire::encode_http_error(404).status, 404u);
    EXPECT_EQ(json_difference(golden("http_404.json"), jne::wire::encode_http_error(404).body), "");
    EXPECT_EQ(json_difference(golden("http_405.json"), jne::wire::encode_http_error(405).body), "");
    EXPECT_EQ(json_difference(golden("http_413.json"), jne::wire::encode_http_error(413).body), "");
    EXPECT_EQ(jne::wire::encode_http_error(400).status, 400u);
}

TEST(ErrorBodies, WordWhatAServiceSaidWithTheRoutesOwnFieldNames) {
    const failure heavy =
        fail(error::invalid_field, problem::over_service_weight, "service", {"REG"}, 70);
    EXPECT_EQ(jne::wire::reason_for(route::generatecnote, heavy),
              "OLSHOP_SERVICE REG takes at most 70 kg");
    EXPECT_EQ(jne::wire::reason_for(route::pickupcashless, heavy),
              "SERVICE_CODE REG takes at most 70 kg");
    EXPECT_EQ(jne::wire::reason_for(route::generatecnote,
                                    fail(error::invalid_field, problem::service_not_on_route,
                                         "service", {"YES", "CGK10000", "DJJ10000"})),
              "Service Code YES Not Available From CGK10000 To DJJ10000");
    EXPECT_EQ(
        encode_failure(route::cancel, fail(error::not_cancellable, problem::missing, "reason"))
            .body,
        R"({"status":false,"reason":"Please do not let field reason_cancel empty"})");
    EXPECT_EQ(
        encode_failure(route::cancel, fail(error::not_cancellable, problem::already_in_network))
            .body,
        R"({"status":false,"reason":"Cancel refused: the shipment is already in the network and cannot be )"
        R"(cancelled"})");
}

TEST(ErrorBodies, KeepTheWordsOfAnAnswerTheClientRead) {
    EXPECT_EQ(jne::wire::reason_for(route::pricedev,
                                    jne::api::fail_saying(error::refused, "as it was said")),
              "as it was said");
}
