#include "wire/errors.hpp"

#include "support/golden.hpp"

#include <gtest/gtest.h>

using jne::api::error;
using jne::api::failure;
using jne::test::golden;
using jne::test::json_difference;
using jne::wire::encode_failure;
using jne::wire::route;

namespace {
void expect_body(route r, const failure& f, const std::string& file, unsigned status = 200) {
    auto a = encode_failure(r, f);
    EXPECT_EQ(a.status, status);
    EXPECT_EQ(json_difference(golden(file), a.body), "") << file << ": " << a.body;
}
}  // namespace

TEST(ErrorBodies, MatchTheOriginalDocumentForEveryRoute) {
    expect_body(route::pricedev, {error::price_not_found, {}, {}, {}}, "price_not_found.json");
    expect_body(route::cnote, {error::cnote_not_found, {}, {}, {}}, "cnote_not_found.json");
    expect_body(route::generatecnote, {error::bad_credentials, {}, {}, {}},
                "generatecnote_bad_credentials.json");
    expect_body(route::pickupcashless, {error::bad_credentials, {}, {}, {}},
                "pickupcashless_bad_credentials.json");
    expect_body(route::pricedev, {error::bad_credentials, {}, {}, {}},
                "pickupcashless_bad_credentials.json");
    expect_body(route::generatecnote, {error::duplicate_order, {}, "010116240120789", {}},
                "generatecnote_duplicate.json");
    expect_body(route::generatecnote,
                {error::unknown_code, "Origin Code CGK10100 Not Exists", {}, {}},
                "generatecnote_unknown_origin.json");
    expect_body(route::pickupcashless, {error::duplicate_order, {}, "1234567890", {}},
                "pickupcashless_duplicate.json");
    expect_body(route::pickupcashless, {error::missing_field, {}, {}, "PICKUP_NAME"},
                "pickupcashless_missing_field.json");
}

TEST(ErrorBodies, SayCredentialsMustBeSentWithGeneratecnotesStringStatus) {
    expect_body(route::pricedev, {error::credentials_missing, {}, {}, {}},
                "credentials_missing.json");
    expect_body(route::generatecnote, {error::credentials_missing, {}, {}, {}},
                "generatecnote_credentials_missing.json");
    expect_body(route::cnote, {error::not_your_cnote, {}, {}, {}}, "not_your_cnote.json");
}

TEST(ErrorBodies, NameTheEmptyFieldInJnesWordingOnGeneratecnote) {
    auto a =
        encode_failure(route::generatecnote, {error::missing_field, {}, {}, "OLSHOP_GOODSVALUE"});
    EXPECT_EQ(
        a.body,
        R"({"detail":[{"status":"Error","reason":"Please do not let field OLSHOP_GOODSVALUE empty","cnote_no":null}]})");
}

TEST(ErrorBodies, AnswerHttpFailuresWithJson) {
    EXPECT_EQ(jne::wire::encode_http_error(404).status, 404u);
    EXPECT_EQ(json_difference(golden("http_404.json"), jne::wire::encode_http_error(404).body), "");
    EXPECT_EQ(json_difference(golden("http_405.json"), jne::wire::encode_http_error(405).body), "");
    EXPECT_EQ(json_difference(golden("http_413.json"), jne::wire::encode_http_error(413).body), "");
    EXPECT_EQ(jne::wire::encode_http_error(400).status, 400u);
}
