// Golden tests: the original document's requests against a real server, its
// answers compared key by key, in key order, with types.
#include "support/golden.hpp"
#include "client/client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

using namespace jne;

namespace {

struct Golden : ::testing::Test {
    static inline test::server_process* server = nullptr;
    static void SetUpTestSuite() { server = new test::server_process(); }
    static void TearDownTestSuite() {
        delete server;
        server = nullptr;
    }
    client::client api{{server->base_url(), "", ""}};

    // Sends a request file of the document as a urlencoded form, as it says to.
    std::string send(const std::string& path, const std::string& request_file,
                     const std::vector<std::pair<std::string, std::string>>& changes = {}) {
        auto fields = boost::json::parse(test::golden(request_file)).as_object();
        for (const auto& [k, v] : changes) fields[k] = v;
        std::string body;
        for (const auto& [k, v] : fields)
            body += (body.empty() ? "" : "&") + std::string(k) + "=" + wire_encode(std::string(v.as_string()));
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
