// Golden tests: the original document's requests against a real server, its
// answers compared key by key, in key order, with types.
#include "support/golden.hpp"
#include "client/client.hpp"
#include "support/shared_server.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

using namespace jne;

namespace {

struct Golden : test::shared_server<Golden> {
    client::client api{{server->base_url(), "", ""}};

    // Sends a request file of the document as a urlencoded form, as it says to.
    std::string send(const std::string& path, const std::string& request_file,
                     const std::vector<std::pair<std::string, std::string>>& changes = {}) {
        auto fields = boost::json::parse(test::golden(request_file)).as_object();
        for (const auto& [k, v] : changes) fields[k] = v;
        std::string body;
        for (const auto& [k, v] : fields)
            body += (body.empty() ? "" : "&") + std::string(k) + "=" +
                    wire_encode(std::string(v.as_string()));
        auto r = api.post_raw(path, "application/x-www-form-urlencoded", body);
        EXPECT_TRUE(r.has_value());
        EXPECT_EQ(r ? r->status : 0, 200);
        return r ? r->body : std::string();
    }
    static std::string wire_encode(const std::string& s) {
        std::string out;
        for (unsigned char c : s) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
                out.push_back(static_cast<char>(c));
            else {
                char buf[4];
                std::snprintf(buf, sizeof buf, "%%%02X", c);
                out += buf;
            }
        }
        return out;
    }
};

}  // namespace

TEST_F(Golden, GetTariffExampleAnswersTheDocumentsEightServices) {
    auto body = send("/tracing/api/pricedev", "pricedev_request.json");
    EXPECT_EQ(test::json_difference(test::golden("pricedev_cgk_bdo_1kg.json"), body), "");
}

TEST_F(Golden, GetTariffErrorIsTheDocuments) {
    auto body = send("/tracing/api/pricedev", "pricedev_request.json", {{"from", "CGK10100"}});
    EXPECT_EQ(test::json_difference(test::golden("price_not_found.json"), body), "");
}

TEST_F(Golden, WrongApiKeyOnGetTariffIsTheDocuments) {
    auto body = send("/tracing/api/pricedev", "pricedev_request.json", {{"api_key", "wrong"}});
    EXPECT_EQ(test::json_difference(test::golden("pickupcashless_bad_credentials.json"), body), "");
}

namespace {
// Success bodies carry an airwaybill this server issues: the document's value is
// replaced by the one received before comparing everything else.
std::string with_airwaybill(std::string golden_text, const std::string& documented,
                            const std::string& issued) {
    golden_text.replace(golden_text.find(documented), documented.size(), issued);
    return golden_text;
}
std::string issued_airwaybill(const std::string& body) {
    auto v = boost::json::parse(body);
    return std::string(v.at("detail").at(0).at("cnote_no").as_string());
}
}  // namespace

TEST_F(Golden, GeneratecnoteExampleAnswersSuksesThenTheDuplicateError) {
    auto body = send("/tracing/api/generatecnote", "generatecnote_request.json");
    const std::string issued = issued_airwaybill(body);
    EXPECT_EQ(test::json_difference(with_airwaybill(test::golden("generatecnote_success.json"),
                                                    "010116240120789", issued),
                                    body),
              "");
    auto again = send("/tracing/api/generatecnote", "generatecnote_request.json");
    EXPECT_EQ(test::json_difference(with_airwaybill(test::golden("generatecnote_duplicate.json"),
                                                    "010116240120789", issued),
                                    again),
              "");
}

TEST_F(Golden, GeneratecnoteErrorsAreTheDocuments) {
    auto origin = send("/tracing/api/generatecnote", "generatecnote_request.json",
                       {{"OLSHOP_ORIG", "CGK10100"}, {"OLSHOP_ORDERID", "G2"}});
    EXPECT_EQ(test::json_difference(test::golden("generatecnote_unknown_origin.json"), origin), "");
    auto key =
        send("/tracing/api/generatecnote", "generatecnote_request.json", {{"api_key", "wrong"}});
    EXPECT_EQ(test::json_difference(test::golden("generatecnote_bad_credentials.json"), key), "");
}

TEST_F(Golden, PickupExampleAnswersSuccessThenTheDuplicateError) {
    auto body = send("/pickupcashless", "pickupcashless_request.json");
    const std::string issued = issued_airwaybill(body);
    EXPECT_EQ(test::json_difference(with_airwaybill(test::golden("pickupcashless_success.json"),
                                                    "0109401600067399", issued),
                                    body),
              "");
    auto again = send("/pickupcashless", "pickupcashless_request.json");
    EXPECT_EQ(test::json_difference(with_airwaybill(test::golden("pickupcashless_duplicate.json"),
                                                    "1234567890", issued),
                                    again),
              "");
}

TEST_F(Golden, PickupErrorsAreTheDocuments) {
    auto missing = send("/pickupcashless", "pickupcashless_request.json",
                        {{"PICKUP_NAME", ""}, {"ORDER_ID", "P2"}});
    EXPECT_EQ(test::json_difference(test::golden("pickupcashless_missing_field.json"), missing),
              "");
    auto key = send("/pickupcashless", "pickupcashless_request.json", {{"api_key", "wrong"}});
    EXPECT_EQ(test::json_difference(test::golden("pickupcashless_bad_credentials.json"), key), "");
}

TEST_F(Golden, TrackingExampleIsTheDocumentsByteForByteInShape) {
    auto body = send("/tracing/api/list/v1/cnote/5403212200022724", "cnote_request.json");
    EXPECT_EQ(test::json_difference(test::golden("cnote_5403212200022724.json"), body), "");
    auto missing = send("/tracing/api/list/v1/cnote/5403212200022733", "cnote_request.json");
    EXPECT_EQ(test::json_difference(test::golden("cnote_not_found.json"), missing), "");
}
