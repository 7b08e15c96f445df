// The public page's routes on a real server, read by curl: the page and its assets (ETag, 304,
// versioned links kept for good, gzip, the headers that fence the page in) and the /public/v1
// JSON (what a stranger may see, and the allowance per client address).
#include "client/client.hpp"
#include "core/airwaybill.hpp"
#include "support/requests.hpp"
#include "support/shared_server.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <fstream>

using namespace jne;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr const char* example = "5403212200022724";  // the document's delivered shipment

struct answer {
    std::string head;
    std::string body;
    /// A header's value ("" when absent), its name as the server writes it.
    std::string header(const std::string& name) const {
        const auto at = head.find("\r\n" + name + ": ");
        if (at == std::string::npos) return {};
        const auto from = at + name.size() + 4;
        return head.substr(from, head.find("\r\n", from) - from);
    }
    boost::json::value json() const { return boost::json::parse(body); }
};

struct PublicPage : test::shared_server<PublicPage> {
    static std::vector<std::string> server_arguments() {
        return {"--sandbox-speed", "0.001", "--public-rate", "40/min"};
    }
    test::temp_dir dir;

    answer get(const std::string& target, std::vector<std::string> options = {}) {
        const auto head = (dir / "head.txt").string(), out = (dir / "body.bin").string();
        // curl leaves the output file alone when there is no body (a 304): no stale body.
        std::filesystem::remove(out);
        std::vector<std::string> argv{"curl", "-s", "-D", head, "-o", out};
        argv.insert(argv.end(), options.begin(), options.end());
        argv.push_back(server->base_url() + target);
        const auto r = test::run_command(argv);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return {read(head), read(out)};
    }
    static std::string read(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
};

}  // namespace

TEST_F(PublicPage, ThePageAtEveryPathItShowsWithAValidatorAndItsFences) {
    const answer home = get("/");
    EXPECT_THAT(home.head, HasSubstr("HTTP/1.1 200"));
    EXPECT_EQ(home.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(home.header("Cache-Control"), "no-cache");
    EXPECT_THAT(home.header("ETag"), ::testing::MatchesRegex("\"[0-9a-f]{16}\""));
    EXPECT_THAT(home.header("Content-Security-Policy"), HasSubstr("script-src 'self'"));
    EXPECT_EQ(home.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(home.header("Referrer-Policy"), "no-referrer");
    EXPECT_THAT(home.body, HasSubstr("<main>"));
    // Deep links are the same page: the script reads the path.
    EXPECT_EQ(get(std::string("/track/") + example + ",123").body, home.body);
    EXPECT_EQ(get("/tariff").body, home.body);

    // A copy that is still current costs a 304 and no body.
    const answer again = get("/", {"-H", "If-None-Match: " + home.header("ETag")});
    EXPECT_THAT(again.head, HasSubstr("HTTP/1.1 304"));
    EXPECT_EQ(again.body, "");
    EXPECT_EQ(again.header("Content-Length"), "");
    EXPECT_THAT(get("/", {"-H", "If-None-Match: \"0000000000000000\""}).head,
                HasSubstr("HTTP/1.1 200"));
    // HEAD: the head alone.
    const answer head = get("/", {"-I"});
    EXPECT_EQ(head.header("ETag"), home.header("ETag"));
}

TEST_F(PublicPage, AssetsLinkedByVersionAreKeptForGoodAndSentCompressed) {
    const std::string page = get("/").body;
    const auto at = page.find("/assets/app.js?v=");
    ASSERT_NE(at, std::string::npos) << page;
    const std::string link = page.substr(at, page.find('"', at) - at);
    const std::string version = link.substr(link.find("v=") + 2);

    const answer js = get(link, {"-H", "Accept-Encoding: gzip", "--compressed"});
    EXPECT_THAT(js.head, HasSubstr("HTTP/1.1 200"));
    EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
    EXPECT_EQ(js.header("Content-Encoding"), "gzip");
    EXPECT_EQ(js.header("Vary"), "Accept-Encoding");
    EXPECT_EQ(js.header("Cache-Control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(js.header("ETag"), "\"" + version + "\"");
    EXPECT_THAT(js.body, HasSubstr("function route()"));
    // Compressed: fewer bytes on the wire than the file.
    EXPECT_LT(std::stoul(js.header("Content-Length")), js.body.size());

    // By another URL (an old or no version), it is revalidated, not kept.
    EXPECT_EQ(get("/assets/app.js").header("Cache-Control"), "no-cache");
    EXPECT_EQ(get("/assets/app.js?v=0123").header("Cache-Control"), "no-cache");
    EXPECT_EQ(get("/assets/app.css").header("Content-Type"), "text/css; charset=utf-8");
    EXPECT_THAT(get("/assets/nothing.js").head, HasSubstr("HTTP/1.1 404"));
    EXPECT_THAT(get("/assets/app.js", {"-X", "POST"}).head, HasSubstr("HTTP/1.1 405"));
}

TEST_F(PublicPage, TrackingShowsWhatAStrangerMaySee) {
    client::client api{{server->base_url(), "TESTAPI", test::sandbox_key}};
    auto request = test::example_generatecnote("PUBLIC-" + std::to_string(::getpid()));
    request.shipper.name = "Budi Santoso";
    request.receiver.name = "Siti Aminah";
    const auto created = api.generatecnote(request);
    ASSERT_TRUE(created.has_value());

    const answer a = get("/public/v1/track/" + created->airwaybill + "," + example);
    EXPECT_EQ(a.header("Cache-Control"), "no-store");
    const auto shipments = a.json().at("shipments").as_array();
    ASSERT_EQ(shipments.size(), 2u);
    const auto& mine = shipments[0].as_object();
    EXPECT_EQ(mine.at("outcome"), "found");
    EXPECT_EQ(mine.at("shipper"), "B*** S***");
    EXPECT_EQ(mine.at("receiver"), "S*** A***");
    EXPECT_EQ(mine.at("origin"), "JAKARTA");
    EXPECT_EQ(mine.at("service"), "REG");
    EXPECT_EQ(mine.at("stage"), "ordered");
    // Nothing of the addresses, the phones or the price.
    for (const std::string& secret :
         {request.shipper.addr1, request.shipper.phone, request.receiver.addr1,
          request.receiver.phone, request.receiver.zip, std::string("Budi"), std::string("Aminah")})
        EXPECT_THAT(a.body, Not(HasSubstr(secret))) << secret;
    EXPECT_THAT(a.body, Not(HasSubstr("amount")));

    const auto& delivered = shipments[1].as_object();
    EXPECT_EQ(delivered.at("stage"), "delivered");
    EXPECT_EQ(delivered.at("status"), "DELIVERED");
    const auto& history = delivered.at("history").as_array();
    ASSERT_EQ(history.size(), 7u);
    EXPECT_EQ(history[0].at("code"), "D01");  // newest first
    EXPECT_EQ(history[0].at("at"), "2022-01-11T10:32:00.000+07:00");
    EXPECT_THAT(std::string(history[0].at("text").as_string()), HasSubstr("A*** Y***"));
    EXPECT_THAT(a.body, Not(HasSubstr("A YANI")));
}

TEST_F(PublicPage, MistypedUnknownAndTooManyNumbersAreToldApart) {
    const std::string unknown = core::airwaybill_from_sequence(987'654'321);  // well-formed
    const auto shipments =
        get("/public/v1/track/5403212200022725," + unknown + ",12ab,%20" + unknown)
            .json()
            .at("shipments")
            .as_array();
    ASSERT_EQ(shipments.size(), 3u);  // each once
    EXPECT_EQ(shipments[0].at("outcome"), "mistyped");
    EXPECT_EQ(shipments[1].at("outcome"), "unknown");
    EXPECT_EQ(shipments[2].at("outcome"), "mistyped");
    EXPECT_FALSE(shipments[1].as_object().contains("history"));

    std::string eleven;
    for (int i = 0; i < 11; ++i) eleven += "88000000000000" + std::to_string(10 + i) + ",";
    const answer refused = get("/public/v1/track/" + eleven);
    EXPECT_THAT(refused.head, HasSubstr("HTTP/1.1 400"));
    EXPECT_EQ(refused.json().at("error").at("code"), "too_many_numbers");
    EXPECT_EQ(get("/public/v1/track/,,").json().at("error").at("code"), "no_number");
}

TEST_F(PublicPage, PlacesComeWithTheOriginThatSendsFromThem) {
    const auto places = get("/public/v1/places?q=bandung").json().at("places").as_array();
    ASSERT_FALSE(places.empty());
    EXPECT_LE(places.size(), 20u);
    EXPECT_THAT(std::string(places[0].at("name").as_string()), HasSubstr("BANDUNG"));
    // Bandung's places send from Bandung's origin (BDO10000 or one of its areas).
    EXPECT_THAT(std::string(places[0].at("origin").as_string()), ::testing::StartsWith("BDO"));
    const auto jakarta = get("/public/v1/places?q=jakarta").json().at("places").as_array();
    ASSERT_FALSE(jakarta.empty());
    EXPECT_EQ(get("/public/v1/places?q=").json().at("places").as_array().size(), 0u);
}

TEST_F(PublicPage, TheCalculatorSaysWhichWeightWasCharged) {
    const auto by_volume =
        get("/public/v1/tariff?from=CGK10000&thru=BDO10000&weight=1&length=30&width=30&height=30")
            .json();
    EXPECT_EQ(by_volume.at("weight"), "1");
    EXPECT_EQ(by_volume.at("volumetric"), "4.5");
    EXPECT_EQ(by_volume.at("charged"), "5");
    EXPECT_EQ(by_volume.at("charged_by_volume"), true);
    EXPECT_EQ(by_volume.at("from_name"), "JAKARTA");
    const auto& services = by_volume.at("services").as_array();
    ASSERT_FALSE(services.empty());
    EXPECT_TRUE(services[0].at("price").is_int64());

    const auto by_weight = get("/public/v1/tariff?from=CGK10000&thru=BDO10000&weight=1.2").json();
    EXPECT_EQ(by_weight.at("charged"), "1");
    EXPECT_TRUE(by_weight.at("volumetric").is_null());
    EXPECT_EQ(by_weight.at("charged_by_volume"), false);
    // The same prices pricedev gives for 5 kg.
    const auto five = get("/public/v1/tariff?from=CGK10000&thru=BDO10000&weight=5").json();
    EXPECT_EQ(five.at("services"), by_volume.at("services"));

    const answer none = get("/public/v1/tariff?from=CGK10000&thru=NOPE&weight=1");
    EXPECT_THAT(none.head, HasSubstr("HTTP/1.1 404"));
    EXPECT_EQ(none.json().at("error").at("code"), "no_price");
    EXPECT_EQ(get("/public/v1/tariff?from=CGK10000&thru=BDO10000&weight=1&length=30")
                  .json()
                  .at("error")
                  .at("code"),
              "no_price");
}

// It spends 127.0.0.3's whole allowance: the suite's other tests ask from 127.0.0.1, in any order.
TEST_F(PublicPage, EachClientAddressHasItsOwnAllowance) {
    const std::vector<std::string> from_spender{"--interface", "127.0.0.3"};
    unsigned refused = 0;
    std::string retry_after;
    for (int i = 0; i < 60 && refused == 0; ++i) {
        const answer a = get("/public/v1/places?q=bandung", from_spender);
        if (a.head.starts_with("HTTP/1.1 429")) ++refused, retry_after = a.header("Retry-After");
    }
    EXPECT_EQ(refused, 1u);
    EXPECT_GE(std::stoi(retry_after.empty() ? "0" : retry_after), 1);
    // The page itself is not counted, and another address still has its allowance.
    EXPECT_THAT(get("/", from_spender).head, HasSubstr("HTTP/1.1 200"));
    EXPECT_THAT(get("/public/v1/places?q=bandung", {"--interface", "127.0.0.2"}).head,
                HasSubstr("HTTP/1.1 200"));
}
