// Exhaustion: a server under a small open-file limit keeps answering new clients while idle
// connections pile up, without spinning; a client that trickles its request is answered 408 and
// cut off.
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>

#include <array>
#include <fstream>
#include <sstream>
#include <thread>

using namespace jne;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// User and system CPU seconds a process has used (/proc/PID/stat, fields 14 and 15).
double cpu_seconds(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string skip;
    for (int i = 3; i < 14; ++i) fields >> skip;
    double user = 0, system = 0;
    fields >> user >> system;
    return (user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

}  // namespace

TEST(Exhaustion, IdleConnectionsMakeRoomUnderAFileLimitAndNothingSpins) {
    test::server_process server({"--sandbox-speed", "0.001"}, true, {},
                                {"/usr/bin/prlimit", "--nofile=256:256", "--"});
    asio::io_context io;
    std::vector<tcp::socket> idle;
    for (int i = 0; i < 400; ++i) {
        tcp::socket s(io);
        boost::system::error_code ec;
        s.connect({asio::ip::make_address("127.0.0.1"), server.port()}, ec);
        if (!ec) idle.push_back(std::move(s));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));

    client::client api({server.base_url(), "TESTAPI", test::sandbox_key});
    auto answer = api.tariff("CGK10000", "BDO10000", "1");
    EXPECT_TRUE(answer.has_value()) << (answer ? "" : answer.error().message);

    // Nothing left to do: the server rests while the idle connections stay open.
    const double before = cpu_seconds(server.pid());
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_LT(cpu_seconds(server.pid()) - before, 0.3);
    EXPECT_TRUE(api.tariff("CGK10000", "BDO10000", "1").has_value());
}

TEST(Exhaustion, AClientTricklingItsHeaderIsCutOffAtTheReadDeadline) {
    test::server_process server({"--read-timeout-ms", "500"});
    asio::io_context io;
    tcp::socket s(io);
    s.connect({asio::ip::make_address("127.0.0.1"), server.port()});
    const std::string request =
        "POST /tracing/api/pricedev HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(200, 'a') +
        "\r\n\r\n";
    const auto began = std::chrono::steady_clock::now();
    boost::system::error_code ec;
    for (char c : request) {  // a byte every 50 ms: 10 s if nobody stopped it
        asio::write(s, asio::buffer(&c, 1), ec);
        if (ec) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (std::chrono::steady_clock::now() - began > std::chrono::seconds(3)) break;
    }
    // Answered 408, then closed: everything the server sends, until it closes.
    std::string answer;
    std::array<char, 512> buf{};
    for (;;) {
        const std::size_t n = s.read_some(asio::buffer(buf), ec);
        answer.append(buf.data(), n);
        if (ec) break;
    }
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 408")) << answer;
    EXPECT_EQ(ec, asio::error::eof) << ec.message();
    EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::milliseconds(1500));
}

TEST(Exhaustion, WhenAcceptFailsTheServerRetriesEveryTenthOfASecondAndRecovers) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // The sanitizers' runtimes need descriptors of their own: UBSan tests that memory is readable
    // through a pipe, and with none left it reports every virtual call as one through an invalid
    // object ("invalid vptr", shared_ptr_base.h), then stops the server. Release tree only.
    GTEST_SKIP() << "a process with no descriptor left breaks the sanitizers' own runtime";
#endif
    test::server_process server({"--sandbox-speed", "0.001", "--log-format", "text"});
    // The running server's open-file limit lowered below the descriptors it holds: every accept
    // fails (EMFILE) while the listening socket stays readable, the case that spins a loop.
    const std::string pid = std::to_string(server.pid());
    ASSERT_EQ(test::run_command({"/usr/bin/prlimit", "--pid", pid, "--nofile=8:4096"}).exit_code,
              0);
    asio::io_context io;
    tcp::socket client(io);
    client.connect({asio::ip::make_address("127.0.0.1"), server.port()});  // the kernel's backlog
    const std::string ask = "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    asio::write(client, asio::buffer(ask));

    std::string log = test::log_holding(server, "accept failed");
    ASSERT_NE(log.find("accept failed: Too many open files; retrying every 100 ms"),
              std::string::npos)
        << log;
    // Failing, it rests between tries: a tenth of a second each, not a loop at full speed.
    const double before = cpu_seconds(server.pid());
    std::this_thread::sleep_for(std::chrono::seconds(2));
    EXPECT_LT(cpu_seconds(server.pid()) - before, 0.3);

    // Descriptors again: the waiting client is accepted and answered.
    ASSERT_EQ(test::run_command({"/usr/bin/prlimit", "--pid", pid, "--nofile=4096:4096"}).exit_code,
              0);
    std::string answer;
    std::array<char, 512> buf{};
    boost::system::error_code ec;
    for (;;) {
        const std::size_t n = client.read_some(asio::buffer(buf), ec);
        answer.append(buf.data(), n);
        if (ec) break;
    }
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer;
    // One incident, one line when it starts and one when it ends.
    std::ifstream in(server.directory() / "server.log");
    log.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    EXPECT_EQ(log.find("accept failed"), log.rfind("accept failed")) << log;
    EXPECT_NE(log.find("accept works again"), std::string::npos) << log;
}

namespace {
// A kept-alive connection that has had one answer and now sits idle.
struct idle_connection {
    asio::io_context io;
    tcp::socket socket{io};
    explicit idle_connection(unsigned short port) {
        socket.connect({asio::ip::make_address("127.0.0.1"), port});
        EXPECT_TRUE(ask().starts_with("HTTP/1.1 200")) << "the connection is served";
    }
    // A probe on this connection: its answer's first bytes, or "" once the server closed it.
    std::string ask() {
        const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
        boost::system::error_code ec;
        asio::write(socket, asio::buffer(request), ec);
        if (ec) return {};
        std::array<char, 512> buf{};
        const std::size_t n = socket.read_some(asio::buffer(buf), ec);
        return ec ? std::string() : std::string(buf.data(), n);
    }
};
}  // namespace

// --max-connections holds: at the cap, a new client is served and the oldest idle connection
// makes room for it (closed by the server), the others kept.
TEST(Exhaustion, AtTheCapTheOldestIdleConnectionMakesRoom) {
    test::server_process server({"--threads", "1", "--max-connections", "6"});
    std::vector<std::unique_ptr<idle_connection>> idle;
    for (int i = 0; i < 6; ++i) idle.push_back(std::make_unique<idle_connection>(server.port()));
    // A seventh client is served.
    idle_connection newcomer(server.port());
    // The oldest idle connection was closed to make room, the newer ones kept.
    std::vector<bool> open;
    for (auto& c : idle) open.push_back(!c->ask().empty());
    EXPECT_EQ(open, (std::vector<bool>{false, true, true, true, true, true}));
    EXPECT_FALSE(newcomer.ask().empty());
    EXPECT_NE(test::log_holding(server, "the cap is 6").find("the cap is 6"), std::string::npos);
}
