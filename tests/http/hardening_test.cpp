// What an attacker without credentials can send: made-up methods (bounded metrics and memory),
// requests framed so that two servers would read their ends differently (smuggling), requests
// that never finish (408), and more connections than the process may open.
#include "support/requests.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include <fstream>
#include <sstream>
#include <thread>

using namespace jne;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::size_t series_of(const std::string& exposition, const std::string& family) {
    std::size_t n = 0;
    std::istringstream lines(exposition);
    for (std::string line; std::getline(lines, line);)
        if (line.starts_with(family + "{")) ++n;
    return n;
}

struct raw_connection {
    asio::io_context io;
    tcp::socket socket{io};
    explicit raw_connection(unsigned short port) {
        socket.connect({asio::ip::make_address("127.0.0.1"), port});
    }
    void send(const std::string& bytes) { asio::write(socket, asio::buffer(bytes)); }
    // Everything the server sends until it closes the connection (or `limit` passes).
    std::string read_until_closed(std::chrono::seconds limit = std::chrono::seconds(20)) {
        std::string got;
        const auto until = std::chrono::steady_clock::now() + limit;
        std::array<char, 4096> chunk{};
        while (std::chrono::steady_clock::now() < until) {
            boost::system::error_code ec;
            const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
            got.append(chunk.data(), n);
            if (ec) return got;
        }
        ADD_FAILURE() << "the connection stayed open; got: " << got;
        return got;
    }
};

std::size_t count_of(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

const std::string hidden_create = [] {
    const std::string body = std::string("username=TESTAPI&api_key=") + test::sandbox_key +
                             "&from=CGK10000&thru=BDO10000&weight=1";
    return "POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nContent-Type: "
           "application/x-www-form-urlencoded\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}();

}  // namespace

TEST(Hardening, MadeUpMethodsAddNoSeriesAndNoMemory) {
    test::server_process server({"--sandbox-speed", "0.001"});
    raw_connection c(server.port());
    auto send_methods = [&](int first, int count) {
        for (int batch = first; batch < first + count; batch += 100) {
            std::string requests;
            for (int i = batch; i < batch + 100; ++i)
                requests += "M" + std::to_string(i) + "X / HTTP/1.1\r\nHost: x\r\n\r\n";
            c.send(requests);
            std::string got;
            std::array<char, 65536> chunk{};
            while (count_of(got, "HTTP/1.1 405") < 100)
                got.append(chunk.data(), c.socket.read_some(asio::buffer(chunk)));
        }
    };
    send_methods(0, 2'000);              // the allocator's pools warmed
    test::http_get(server, "/metrics");  // its own series made
    const long before = test::private_kib(server.pid());
    const std::size_t series =
        series_of(test::http_get(server, "/metrics").second, "jne_http_requests_total");
    send_methods(2'000, 10'000);
    const std::string after = test::http_get(server, "/metrics").second;
    EXPECT_EQ(series_of(after, "jne_http_requests_total"), series);
    EXPECT_EQ(
        test::metric(after, R"(jne_http_requests_total{method="OTHER",route="/",status="405"})"),
        12'000)
        << after;
    // Each method kept as a series cost about 1.7 kB: 10,000 of them, 17 MB.
    if (test::memory_is_measurable) {
        EXPECT_LT(test::private_kib(server.pid()) - before, 3 * 1024)
            << "before: " << before << " kB";
    }
}

TEST(Hardening, RequestsWhoseEndTwoServersWouldReadDifferentlyAreRefusedAndClosed) {
    test::server_process server({"--sandbox-speed", "0.001"});
    const std::string credentials =
        std::string("username=TESTAPI&api_key=") + test::sandbox_key + "&awb=x";
    const std::vector<std::pair<std::string, std::string>> cases{
        {"identity",
         "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
         "identity\r\n\r\n" +
             hidden_create},
        {"gzip",
         "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
         "gzip\r\n\r\n" +
             hidden_create},
        {"xchunked",
         "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
         "xchunked\r\n\r\n" +
             hidden_create},
        {"chunked, identity",
         "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\n"
         "Transfer-Encoding: chunked, identity\r\n\r\n" +
             hidden_create},
        {"two codings",
         "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
         "gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
             hidden_create},
        {"folded",
         "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nX-Note: one\r\n two\r\n"
         "Content-Length: 0\r\n\r\n" +
             hidden_create},
        {"folded with a tab",
         "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nContent-Length: "
         "0\r\n\tX: y\r\n\r\n" +
             hidden_create},
        {"two hosts",
         "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nHost: y\r\n"
         "Content-Length: 0\r\n\r\n" +
             hidden_create},
        {"HTTP/1.0 chunked",
         "POST /insert/getorigin HTTP/1.0\r\nHost: x\r\n"
         "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
             hidden_create},
    };
    for (const auto& [name, bytes] : cases) {
        raw_connection c(server.port());
        c.send(bytes);
        const std::string got = c.read_until_closed();
        EXPECT_TRUE(got.starts_with("HTTP/1.1 400") || got.starts_with("HTTP/1.0 400"))
            << name << ": " << got.substr(0, 200);
        EXPECT_EQ(count_of(got, "HTTP/1."), 1u) << name << ": one answer, then closed: " << got;
        EXPECT_EQ(got.find("\"price\""), std::string::npos) << name << ": the hidden request ran";
    }
    // The same bytes framed plainly are served, the second request after the first.
    raw_connection plain(server.port());
    plain.send(
        "POST /insert/getorigin HTTP/1.1\r\nHost: x\r\nX-Note: one two\r\n"
        "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
        hidden_create + "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const std::string served = plain.read_until_closed();
    EXPECT_EQ(count_of(served, "HTTP/1.1 200"), 3u) << served;
}

TEST(Hardening, ARequestThatNeverFinishesIsAnswered408ThenClosed) {
    test::server_process server({"--sandbox-speed", "0.001", "--read-timeout-ms", "300"});
    for (const std::string& part :
         {std::string("POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\n"),
          std::string("POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n"
                      "\r\nusername=")}) {
        raw_connection c(server.port());
        c.send(part);
        const std::string got = c.read_until_closed();
        EXPECT_TRUE(got.starts_with("HTTP/1.1 408")) << got;
        EXPECT_NE(got.find("Connection: close"), std::string::npos) << got;
    }
    // A connection that sent nothing is closed without an answer.
    raw_connection quiet(server.port());
    EXPECT_EQ(quiet.read_until_closed(), "");
}

TEST(Hardening, AHeaderLargerThanMaxHeaderKibIsAnswered400AndClosed) {
    const auto padded = [](std::size_t bytes) {
        return "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(bytes, 'a') +
               "\r\nConnection: close\r\n\r\n";
    };
    test::server_process strict({"--sandbox-speed", "0.001", "--max-header-kib", "2"});
    raw_connection small(strict.port());
    small.send(padded(1000));
    EXPECT_TRUE(small.read_until_closed().starts_with("HTTP/1.1 200")) << "under the limit";
    raw_connection large(strict.port());
    large.send(padded(3000));
    const std::string refused = large.read_until_closed();
    EXPECT_TRUE(refused.starts_with("HTTP/1.1 400")) << refused;
    // The default limit, 16 KiB, takes it.
    test::server_process roomy({"--sandbox-speed", "0.001"});
    raw_connection same(roomy.port());
    same.send(padded(3000));
    EXPECT_TRUE(same.read_until_closed().starts_with("HTTP/1.1 200"));
}

TEST(Hardening, AnAnswerTheClientDoesNotReadIsCutOffAtTheRequestDeadline) {
    test::server_process server({"--sandbox-speed", "0.001", "--request-deadline-ms", "300"});
    raw_connection c(server.port());
    // Far more than the two sockets' buffers hold: the server's writing stalls on the client.
    std::string asks;
    for (int i = 0; i < 400; ++i) asks += "GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";
    c.send(asks);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // the client reads nothing
    // Then it reads: what the buffers held, and the end (with the default of 10 s, everything,
    // and the connection would stay open: read_until_closed fails the test).
    const std::string got = c.read_until_closed();
    EXPECT_LT(count_of(got, "HTTP/1.1 200"), 400u);
    EXPECT_GT(count_of(got, "HTTP/1.1 200"), 0u);
}

TEST(Hardening, AConnectionCapAboveTheOpenFileLimitIsClampedWithAWarning) {
    test::server_process server(
        {"--sandbox-speed", "0.001", "--max-connections", "10000", "--log-format", "text"}, true,
        {}, {"/usr/bin/prlimit", "--nofile=256:256", "--"});
    // The start line comes after the port is printed: read the log until it is there.
    std::string log = test::log_holding(server, "read threads, at most");
    EXPECT_NE(log.find("--max-connections 10000 is above the open-file limit (256)"),
              std::string::npos)
        << log;
    EXPECT_NE(log.find("at most 192 connections"), std::string::npos) << log;
}
