#include "support/server_process.hpp"

#include "client/client.hpp"

#include "support/sandbox_database.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace jne::test {

namespace {

std::vector<char*> c_args(std::vector<std::string>& args) {
    std::vector<char*> out;
    for (auto& a : args) out.push_back(a.data());
    out.push_back(nullptr);
    return out;
}

// Starts `args` as a child that dies with this process, whatever kills it (so no server
// outlives its test), its standard output on a pipe, its standard error in `error_log` if
// named. The child's pid and the pipe's reading end.
std::pair<int, int> spawn(std::vector<std::string> args, const std::string& error_log = {}) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    auto argv = c_args(args);
    const int pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(out[1], STDOUT_FILENO);
        close(out[0]);
        close(out[1]);
        if (!error_log.empty()) {
            const int err = open(error_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (err >= 0) dup2(err, STDERR_FILENO);
        }
        execvp(argv[0], argv.data());  // a bare name is looked up in PATH
        _exit(127);
    }
    close(out[1]);
    return {pid, out[0]};
}

}  // namespace

server_process::server_process(std::vector<std::string> extra, bool sandbox,
                               const std::filesystem::path& database,
                               std::vector<std::string> launcher)
    : launcher_(std::move(launcher)) {
    if (!database.empty())
        std::filesystem::copy_file(database, dir_ / "jne.db");
    else if (sandbox)
        std::filesystem::copy_file(seeded_sandbox_database(), dir_ / "jne.db");
    if (sandbox) extra.insert(extra.begin(), "--sandbox");
    start(std::move(extra));
}

server_process::server_process(const std::string& database_url, std::vector<std::string> extra,
                               std::vector<std::string> launcher)
    : launcher_(std::move(launcher)), database_url_(database_url) {
    extra.insert(extra.begin(), "--sandbox");
    start(std::move(extra));
}

void server_process::start(std::vector<std::string> extra) {
    std::vector<std::string> args{JNE_SERVER_BINARY, "serve", "--address", "127.0.0.1",
                                  "--port",          "0",     "--db",      database_url_};
    // No access log, unless the test reads the log (and says in which format).
    if (std::find(extra.begin(), extra.end(), "--log-format") == extra.end())
        args.emplace_back("--quiet");
    args.insert(args.end(), extra.begin(), extra.end());
    args.insert(args.begin(), launcher_.begin(), launcher_.end());

    const std::string log = (dir_ / "server.log").string();
    const auto [pid, out] = spawn(args, log);
    pid_ = pid;
    // The server's line on standard output names its port; a second, with --tls-port, its TLS
    // port.
    const bool tls = std::find(args.begin(), args.end(), "--tls-port") != args.end();
    auto port_in_line = [&]() -> unsigned short {
        std::string line;
        char c;
        while (read(out, &c, 1) == 1 && c != '\n') line.push_back(c);
        const auto colon = line.rfind(':');
        if (line.find("listening on") == std::string::npos || colon == std::string::npos) {
            close(out);
            stop();
            throw std::runtime_error("jne-server did not start: " + line + "\n" + read_file(log));
        }
        return static_cast<unsigned short>(std::stoi(line.substr(colon + 1)));
    };
    port_ = port_in_line();
    if (tls) tls_port_ = port_in_line();
    close(out);
    started_ = true;
}

server_process::~server_process() {
    if (pid_ > 0) stop();
}

void server_process::kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
}

int server_process::stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (started_) check_ending(code);
    return code;
}

// A server that crashed, failed or had a sanitizer report at its end fails the test that ran it,
// whatever the test asserted of its answers: a leak, a race at shutdown or a crash after the
// last request would otherwise go unseen.
void server_process::check_ending(int code) const {
    const std::string log = read_file(dir_ / "server.log");
    bool reported = false;
    for (const char* report : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                               "WARNING: ThreadSanitizer", "runtime error:"})
        reported = reported || log.find(report) != std::string::npos;
    if (code == 0 && !reported) return;
    const std::string tail = log.size() > 8000 ? "…" + log.substr(log.size() - 8000) : log;
    ADD_FAILURE() << "jne-server ended with status " << code
                  << (reported ? " and a sanitizer report" : "") << "; its log:\n"
                  << tail;
}

struct child_process::state {
    mutable std::mutex mutex;
    mutable std::condition_variable grew;
    std::string output;
};

child_process::child_process(std::vector<std::string> args) : state_(std::make_shared<state>()) {
    const auto [pid, out] = spawn(std::move(args));
    pid_ = pid;
    reader_ = std::thread([s = state_, fd = out] {
        char buffer[4096];
        for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) {
            std::lock_guard lock(s->mutex);
            s->output.append(buffer, static_cast<std::size_t>(n));
            s->grew.notify_all();
        }
        close(fd);
    });
}

child_process::~child_process() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    reader_.join();
}

bool child_process::wait_for_output(const std::string& text,
                                    std::chrono::milliseconds timeout) const {
    std::unique_lock lock(state_->mutex);
    return state_->grew.wait_for(lock, timeout,
                                 [&] { return state_->output.find(text) != std::string::npos; });
}

std::string child_process::output() const {
    std::lock_guard lock(state_->mutex);
    return state_->output;
}

command_result run_command(const std::vector<std::string>& command) {
    temp_dir dir;
    const std::string out = (dir / "out").string(), err = (dir / "err").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> args = command;
    auto argv = c_args(args);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot run " + command.front());
    int status = 0;
    waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), read_file(out),
            read_file(err)};
}

std::optional<double> metric(const std::string& exposition, const std::string& series) {
    // At a line's start, so that `jne_x` is not found inside `other_jne_x`.
    const std::string text = "\n" + exposition, line = "\n" + series + " ";
    const auto at = text.find(line);
    if (at == std::string::npos) return std::nullopt;
    return std::stod(text.substr(at + line.size()));
}

double refreshes(const server_process& server) {
    return metric(http_get(server, "/metrics").second, "jne_refreshes_total").value_or(-1);
}

void polled_twice_since(const server_process& server, double before) {
    const auto seen = metric_when(server, "jne_refreshes_total",
                                  [before](double polls) { return polls >= before + 2; });
    EXPECT_GE(seen.value_or(-1), before + 2) << "the server stopped polling its database";
}

long private_kib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("RssAnon:")) return std::stol(line.substr(8));
    return -1;
}

std::optional<double> metric_when(const server_process& server, const std::string& series,
                                  const std::function<bool(double)>& holds,
                                  std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::optional<double> value;
    for (;;) {
        value = metric(http_get(server, "/metrics").second, series);
        if ((value && holds(*value)) || std::chrono::steady_clock::now() >= until) return value;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

posted post_from(const std::string& source, unsigned short port, const std::string& target,
                 const std::string& body,
                 const std::vector<std::pair<std::string, std::string>>& headers) {
    namespace asio = boost::asio;
    namespace bhttp = boost::beast::http;
    asio::io_context io;
    asio::ip::tcp::socket socket(io);
    socket.open(asio::ip::tcp::v4());
    socket.bind({asio::ip::make_address(source), 0});
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    bhttp::request<bhttp::string_body> request{bhttp::verb::post, target, 11};
    request.set(bhttp::field::host, "x");
    request.set(bhttp::field::content_type, "application/x-www-form-urlencoded");
    for (const auto& [name, value] : headers) request.insert(name, value);
    request.body() = body;
    request.prepare_payload();
    bhttp::write(socket, request);
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket, buffer, response);
    return {response.result_int(), std::string(response[bhttp::field::retry_after]),
            response.body()};
}

std::pair<unsigned, std::string> http_get(const server_process& server, const std::string& target) {
    namespace bhttp = boost::beast::http;
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
    bhttp::request<bhttp::empty_body> request{bhttp::verb::get, target, 11};
    request.set(bhttp::field::host, "x");
    bhttp::write(socket, request);
    boost::beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket, buffer, response);
    return {response.result_int(), response.body()};
}

std::string log_holding(const server_process& server, const std::string& text,
                        std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::string log = read_file(server.directory() / "server.log");
    while (log.find(text) == std::string::npos && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        log = read_file(server.directory() / "server.log");
    }
    return log;
}

std::string add_account(const server_process& server, const std::vector<std::string>& arguments) {
    std::vector<std::string> command{JNE_SERVER_BINARY, "--db", server.database_url(), "accounts",
                                     "add"};
    command.insert(command.end(), arguments.begin(), arguments.end());
    const auto added = run_command(command);
    const auto at = added.out.find("api_key:  ");
    if (added.exit_code != 0 || at == std::string::npos)
        throw std::runtime_error("accounts add failed: " + added.err);
    const std::string key = added.out.substr(at + 10, 32);
    // The server picks up accounts made by another process within a tenth of a second or so.
    client::client probe({server.base_url(), arguments.front(), key});
    for (int i = 0; i < 100; ++i) {
        auto answer = probe.tariff("CGK10000", "BDO10000", "1");
        if (answer || answer.error().failure.code != api::error::bad_credentials) return key;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "the running server did not take account " << arguments.front()
                  << " within 10 s";
    return key;
}

}  // namespace jne::test
