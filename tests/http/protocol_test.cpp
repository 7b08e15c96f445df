// HTTP's corners, over a raw socket: 100-continue, HEAD, the absolute form, Date, gzip, the
// request id; the probes, the metrics and the access log an operator reads.
#include "support/requests.hpp"
#include "support/shared_server.hpp"
#include "wire/requests.hpp"
#include "wire/routes.hpp"

#include <gtest/gtest.h>

#include <zlib.h>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

using namespace jne;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

const std::string credentials = std::string("username=TESTAPI&api_key=") + test::sandbox_key;
const std::string tariff_body = credentials + "&from=CGK10000&thru=BDO10000&weight=1";

struct connection {
    asio::io_context io;
    tcp::socket socket{io};
    beast::flat_buffer buffer;

    explicit connection(unsigned short port) {
        socket.connect({asio::ip::make_address("127.0.0.1"), port});
    }
    void send(const std::string& bytes) { asio::write(socket, asio::buffer(bytes)); }
    bhttp::response<bhttp::string_body> receive(bool head = false) {
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(16 << 20);
        parser.skip(head);  // a HEAD's answer has a length and no body
        bhttp::read(socket, buffer, parser);
        return parser.release();
    }
};

std::string post(const std::string& target, const std::string& body,
                 const std::string& more_headers = {}) {
    return "POST " + target +
           " HTTP/1.1\r\nHost: x\r\nContent-Type: " + "application/x-www-form-urlencoded\r\n" +
           more_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string gunzip(const std::string& gz) {
    z_stream z{};
    inflateInit2(&z, 15 + 16);
    std::string out;
    std::array<char, 65536> chunk{};
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
    z.avail_in = static_cast<uInt>(gz.size());
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk.data());
        z.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk.data(), chunk.size() - z.avail_out);
    }
    inflateEnd(&z);
    EXPECT_EQ(rc, Z_STREAM_END);
    return out;
}

struct Protocol : test::shared_server<Protocol> {
    static std::vector<std::string> server_arguments() {
        return {"--sandbox-speed", "0.001", "--log-format", "text"};  // with its access log
    }
    connection c{server->port()};
};

}  // namespace

TEST_F(Protocol, SendsContinueBeforeTheBodyIsSent) {
    c.send(
        "POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
        std::to_string(tariff_body.size()) + "\r\n\r\n");
    // Nothing of the body is sent yet: the interim answer comes first.
    std::string interim(25, '\0');
    asio::read(c.socket, asio::buffer(interim.data(), interim.size()));
    EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
    c.send(tariff_body);
    const auto answer = c.receive();
    EXPECT_EQ(answer.result_int(), 200);
    EXPECT_TRUE(answer.body().starts_with(R"({"price":[)")) << answer.body();
}

TEST_F(Protocol, RefusesAnOverLongDeclaredBodyBeforeItIsSent) {
    c.send(
        "POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
        "Content-Length: 10000000\r\n\r\n");
    const auto answer = c.receive();
    EXPECT_EQ(answer.result_int(), 413);
    EXPECT_EQ(answer.body(), R"({"error":"Request Entity Too Large.","status":false})");
}

TEST_F(Protocol, AnswersHeadWithoutABodyAndKeepsItsPlaceInAPipeline) {
    c.send(
        "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        "HEAD /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\n\r\n" +
        post("/tracing/api/pricedev", tariff_body));
    const auto head = c.receive(true);
    EXPECT_EQ(head.result_int(), 200);
    EXPECT_EQ(head[bhttp::field::content_length], "15");
    EXPECT_TRUE(head.body().empty());
    const auto get = c.receive();
    EXPECT_EQ(get.body(), R"({"status":"ok"})");
    const auto refused = c.receive(true);
    EXPECT_EQ(refused.result_int(), 405);
    EXPECT_EQ(refused[bhttp::field::allow], "POST");
    EXPECT_TRUE(c.receive().body().starts_with(R"({"price":[)"));  // still in step
}

TEST_F(Protocol, RoutesAnAbsoluteFormTarget) {
    c.send(post("http://127.0.0.1:" + std::to_string(server->port()) + "/tracing/api/pricedev",
                tariff_body));
    const auto answer = c.receive();
    EXPECT_EQ(answer.result_int(), 200);
    EXPECT_TRUE(answer.body().starts_with(R"({"price":[)")) << answer.body();
    c.send("GET HTTPS://jne.example/healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(c.receive().body(), R"({"status":"ok"})");
}

TEST_F(Protocol, DatesEveryAnswer) {
    c.send(post("/tracing/api/pricedev", tariff_body) + post("/no/such", "") +
           "GET /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\n\r\n");
    for (int i = 0; i < 3; ++i) {
        const auto answer = c.receive();
        const std::string date(answer[bhttp::field::date]);
        std::tm parts{};
        std::istringstream in(date);
        in >> std::get_time(&parts, "%a, %d %b %Y %H:%M:%S GMT");
        EXPECT_FALSE(in.fail()) << answer.result_int() << ": '" << date << "'";
        EXPECT_GE(parts.tm_year + 1900, 2024);
    }
}

TEST_F(Protocol, CompressesWhatIsAskedAndWorthIt) {
    const std::string list = post("/insert/getdestination", credentials);
    c.send(list);
    const auto plain = c.receive();
    EXPECT_TRUE(plain[bhttp::field::content_encoding].empty());
    EXPECT_EQ(plain[bhttp::field::vary], "Accept-Encoding");

    const std::string gzip_list =
        post("/insert/getdestination", credentials, "Accept-Encoding: br, gzip;q=0.8\r\n");
    c.send(gzip_list + gzip_list);
    const auto first = c.receive(), second = c.receive();
    EXPECT_EQ(first[bhttp::field::content_encoding], "gzip");
    EXPECT_LT(first.body().size(), plain.body().size() / 4);
    EXPECT_EQ(gunzip(first.body()), plain.body());
    EXPECT_EQ(second.body(), first.body());  // the shared list is compressed once

    // Refused, or too small to be worth it: as it is.
    c.send(post("/insert/getdestination", credentials, "Accept-Encoding: gzip;q=0\r\n") +
           post("/tracing/api/pricedev", credentials + "&from=X", "Accept-Encoding: gzip\r\n"));
    EXPECT_TRUE(c.receive()[bhttp::field::content_encoding].empty());
    const auto small = c.receive();
    EXPECT_TRUE(small[bhttp::field::content_encoding].empty());
    EXPECT_EQ(small.body(), R"({"error":"Price Not Found.","status":false})");
}

// The gzip of a body is kept only while something besides the answer holds the body: an
// answer no cache kept (a parcel tracked once) is compressed for its one answer and forgotten.
TEST_F(Protocol, KeepsTheGzipOfSharedBodiesOnly) {
    auto gzip_bytes = [this] {
        c.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        const std::string m = c.receive().body();
        const auto found = test::metric(m, R"(jne_cache_bytes{cache="gzip"})");
        EXPECT_TRUE(found.has_value()) << m;
        return found.value_or(-1.0);
    };
    const double before = gzip_bytes();
    c.send(post("/tracing/api/list/v1/cnote/5403212200022724", credentials,
                "Accept-Encoding: gzip\r\n"));
    const auto tracked = c.receive();
    ASSERT_EQ(tracked[bhttp::field::content_encoding], "gzip");  // large enough to compress
    EXPECT_NE(gunzip(tracked.body()).find("\"cnote_no\":\"5403212200022724\""), std::string::npos);
    EXPECT_EQ(gzip_bytes(), before);

    // A priced list asked again is kept by the tariff cache: its gzip is kept too.
    const std::string route = credentials + "&from=CGK10000&thru=BDO10000&weight=13";
    c.send(post("/tracing/api/pricedev", route) + post("/tracing/api/pricedev", route) +
           post("/tracing/api/pricedev", route, "Accept-Encoding: gzip\r\n"));
    c.receive();
    c.receive();
    EXPECT_EQ(c.receive()[bhttp::field::content_encoding], "gzip");
    EXPECT_GT(gzip_bytes(), before);
}

TEST_F(Protocol, EchoesTheRequestIdOrMakesOne) {
    c.send(post("/no/such", "", "X-Request-Id: merchant-trace-42\r\n") + post("/no/such", "") +
           post("/no/such", ""));
    EXPECT_EQ(c.receive()["X-Request-Id"], "merchant-trace-42");
    const std::string a(c.receive()["X-Request-Id"]), b(c.receive()["X-Request-Id"]);
    EXPECT_FALSE(a.empty());
    EXPECT_NE(a, b);
}

TEST_F(Protocol, ProbesAnswerWithoutCredentials) {
    c.send(
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\n\r\n"
        "HEAD /readyz HTTP/1.1\r\nHost: x\r\n\r\nPOST /healthz HTTP/1.1\r\nHost: x\r\n"
        "Content-Length: 0\r\n\r\n");
    EXPECT_EQ(c.receive().body(), R"({"status":"ok"})");
    EXPECT_EQ(c.receive().body(), R"({"status":"ready"})");
    EXPECT_EQ(c.receive(true).result_int(), 200);
    const auto post_probe = c.receive();
    EXPECT_EQ(post_probe.result_int(), 405);
    EXPECT_EQ(post_probe[bhttp::field::allow], "GET, HEAD");
}

TEST_F(Protocol, CountsRequestsFailedLoginsAndConnectionsInPrometheusFormat) {
    c.send(post("/tracing/api/pricedev", tariff_body) +
           post("/tracing/api/generatecnote", "username=TESTAPI&api_key=wrong") +
           "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    c.receive();
    c.receive();
    const auto scrape = c.receive();
    EXPECT_EQ(scrape[bhttp::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
    const std::string& m = scrape.body();
    for (const char* expected :
         {R"(jne_http_requests_total{method="POST",route="/tracing/api/pricedev",status="200"})",
          R"(jne_auth_failures_total{route="/tracing/api/generatecnote"} 1)",
          R"(jne_http_request_duration_seconds_bucket{route="/tracing/api/pricedev",le="0.001"})",
          "jne_http_open_connections ", "jne_write_batch_size_bucket",
          "jne_write_batch_duration_seconds_count", "jne_write_batch_conflicts_total 0",
          R"(jne_cache_hits_total{cache="tariff_json"})",
          R"(jne_cache_misses_total{cache="tracking"})", "jne_db_connection_waits_total ",
          R"(jne_webhook_deliveries_total{outcome="dead"})", "jne_webhook_pending ",
          "jne_webhook_oldest_pending_age_seconds "})
        EXPECT_NE(m.find(expected), std::string::npos) << expected << "\n" << m;
}

TEST_F(Protocol, LogsEachRequestWithoutItsQueryStringOrBody) {
    c.send(post("/tracing/api/pricedev?api_key=SECRET-IN-QUERY", tariff_body,
                "X-Request-Id: log-check-7\r\n"));
    c.receive();
    std::string log;
    for (int i = 0; i < 50 && log.find("log-check-7") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::ifstream in(server->directory() / "server.log");
        std::stringstream text;
        text << in.rdbuf();
        log = text.str();
    }
    const auto at = log.find("id=log-check-7");
    ASSERT_NE(at, std::string::npos) << log;
    const std::string line =
        log.substr(log.rfind('\n', at) + 1, log.find('\n', at) - log.rfind('\n', at) - 1);
    EXPECT_NE(line.find("127.0.0.1 POST /tracing/api/pricedev 200 "), std::string::npos) << line;
    EXPECT_NE(line.find("B "), std::string::npos) << line;
    EXPECT_NE(line.find("us "), std::string::npos) << line;
    EXPECT_EQ(log.find("SECRET-IN-QUERY"), std::string::npos);
    EXPECT_EQ(log.find(test::sandbox_key), std::string::npos);
}

TEST(OperationsServer, IsNotReadyWithoutACatalogueAndServesMetricsOnItsOwnAddress) {
    const unsigned short metrics_port = test::free_port();
    test::server_process bare(
        {"--metrics-address", "127.0.0.1:" + std::to_string(metrics_port), "--log-format", "json"},
        false);
    connection api(bare.port());
    api.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto ready = api.receive();
    EXPECT_EQ(ready.result_int(), 503);
    const auto why = boost::json::parse(ready.body());
    EXPECT_EQ(why.at("status"), "not ready");
    EXPECT_NE(std::string(why.at("reason").as_string()).find("catalogue"), std::string::npos);
    EXPECT_EQ(api.receive().result_int(), 404);  // not on the API's port

    connection side(metrics_port);
    side.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto scrape = side.receive();
    EXPECT_EQ(scrape.result_int(), 200);
    EXPECT_NE(scrape.body().find("jne_http_requests_total"), std::string::npos);

    // --log-format json: every line one JSON object, the access log's fields its own.
    bare.stop();
    std::ifstream in(bare.directory() / "server.log");
    std::vector<boost::json::value> access;
    for (std::string line; std::getline(in, line);) {
        boost::system::error_code ec;
        const auto v = boost::json::parse(line, ec);
        ASSERT_FALSE(ec) << line;
        EXPECT_TRUE(v.at("time").is_string());
        EXPECT_TRUE(v.at("level").is_string());
        if (v.as_object().contains("event")) access.push_back(v);
    }
    ASSERT_EQ(access.size(), 2u);
    EXPECT_EQ(access[0].at("path"), "/readyz");
    EXPECT_EQ(access[0].at("status"), 503);
    EXPECT_EQ(access[0].at("client"), "127.0.0.1");
    EXPECT_TRUE(access[0].at("request_id").is_string());
    EXPECT_GT(access[0].at("bytes").as_int64(), 0);
    EXPECT_EQ(access[1].at("path"), "/metrics");
    EXPECT_EQ(access[1].at("status"), 404);
}

TEST_F(Protocol, DescribesEveryRouteAndEveryRequestFieldItTakes) {
    c.send("GET /openapi.json HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
    const auto answer = c.receive();
    EXPECT_EQ(answer.result_int(), 200);
    EXPECT_EQ(answer[bhttp::field::content_encoding], "gzip");
    const auto doc = boost::json::parse(gunzip(answer.body()));
    EXPECT_EQ(doc.at("openapi"), "3.1.0");
    const auto& paths = doc.at("paths").as_object();
    for (std::string_view path :
         {wire::paths::pricedev, wire::paths::generatecnote, wire::paths::pickupcashless,
          wire::paths::getorigin, wire::paths::getdestination, wire::paths::cancel,
          wire::paths::stockawb, wire::paths::events, wire::paths::webhooks})
        EXPECT_TRUE(paths.contains(path)) << path;
    for (std::string prefix :
         {std::string(wire::paths::cnote_prefix) + "{awb}",
          std::string(wire::paths::cnote_retail_prefix) + "{awb}",
          std::string(wire::paths::destination_search_prefix) + "{text}",
          std::string(wire::paths::label_prefix) + "{awb}", std::string("/healthz"),
          std::string("/readyz"), std::string("/metrics"), std::string("/openapi.json"),
          std::string("/"), std::string("/track/{numbers}"), std::string("/tariff"),
          std::string("/assets/{name}"), std::string("/public/v1/track/{numbers}"),
          std::string("/public/v1/places"), std::string("/public/v1/tariff")})
        EXPECT_TRUE(paths.contains(prefix)) << prefix;

    // A request's fields and which are mandatory: the route's table, row for row.
    const auto& schemas = doc.at("components").at("schemas");
    for (auto [route, name] : {std::pair{wire::route::generatecnote, "GeneratecnoteRequest"},
                               std::pair{wire::route::pickupcashless, "PickupRequest"},
                               std::pair{wire::route::stockawb, "StockRequest"}}) {
        const auto& schema = schemas.at(name).as_object();
        std::set<std::string> described, table{"username", "api_key"};
        std::set<std::string> required, mandatory{"username", "api_key"};
        for (const auto& [key, _] : schema.at("properties").as_object()) described.emplace(key);
        for (const auto& key : schema.at("required").as_array()) required.emplace(key.as_string());
        for (const wire::field_spec& f : wire::request_fields(route)) {
            table.emplace(f.name);
            if (f.rule.mandatory) mandatory.emplace(f.name);
        }
        EXPECT_EQ(described, table) << name;
        EXPECT_EQ(required, mandatory) << name;
    }
}

TEST_F(Protocol, ReadsChunkedBodiesAndBodiesThatComeLater) {
    const std::string half = tariff_body.substr(0, 20), rest = tariff_body.substr(20);
    const auto hex = [](std::size_t n) {
        std::ostringstream s;
        s << std::hex << n;
        return s.str();
    };
    c.send(
        "POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n" +
        hex(half.size()) + "\r\n" + half + "\r\n" + hex(rest.size()) + "\r\n" + rest +
        "\r\n0\r\n\r\n");
    EXPECT_TRUE(c.receive().body().starts_with(R"({"price":[)"));
    // The header alone first, the body a moment later.
    c.send(
        "POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/x-www-form-urlencoded\r\nContent-Length: " +
        std::to_string(tariff_body.size()) + "\r\n\r\n" + half);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    c.send(rest);
    EXPECT_TRUE(c.receive().body().starts_with(R"({"price":[)"));
}
