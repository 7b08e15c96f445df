#pragma once

#include "support/free_port.hpp"
#include "support/sandbox_database.hpp"
#include "support/temp_dir.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace jne::test {

/// A real jne-server process on 127.0.0.1, port 0, on its own SQLite file.
/// Stopped with SIGTERM when the object goes. A server that then exits with a status other
/// than 0, dies of a signal or wrote a sanitizer report fails the running test, its log
/// printed (kill_hard() is a crash on purpose, and is not checked).
class server_process {
public:
    /// Starts `jne-server serve` in sandbox mode with `extra` arguments, on a copy
    /// of `database` (default: the seeded sandbox database). Without an access log (--quiet)
    /// unless `extra` names a --log-format; the log is directory()/server.log.
    explicit server_process(std::vector<std::string> extra = {}, bool sandbox = true,
                            const std::filesystem::path& database = {},
                            std::vector<std::string> launcher = {});
    /// Starts `jne-server serve --sandbox` on the database a URL names, shared
    /// with whoever else uses it (a PostgreSQL database, say), through `launcher` if given.
    server_process(const std::string& database_url, std::vector<std::string> extra,
                   std::vector<std::string> launcher = {});
    ~server_process();
    server_process(const server_process&) = delete;
    server_process& operator=(const server_process&) = delete;

    unsigned short port() const { return port_; }
    int pid() const { return pid_; }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    /// With --tls-port among the arguments: the port and URL it serves TLS on.
    unsigned short tls_port() const { return tls_port_; }
    std::string https_url() const { return "https://127.0.0.1:" + std::to_string(tls_port_); }
    const std::string& database_url() const { return database_url_; }
    const std::filesystem::path& directory() const { return dir_.path(); }

    /// SIGKILL now, as a crash would.
    void kill_hard();
    /// SIGTERM and wait; the exit status (not 0: the test has failed already).
    int stop();

private:
    void start(std::vector<std::string> args);
    void check_ending(int code) const;

    std::vector<std::string> launcher_;  ///< run the server through it ("prlimit …" , say)
    temp_dir dir_;
    std::string database_url_ = "sqlite:" + (dir_ / "jne.db").string();
    int pid_ = -1;
    unsigned short port_ = 0;
    unsigned short tls_port_ = 0;
    bool started_ = false;  ///< it said it listens: its end is checked
};

/// A program running beside the test (`jne listen`, say): its standard output collected as it
/// comes. SIGTERM and waited for when the object goes.
class child_process {
public:
    explicit child_process(std::vector<std::string> argv);
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;
    /// Waits until the output holds `text`, or `timeout` passes; whether it does.
    bool wait_for_output(const std::string& text, std::chrono::milliseconds timeout) const;
    std::string output() const;

private:
    struct state;
    std::shared_ptr<state> state_;
    int pid_ = -1;
    std::thread reader_;
};

/// A POST from `source` (loopback's other addresses, 127.0.0.2 …, stand in for other clients) to
/// 127.0.0.1:`port`, on a connection of its own, with `headers` besides the form's.
struct posted {
    unsigned status = 0;
    std::string retry_after;
    std::string body;
};
posted post_from(const std::string& source, unsigned short port, const std::string& target,
                 const std::string& body,
                 const std::vector<std::pair<std::string, std::string>>& headers = {});

/// A GET to the server (a probe's, say): the status and body.
std::pair<unsigned, std::string> http_get(const server_process& server, const std::string& target);

/// The server's log once it holds `text` (it is written after the port is printed), or as it is
/// when `timeout` passes.
std::string log_holding(const server_process& server, const std::string& text,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// The value of one series (`name{labels}`, exactly as exposed) in a /metrics body; none if absent.
std::optional<double> metric(const std::string& exposition, const std::string& series);

/// Polls the server's /metrics until `series` satisfies `holds`, or `timeout` passes: the last
/// value read (none when the series never appeared). A wait on an event the server reports,
/// instead of a sleep.
std::optional<double> metric_when(const server_process& server, const std::string& series,
                                  const std::function<bool(double)>& holds,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// How many times the server has polled the database for other processes' changes
/// (jne_refreshes_total).
double refreshes(const server_process& server);
/// Waits until the server has polled at least twice more than `before` (a count from
/// refreshes()): a change another process committed before that count is then in effect (the
/// poll under way at the count may have read before the commit; the next cannot have). Take the
/// count after the change, never before it.
void polled_twice_since(const server_process& server, double before);

/// A process's private resident memory in KiB (RssAnon): what it allocated, not the files it
/// maps; -1 when it cannot be read.
long private_kib(int pid);

/// The sanitizers' allocators keep freed memory for a while (ASan's quarantine, TSan's history):
/// there a process's resident memory grows with whatever it allocates, freed or not.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool memory_is_measurable = false;
#else
inline constexpr bool memory_is_measurable = true;
#endif

/// Runs a command and returns its exit code and standard output.
struct command_result {
    int exit_code;
    std::string out;
    std::string err;
};
command_result run_command(const std::vector<std::string>& argv);

/// Adds an account to the server's database as another process would (`jne-server
/// accounts add NAME …`), waits until the running server accepts its key, and returns
/// the key.
std::string add_account(const server_process& server, const std::vector<std::string>& arguments);

}  // namespace jne::test
