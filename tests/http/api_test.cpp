// Integration: a real jne-server process, spoken to over HTTP by the project's client.
#include "client/client.hpp"
#include "support/shared_server.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include <chrono>
#include <thread>

using namespace jne;

namespace {

constexpr const char* test_key = "25c898a9faea1a100859ecd9ef674548";

struct Api : test::shared_server<Api> {
    client::client api{{server->base_url(), "TESTAPI", test_key}};
    client::client stranger{{server->base_url(), "TESTAPI", "0000"}};

    client::response raw(const std::string& path, const std::string& type,
                         const std::string& body) {
        auto r = api.post_raw(path, type, body);
        EXPECT_TRUE(r.has_value());
        return r ? *r : client::response{};
    }
};

// Sends bytes as they are over a fresh TCP connection and returns what comes back.
std::string send_bytes(unsigned short port, const std::string& bytes) {
    namespace asio = boost::asio;
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(socket, asio::buffer(bytes));
    socket.shutdown(asio::ip::tcp::socket::shutdown_send);
    std::string answer;
    boost::system::error_code ec;
    char buf[4096];
    for (std::size_t n; (n = socket.read_some(asio::buffer(buf), ec)) > 0 || !ec;)
        answer.append(buf, n);
    return answer;
}

}  // namespace

TEST_F(Api, QuotesTheDocumentedRouteThroughTheClient) {
    auto prices = api.tariff("CGK10000", "BDO10000", "1");
    ASSERT_TRUE(prices.has_value()) << prices.error().message;
    ASSERT_EQ(prices->size(), 8u);
    EXPECT_EQ((*prices)[0].service_code, "REG19");
    EXPECT_EQ((*prices)[0].amount, 12000);
    EXPECT_EQ((*prices)[7].service_code, "SPS15");
    EXPECT_FALSE((*prices)[7].etd_from.has_value());
}

// An account's tariff year: new accounts answer 2023's codes; `accounts set --service-codes`
// from another process changes what the running server answers; `accounts list` shows it.
TEST_F(Api, AnswersTheServiceCodesOfTheAccountsTariffYear) {
    const std::string key = test::add_account(*server, {"year-shop"});
    client::client shop({server->base_url(), "year-shop", key});
    auto first_code = [&] {
        auto prices = shop.tariff("CGK10000", "BDO10000", "1");
        return prices && !prices->empty() ? (*prices)[0].service_code : std::string("(none)");
    };
    EXPECT_EQ(first_code(), "REG23");
    auto set = [&](std::vector<std::string> args) {
        std::vector<std::string> command{JNE_SERVER_BINARY, "--db", server->database_url(),
                                         "accounts"};
        command.insert(command.end(), args.begin(), args.end());
        return test::run_command(command);
    };
    const auto to_2019 = set({"set", "year-shop", "--service-codes", "2019"});
    ASSERT_EQ(to_2019.exit_code, 0) << to_2019.err;
    EXPECT_EQ(to_2019.out, "year-shop: service codes of 2019\n");
    // In effect once the server has polled after the change, counted from its commit: the poll
    // under way then may have read before it, the next one cannot have.
    test::polled_twice_since(*server, test::refreshes(*server));
    EXPECT_EQ(first_code(), "REG19");
    const auto listed = set({"list"});
    EXPECT_NE(listed.out.find("CODES"), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("2019"), std::string::npos) << listed.out;
    EXPECT_EQ(set({"set", "year-shop", "--service-codes", "2020"}).exit_code, 2);
    EXPECT_EQ(set({"set", "year-shop"}).exit_code, 2);  // nothing to change
    EXPECT_EQ(set({"set", "nobody", "--service-codes", "2023"}).exit_code, 1);
}

TEST_F(Api, AcceptsTheSameFieldsInAllThreeEncodings) {
    const std::string fields = std::string("username=TESTAPI&api_key=") + test_key +
                               "&from=CGK10000&thru=BDO10000&weight=1";
    auto form = raw("/tracing/api/pricedev", "application/x-www-form-urlencoded", fields);
    auto json = raw("/tracing/api/pricedev", "application/json",
                    std::string(R"({"username":"TESTAPI","api_key":")") + test_key +
                        R"(","from":"CGK10000","thru":"BDO10000","weight":1})");
    std::string multipart;
    for (auto [k, v] : std::vector<std::pair<std::string, std::string>>{{"username", "TESTAPI"},
                                                                        {"api_key", test_key},
                                                                        {"from", "CGK10000"},
                                                                        {"thru", "BDO10000"},
                                                                        {"weight", "1"}})
        multipart +=
            "--b0undary\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    multipart += "--b0undary--\r\n";
    auto parts = raw("/tracing/api/pricedev", "multipart/form-data; boundary=b0undary", multipart);
    EXPECT_EQ(form.status, 200);
    EXPECT_TRUE(form.body.starts_with(R"({"price":[{"origin_name":"JAKARTA")")) << form.body;
    EXPECT_EQ(json.body, form.body);
    EXPECT_EQ(parts.body, form.body);
}

TEST_F(Api, TellsCredentialErrorsApart) {
    auto wrong = stranger.tariff("CGK10000", "BDO10000", "1");
    ASSERT_FALSE(wrong.has_value());
    EXPECT_EQ(wrong.error().failure.code, api::error::bad_credentials);
    auto none = raw("/tracing/api/pricedev", "application/x-www-form-urlencoded", "from=CGK10000");
    EXPECT_EQ(none.body, R"({"error":"Username And API KEY Must Be Sent.","status":false})");
    auto broken = raw("/tracing/api/pricedev", "application/json", "{not json");
    EXPECT_EQ(broken.body, R"({"error":"Username And API KEY Must Be Sent.","status":false})");
}

TEST_F(Api, SaysPriceNotFoundForBadInput) {
    for (const char* weight : {"0", "-2", "abc", "NaN", "1e400", "%ZZ"}) {
        auto r = api.tariff("CGK10000", "BDO10000", weight);
        ASSERT_FALSE(r.has_value()) << weight;
        EXPECT_EQ(r.error().failure.code, api::error::price_not_found) << weight;
    }
}

TEST_F(Api, ListsOriginsAndDestinationsAndSearches) {
    auto origins = api.origins();
    ASSERT_TRUE(origins.has_value());
    EXPECT_EQ(origins->size(), 607u);
    auto destinations = api.destinations();
    ASSERT_TRUE(destinations.has_value());
    EXPECT_EQ(destinations->size(), 7352u);
    auto found = api.search_destinations("Bandung");
    ASSERT_TRUE(found.has_value());
    ASSERT_FALSE(found->empty());
    EXPECT_EQ(found->front().code, "BDO10000");
    EXPECT_EQ(found->front().name, "BANDUNG");
    auto spaced = api.search_destinations("moyo hulu");
    ASSERT_TRUE(spaced.has_value());
    ASSERT_FALSE(spaced->empty());
    EXPECT_EQ(spaced->front().code.substr(0, 3), "AMI");
}

TEST_F(Api, Answers404And405WithJson) {
    auto missing = raw("/no/such/route", "application/x-www-form-urlencoded", "");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.body, R"({"error":"Not Found.","status":false})");
    std::string get =
        send_bytes(server->port(),
                   "GET /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(get.starts_with("HTTP/1.1 405")) << get;
    EXPECT_NE(get.find(R"({"error":"Method Not Allowed.","status":false})"), std::string::npos);
}

TEST_F(Api, EveryAnswerIsJsonWithItsLength) {
    const std::string body = std::string("username=TESTAPI&api_key=") + test_key +
                             "&from=CGK10000&thru=BDO10000&weight=1";
    const std::string requests[] = {
        "POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body,
        "POST /no/such/route HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        "GET /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "POST /tracing/api/pricedev HTTP/1.1\r\nContent-Length: zz\r\n\r\n",
    };
    for (const std::string& request : requests) {
        const std::string answer = send_bytes(server->port(), request);
        const auto head_end = answer.find("\r\n\r\n");
        ASSERT_NE(head_end, std::string::npos) << answer;
        const std::string head = answer.substr(0, head_end), payload = answer.substr(head_end + 4);
        EXPECT_NE(head.find("\r\nContent-Type: application/json\r\n"), std::string::npos) << head;
        EXPECT_NE(head.find("\r\nContent-Length: " + std::to_string(payload.size())),
                  std::string::npos)
            << head;
        EXPECT_TRUE(payload.starts_with("{")) << payload;
    }
}

TEST_F(Api, AnswersHttp10InKindAndClosesUnlessAskedToKeepAlive) {
    const std::string answer =
        send_bytes(server->port(), "POST /no/such/route HTTP/1.0\r\nContent-Length: 0\r\n\r\n");
    EXPECT_TRUE(answer.starts_with("HTTP/1.0 404 Not Found\r\n")) << answer;
    EXPECT_EQ(answer.find("Connection: keep-alive"), std::string::npos);
    const std::string kept = send_bytes(
        server->port(),
        "POST /no/such/route HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n");
    EXPECT_NE(kept.find("\r\nConnection: keep-alive\r\n"), std::string::npos) << kept;
}

TEST_F(Api, Answers413ToABodyOver64KiB) {
    auto big = raw("/tracing/api/pricedev", "application/x-www-form-urlencoded",
                   std::string(65 * 1024, 'a'));
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(big.body, R"({"error":"Request Entity Too Large.","status":false})");
}

TEST_F(Api, Answers400ToMalformedHttpAndStaysUp) {
    std::string answer = send_bytes(
        server->port(), "POST /tracing/api/pricedev HTTP/1.1\r\nContent-Length: zz\r\n\r\n");
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
    std::string garbage =
        send_bytes(server->port(), std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11));
    EXPECT_TRUE(garbage.starts_with("HTTP/1.1 400")) << garbage;  // a TLS hello is bad HTTP
    EXPECT_TRUE(api.tariff("CGK10000", "BDO10000", "1").has_value());
}

TEST_F(Api, KeepsTheConnectionAliveAndToleratesPipelining) {
    const std::string body = std::string("username=TESTAPI&api_key=") + test_key +
                             "&from=CGK10000&thru=BDO10000&weight=1";
    std::string request =
        "POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/x-www-form-urlencoded\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    std::string last =
        "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body;
    std::string answer = send_bytes(server->port(), request + request + last);
    std::size_t count = 0;
    for (std::size_t at = 0; (at = answer.find("HTTP/1.1 200", at)) != std::string::npos; ++at)
        ++count;
    EXPECT_EQ(count, 3u);
}

namespace {

struct ImpatientServer : test::shared_server<ImpatientServer> {
    static std::vector<std::string> server_arguments() { return {"--read-timeout-ms", "400"}; }

    // Seconds until the server closes a connection that sent `bytes` and then nothing.
    static double seconds_until_closed(const std::string& bytes) {
        namespace asio = boost::asio;
        asio::io_context io;
        asio::ip::tcp::socket socket(io);
        socket.connect({asio::ip::make_address("127.0.0.1"), server->port()});
        const auto start = std::chrono::steady_clock::now();
        if (!bytes.empty()) asio::write(socket, asio::buffer(bytes));
        boost::system::error_code ec;
        char buf[256];
        while (!ec) socket.read_some(asio::buffer(buf), ec);  // until EOF or reset
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
};

}  // namespace

TEST_F(ImpatientServer, ClosesAnIdleConnectionAfterTheReadTimeout) {
    const double idle = seconds_until_closed("");
    EXPECT_GE(idle, 0.35);
    EXPECT_LT(idle, 3.0);
}

TEST_F(ImpatientServer, ClosesAConnectionThatNeverFinishesItsRequest) {
    const double slow =
        seconds_until_closed("POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nContent-Len");
    EXPECT_GE(slow, 0.35);
    EXPECT_LT(slow, 3.0);
}
