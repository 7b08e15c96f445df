// Behind a load balancer: whom the server counts as the client. First the rules (which hop of
// X-Forwarded-For or Forwarded, the PROXY protocol's header), then a real nginx and a real
// haproxy in front of a real server, clients on loopback's other addresses (127.0.0.2, …): one
// client's failed logins make it wait and no one else.
#include "http/client_address.hpp"
#include "support/free_port.hpp"
#include "support/requests.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include <fstream>
#include <thread>

using namespace jne;
namespace fs = std::filesystem;
using boost::asio::ip::make_address;

namespace {

std::string client(const http::trusted_proxies& trusted, const std::string& peer,
                   std::string_view forwarded, std::string_view x_forwarded_for) {
    return trusted.client(make_address(peer), forwarded, x_forwarded_for).to_string();
}

http::proxy_header header_of(std::string_view bytes) {
    return http::read_proxy_header(
        {reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()});
}

const std::string wrong_key = "00000000000000000000000000000000";

std::string tariff_body(const std::string& key) {
    return "username=TESTAPI&api_key=" + key + "&from=CGK10000&thru=BDO10000&weight=1";
}

// A tariff question from `source` through whatever listens on `port`: the status (429: waits).
unsigned price_from(const std::string& source, unsigned short port, const std::string& key,
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return test::post_from(source, port, "/tracing/api/pricedev", tariff_body(key), headers).status;
}

// Waits until something accepts connections on `port` (a proxy starting).
void wait_for_listener(unsigned short port) {
    for (int i = 0; i < 500; ++i) {
        boost::asio::io_context io;
        boost::asio::ip::tcp::socket s(io);
        boost::system::error_code ec;
        s.connect({make_address("127.0.0.1"), port}, ec);
        if (!ec) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL() << "nothing listens on " << port;
}

// nginx in front of `upstream`, adding the client to X-Forwarded-For as its documentation shows.
struct nginx_proxy {
    explicit nginx_proxy(unsigned short upstream) {
        std::ofstream(dir / "nginx.conf")
            << "worker_processes 1;\npid " << (dir / "nginx.pid").string() << ";\nerror_log "
            << (dir / "error.log").string()
            << ";\ndaemon off;\nevents { worker_connections 64; }\nhttp {\n access_log off;\n"
            << " client_body_temp_path " << dir.path().string() << ";\n proxy_temp_path "
            << dir.path().string() << ";\n server {\n  listen 127.0.0.1:" << port << ";\n"
            << "  location / {\n   proxy_pass http://127.0.0.1:" << upstream << ";\n"
            << "   proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n  }\n }\n}\n";
        process.emplace(std::vector<std::string>{"nginx", "-e", (dir / "error.log").string(), "-c",
                                                 (dir / "nginx.conf").string()});
        wait_for_listener(port);
    }
    test::temp_dir dir;
    unsigned short port = test::free_port();
    std::optional<test::child_process> process;
};

}  // namespace

TEST(ClientAddress, AnUntrustedPeerIsTheClientWhateverItForwards) {
    const http::trusted_proxies trusted("10.0.0.0/8, 192.168.1.5");
    EXPECT_EQ(client(trusted, "203.0.113.9", "", "198.51.100.1"), "203.0.113.9");
    EXPECT_EQ(client(trusted, "203.0.113.9", "for=198.51.100.1", ""), "203.0.113.9");
    EXPECT_EQ(client(http::trusted_proxies(), "127.0.0.1", "", "198.51.100.1"), "127.0.0.1");
}

TEST(ClientAddress, BehindTrustedProxiesTheRightmostUntrustedHop) {
    const http::trusted_proxies trusted("10.0.0.0/8,192.168.1.5,2001:db8::/32");
    // What a client wrote itself stands left of what the proxies added: never taken.
    EXPECT_EQ(client(trusted, "10.1.2.3", "", "1.1.1.1, 198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(client(trusted, "10.1.2.3", "", "198.51.100.7, 192.168.1.5"), "198.51.100.7");
    EXPECT_EQ(client(trusted, "10.1.2.3", "", "198.51.100.7:4711"), "198.51.100.7");
    EXPECT_EQ(client(trusted, "10.1.2.3", "", "[2001:db9::1]:443"), "2001:db9::1");
    EXPECT_EQ(client(trusted, "10.1.2.3", "", "10.0.0.1, 10.0.0.2"), "10.0.0.1");  // all ours
    EXPECT_EQ(client(trusted, "10.1.2.3", "", ""), "10.1.2.3");
    // Garbage ends the walk at the proxy that wrote it.
    EXPECT_EQ(client(trusted, "10.1.2.3", "", "198.51.100.7, unknown"), "10.1.2.3");
    EXPECT_EQ(client(trusted, "10.1.2.3", "", "198.51.100.7, 10.9.9.9, garbage"), "10.1.2.3");
    // RFC 7239's Forwarded wins over X-Forwarded-For.
    EXPECT_EQ(client(trusted, "10.1.2.3",
                     R"(for=192.0.2.60;proto=http;by=203.0.113.43, For="[2001:db8:cafe::17]:4711")",
                     "198.51.100.7"),
              "192.0.2.60");
    EXPECT_EQ(client(trusted, "10.1.2.3", "for=_hidden", "198.51.100.7"), "10.1.2.3");
    // An IPv4 proxy seen through a dual-stack socket is the same proxy.
    EXPECT_EQ(client(trusted, "::ffff:10.1.2.3", "", "198.51.100.7"), "198.51.100.7");
    EXPECT_EQ(client(trusted, "2001:db8::5", "", "198.51.100.7"), "198.51.100.7");
}

TEST(ClientAddress, AListThatIsNotAddressesIsRefusedNamingTheEntry) {
    try {
        http::trusted_proxies("10.0.0.0/8,haproxy");
        FAIL() << "accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("haproxy"), std::string::npos) << e.what();
    }
    EXPECT_THROW(http::trusted_proxies("10.0.0.0/33"), std::invalid_argument);
}

TEST(ProxyHeader, VersionOneNamesTheClientOrWaitsForTheLine) {
    const std::string line = "PROXY TCP4 198.51.100.7 192.0.2.2 56324 443\r\n";
    const auto done = header_of(line + "POST /tracing");
    EXPECT_EQ(done.outcome, http::proxy_header::state::done);
    EXPECT_EQ(done.length, line.size());
    EXPECT_EQ(done.source->to_string(), "198.51.100.7");
    for (std::size_t n : {0ul, 3ul, 6ul, line.size() - 1})
        EXPECT_EQ(header_of(line.substr(0, n)).outcome, http::proxy_header::state::need_more) << n;
    const auto six = header_of("PROXY TCP6 2001:db8::7 2001:db8::1 56324 443\r\n");
    EXPECT_EQ(six.source->to_string(), "2001:db8::7");
    const auto unknown = header_of("PROXY UNKNOWN\r\n");
    EXPECT_EQ(unknown.outcome, http::proxy_header::state::done);
    EXPECT_FALSE(unknown.source);
    for (const char* bad : {"GET / HTTP/1.1\r\n", "PROXY TCP4 2001:db8::7 1.2.3.4 1 2\r\n",
                            "PROXY TCP4 nonsense\r\n"})
        EXPECT_EQ(header_of(bad).outcome, http::proxy_header::state::invalid) << bad;
    EXPECT_EQ(header_of("PROXY " + std::string(200, 'x')).outcome,
              http::proxy_header::state::invalid);
}

TEST(ProxyHeader, VersionTwoNamesTheClientOrStandsAsideForALocalCheck) {
    std::string v2("\r\n\r\n\0\r\nQUIT\n", 12);
    std::string proxied = v2 + std::string("\x21\x11\x00\x0c", 4) +
                          std::string("\xc6\x33\x64\x07\xc0\x00\x02\x02\xdc\x04\x01\xbb", 12);
    const auto done = header_of(proxied + "GET");
    EXPECT_EQ(done.outcome, http::proxy_header::state::done);
    EXPECT_EQ(done.length, 28u);
    EXPECT_EQ(done.source->to_string(), "198.51.100.7");
    EXPECT_EQ(header_of(proxied.substr(0, 20)).outcome, http::proxy_header::state::need_more);
    const auto local = header_of(v2 + std::string("\x20\x00\x00\x00", 4));
    EXPECT_EQ(local.outcome, http::proxy_header::state::done);
    EXPECT_FALSE(local.source);
    EXPECT_EQ(header_of(v2 + std::string("\x31\x11\x00\x0c", 4)).outcome,
              http::proxy_header::state::invalid);  // version 3
}

// Without --trusted-proxies, everyone behind nginx is nginx: one client's mistakes lock out
// another. The case the next test is about, shown to happen.
TEST(BehindAProxy, UntrustedNginxMakesEveryClientOne) {
    test::server_process server(
        {"--auth-failures-per-address", "3/min", "--auth-failures-per-username", "none"});
    nginx_proxy nginx(server.port());
    for (int i = 0; i < 3; ++i) EXPECT_EQ(price_from("127.0.0.2", nginx.port, wrong_key), 200u);
    EXPECT_EQ(price_from("127.0.0.3", nginx.port, test::sandbox_key), 429u);
}

TEST(BehindAProxy, NginxsForwardedForKeepsEachClientsFailuresItsOwn) {
    test::server_process server({"--trusted-proxies", "127.0.0.1", "--auth-failures-per-address",
                                 "3/min", "--auth-failures-per-username", "none", "--log-format",
                                 "text"});
    nginx_proxy nginx(server.port());
    for (int i = 0; i < 3; ++i) EXPECT_EQ(price_from("127.0.0.2", nginx.port, wrong_key), 200u);
    EXPECT_EQ(price_from("127.0.0.2", nginx.port, test::sandbox_key), 429u);
    EXPECT_EQ(price_from("127.0.0.3", nginx.port, test::sandbox_key), 200u);
    // A client that forges the header through nginx is still itself: nginx appends the truth.
    for (int i = 0; i < 4; ++i)
        price_from("127.0.0.4", nginx.port, wrong_key, {{"X-Forwarded-For", "127.0.0.3"}});
    EXPECT_EQ(price_from("127.0.0.4", nginx.port, test::sandbox_key), 429u);
    EXPECT_EQ(price_from("127.0.0.3", nginx.port, test::sandbox_key), 200u);
    // Straight to the server from an address that is no proxy, the header is not even read.
    for (int i = 0; i < 4; ++i)
        price_from("127.0.0.5", server.port(), wrong_key, {{"X-Forwarded-For", "127.0.0.3"}});
    EXPECT_EQ(price_from("127.0.0.5", server.port(), test::sandbox_key), 429u);
    EXPECT_EQ(price_from("127.0.0.3", nginx.port, test::sandbox_key), 200u);
    // The access log names the client, not the proxy.
    EXPECT_NE(test::log_holding(server, "127.0.0.3 POST /tracing/api/pricedev")
                  .find("127.0.0.3 POST /tracing/api/pricedev 200"),
              std::string::npos);
}

TEST(BehindAProxy, HaproxysProxyProtocolNamesTheClientOverHttpAndTls) {
    test::server_process server({"--trusted-proxies", "127.0.0.1", "--proxy-protocol",
                                 "--auth-failures-per-address", "3/min",
                                 "--auth-failures-per-username", "none", "--tls-port", "0",
                                 "--log-format", "text"});
    test::temp_dir dir;
    const unsigned short v1 = test::free_port(), v2 = test::free_port(), tls = test::free_port();
    std::ofstream(dir / "haproxy.cfg")
        << "defaults\n mode tcp\n timeout connect 5s\n timeout client 30s\n timeout server 30s\n"
        << "listen v1\n bind 127.0.0.1:" << v1 << "\n server jne 127.0.0.1:" << server.port()
        << " send-proxy\n"
        << "listen v2\n bind 127.0.0.1:" << v2 << "\n server jne 127.0.0.1:" << server.port()
        << " send-proxy-v2\n"
        << "listen tls\n bind 127.0.0.1:" << tls << "\n server jne 127.0.0.1:" << server.tls_port()
        << " send-proxy-v2\n";
    test::child_process haproxy({"haproxy", "-db", "-f", (dir / "haproxy.cfg").string()});
    wait_for_listener(v1);
    wait_for_listener(v2);
    wait_for_listener(tls);

    for (int i = 0; i < 3; ++i) EXPECT_EQ(price_from("127.0.0.2", v1, wrong_key), 200u);
    EXPECT_EQ(price_from("127.0.0.2", v1, test::sandbox_key), 429u);
    EXPECT_EQ(price_from("127.0.0.2", v2, test::sandbox_key), 429u);  // the same client
    EXPECT_EQ(price_from("127.0.0.3", v2, test::sandbox_key), 200u);
    EXPECT_EQ(price_from("127.0.0.3", v1, test::sandbox_key), 200u);
    // TLS behind the PROXY header: curl from yet another address, verifying the certificate.
    const auto curl = test::run_command(
        {"curl", "-sS", "--max-time", "10", "--interface", "127.0.0.6", "--cacert",
         (server.directory() / "jne-tls.crt").string(), "-d", tariff_body(test::sandbox_key),
         "https://127.0.0.1:" + std::to_string(tls) + "/tracing/api/pricedev"});
    EXPECT_EQ(curl.exit_code, 0) << curl.err;
    EXPECT_NE(curl.out.find("\"price\""), std::string::npos) << curl.out;
    const std::string log = test::log_holding(server, "127.0.0.6 POST");
    EXPECT_NE(log.find("127.0.0.6 POST /tracing/api/pricedev 200"), std::string::npos) << log;
    EXPECT_NE(log.find("127.0.0.3 POST /tracing/api/pricedev 200"), std::string::npos) << log;
    // A trusted proxy's connection without the header is not HTTP to answer; anyone else's is.
    EXPECT_ANY_THROW(price_from("127.0.0.1", server.port(), test::sandbox_key));
    EXPECT_EQ(price_from("127.0.0.7", server.port(), test::sandbox_key), 200u);
}
