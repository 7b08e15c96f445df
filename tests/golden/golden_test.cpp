// Golden tests: the original document's requests against a real server, its
// answers compared key by key, in key order, with types.
#include "support/golden.hpp"
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/shared_server.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <boost/json.hpp>

#include <chrono>
#include <thread>

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

TEST_F(Golden, StockawbCredentialErrorsSayFalseAsAString) {
    auto key = send("/tracing/api/stockawb", "stockawb_request.json", {{"api_key", "wrong"}});
    EXPECT_EQ(test::json_difference(test::golden("stockawb_bad_credentials.json"), key), "");
    auto r = api.post_raw("/tracing/api/stockawb", "application/x-www-form-urlencoded",
                          "BRANCH=CGK000&CUST_ID=TESTAKUN&REQUEST_AWB=1&REQUEST_BY=OPS&REASON=X");
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(test::json_difference(test::golden("stockawb_credentials_missing.json"), r->body),
              "");
}

namespace {

// Both tracking paths, every outcome, in each of the three body encodings.
struct GoldenTracking : test::shared_server<GoldenTracking> {
    static std::vector<std::string> server_arguments() { return {"--sandbox-speed", "0.001"}; }
    static inline std::string other_key;
    static void SetUpTestSuite() {
        shared_server::SetUpTestSuite();
        other_key = test::add_account(*server, {"OTHER", "--customer", "OTHER1"});
    }

    std::string post(const std::string& path, const std::string& encoding,
                     const std::vector<std::pair<std::string, std::string>>& fields) {
        std::string type, body;
        if (encoding == "urlencoded") {
            type = "application/x-www-form-urlencoded";
            for (const auto& [k, v] : fields) body += (body.empty() ? "" : "&") + k + "=" + v;
        } else if (encoding == "multipart") {
            type = "multipart/form-data; boundary=b0undary";
            for (const auto& [k, v] : fields)
                body += "--b0undary\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" +
                        v + "\r\n";
            body += "--b0undary--\r\n";
        } else {
            type = "application/json";
            boost::json::object o;
            for (const auto& [k, v] : fields) o[k] = v;
            body = boost::json::serialize(o);
        }
        auto r = api.post_raw(path, type, body);
        EXPECT_TRUE(r.has_value());
        return r ? r->body : std::string();
    }
    client::client api{{server->base_url(), "", ""}};
};

}  // namespace

TEST_F(GoldenTracking, BothPathsAnswerEveryOutcomeAsTheDocumentInEveryEncoding) {
    const std::string key = test::sandbox_key;
    struct outcome {
        std::string airwaybill, username, api_key, golden;
    };
    const std::vector<outcome> outcomes{
        {"5403212200022724", "TESTAPI", key, "cnote_5403212200022724.json"},
        {"5403212200022733", "TESTAPI", key, "cnote_not_found.json"},
        {"5403212200022724", "OTHER", other_key, "not_your_cnote.json"},
        {"5403212200022724", "TESTAPI", "wrong", "pickupcashless_bad_credentials.json"},
    };
    for (const std::string path :
         {"/tracing/api/list/v1/cnote/", "/tracing/api/list/cnoteretails/cnote/"})
        for (const std::string encoding : {"urlencoded", "multipart", "json"})
            for (const outcome& o : outcomes) {
                auto body = post(path + o.airwaybill, encoding,
                                 {{"username", o.username}, {"api_key", o.api_key}});
                EXPECT_EQ(test::json_difference(test::golden(o.golden), body), "")
                    << path << " " << encoding << " " << o.golden;
            }
}

TEST_F(GoldenTracking, TheClientTracksByTheRetailPathToo) {
    client::client merchant({server->base_url(), "TESTAPI", test::sandbox_key});
    auto documented = merchant.track("5403212200022724");
    auto retail = merchant.track("5403212200022724", client::client::tracking_path::retail);
    ASSERT_TRUE(documented.has_value());
    ASSERT_TRUE(retail.has_value());
    EXPECT_EQ(*retail, *documented);
}

TEST_F(Golden, ThePickupExamplesOwnAwbTracksTheShipmentItCreated) {
    // A merchant of its own: the document's order id and reference are TESTAPI's already when
    // another test of this suite sent the example first (the suite shares one server).
    const std::string user = "golden-pickup-" + std::to_string(::getpid());
    const std::vector<std::pair<std::string, std::string>> as_merchant{
        {"username", user}, {"api_key", test::add_account(*server, {user})}};
    const std::string issued =
        issued_airwaybill(send("/pickupcashless", "pickupcashless_request.json", as_merchant));
    const std::string by_airwaybill =
        send("/tracing/api/list/v1/cnote/" + issued, "cnote_request.json", as_merchant);
    const std::string by_reference =
        send("/tracing/api/list/v1/cnote/1234567890", "cnote_request.json", as_merchant);
    EXPECT_EQ(by_reference, by_airwaybill);
    auto cnote = boost::json::parse(by_reference).at("cnote");
    EXPECT_EQ(cnote.at("cnote_no").as_string(), issued);
    EXPECT_EQ(cnote.at("reference_number").as_string(), "1234567890");
    EXPECT_EQ(cnote.at("servicetype").as_string(),
              "REG19");  // the example sends REG: the catalogue's code
}

TEST_F(Golden, AServiceCodeOfAnotherTariffYearAnswersTheDocumentsSuccess) {
    auto body = send("/tracing/api/generatecnote", "generatecnote_request.json",
                     {{"OLSHOP_SERVICE", "REG23"}, {"OLSHOP_ORDERID", "Y23"}});
    const std::string issued = issued_airwaybill(body);
    EXPECT_EQ(test::json_difference(with_airwaybill(test::golden("generatecnote_success.json"),
                                                    "010116240120789", issued),
                                    body),
              "");
    auto tracked =
        boost::json::parse(send("/tracing/api/list/v1/cnote/" + issued, "cnote_request.json"));
    EXPECT_EQ(tracked.at("cnote").at("servicetype").as_string(), "REG23");
    EXPECT_EQ(tracked.at("cnote").at("cnote_services_code").as_string(), "REG");
}

// Beyond the document: the demo account on 2023's codes asks the document's question, and
// answers as JNE's live server does (REG23 …; JTR>250, no JTR5 or JTR<130).
TEST_F(Golden, GetTariffOnTheCodesOf2023AnswersAsJnesLiveServer) {
    const std::vector<std::pair<std::string, std::string>> as_2023{
        {"username", "TESTAPI23"}, {"api_key", test::sandbox_2023_key}};
    auto body = send("/tracing/api/pricedev", "pricedev_request.json", as_2023);
    EXPECT_EQ(test::json_difference(test::golden("pricedev_2023_cgk_bdo_1kg.json"), body), "");
}

// Within one city (CGK10000 → CGK10100) the city courier replaces REG and YES; a create with it
// tracks as CTC.
TEST_F(Golden, WithinOneCityTheCityCourierIsOfferedAndCreated) {
    const std::vector<std::pair<std::string, std::string>> as_2023{
        {"username", "TESTAPI23"}, {"api_key", test::sandbox_2023_key}};
    auto with = [&](std::vector<std::pair<std::string, std::string>> more) {
        more.insert(more.end(), as_2023.begin(), as_2023.end());
        return more;
    };
    auto prices =
        send("/tracing/api/pricedev", "pricedev_request.json", with({{"thru", "CGK10100"}}));
    EXPECT_EQ(test::json_difference(test::golden("pricedev_2023_city_courier.json"), prices), "");
    auto created = send("/tracing/api/generatecnote", "generatecnote_request.json",
                        with({{"OLSHOP_DEST", "CGK10100"},
                              {"OLSHOP_SERVICE", "CTCYES23"},
                              {"OLSHOP_ORDERID", "CTC-GOLDEN"}}));
    const std::string issued = issued_airwaybill(created);
    auto tracked = boost::json::parse(
        send("/tracing/api/list/v1/cnote/" + issued, "cnote_request.json", as_2023));
    EXPECT_EQ(tracked.at("cnote").at("servicetype").as_string(), "CTCYES23");
    EXPECT_EQ(tracked.at("cnote").at("cnote_services_code").as_string(), "CTCYES");
}

// JNE's live server, recorded: an empty mandatory field of generatecnote.
TEST_F(Golden, GeneratecnotesEmptyFieldErrorIsJnesLiveAnswer) {
    auto body = send("/tracing/api/generatecnote", "generatecnote_request.json",
                     {{"OLSHOP_GOODSVALUE", ""}, {"OLSHOP_ORDERID", "EMPTY-GOLDEN"}});
    EXPECT_EQ(test::json_difference(test::golden("generatecnote_empty_field.json"), body), "");
}

TEST_F(GoldenTracking, ForwardingFromTransitIsTheRecordedHistoryLine) {
    client::client merchant({server->base_url(), "TESTAPI", test::sandbox_key});
    auto created = merchant.generatecnote(test::example_generatecnote("OP3-GOLDEN"));
    ASSERT_TRUE(created.has_value());
    client::client network({server->base_url(), "NETWORK",
                            test::add_account(*server, {"NETWORK", "--role", "operator"})});
    auto posted = network.post_events(
        {{"op3-g1", created->airwaybill, "OP3", "01-01-2030 12:00", "BANDUNG", {}, {}}});
    ASSERT_TRUE(posted.has_value() && posted->recorded);
    auto body = post("/tracing/api/list/v1/cnote/" + created->airwaybill, "urlencoded",
                     {{"username", "TESTAPI"}, {"api_key", test::sandbox_key}});
    const auto history = boost::json::parse(body).at("history").as_array();
    EXPECT_EQ(test::json_difference(test::golden("history_op3.json"),
                                    boost::json::serialize(history.back())),
              "");
}

// An operator scans with one of JNE's codes the sandbox never writes: its line is JNE's
// description with the place, and the parcel is still in process.
TEST_F(GoldenTracking, AnOperatorsScanWithAnyOfJnesCodesIsItsDescription) {
    client::client merchant({server->base_url(), "TESTAPI", test::sandbox_key});
    auto created = merchant.generatecnote(test::example_generatecnote("T09-GOLDEN"));
    ASSERT_TRUE(created.has_value());
    client::client network({server->base_url(), "NETWORK-T09",
                            test::add_account(*server, {"NETWORK-T09", "--role", "operator"})});
    auto posted = network.post_events(
        {{"t09-g1", created->airwaybill, "OP1", "01-01-2030 10:00", "JAKARTA", {}, {}},
         {"t09-g2", created->airwaybill, "T09", "01-01-2030 12:00", "JAKARTA", {}, {}}});
    ASSERT_TRUE(posted.has_value() && posted->recorded);
    auto body = post("/tracing/api/list/v1/cnote/" + created->airwaybill, "urlencoded",
                     {{"username", "TESTAPI"}, {"api_key", test::sandbox_key}});
    const auto tracked = boost::json::parse(body);
    EXPECT_EQ(
        test::json_difference(test::golden("history_t09.json"),
                              boost::json::serialize(tracked.at("history").as_array().back())),
        "");
    EXPECT_EQ(tracked.at("cnote").at("pod_status").as_string(), "ON PROCESS");
    // A code that is not JNE's is refused, named.
    auto refused = network.post_events(
        {{"t09-g3", created->airwaybill, "MF1", "01-01-2030 13:00", "JAKARTA", {}, {}}});
    ASSERT_TRUE(refused.has_value());
    EXPECT_FALSE(refused->recorded);
    ASSERT_EQ(refused->outcomes.size(), 1u);
    EXPECT_NE(refused->outcomes[0].reason.find("MF1"), std::string::npos)
        << refused->outcomes[0].reason;
}
