#pragma once

#include "cache/budgets.hpp"
#include "http/client_address.hpp"
#include "http/limits.hpp"
#include "http/router.hpp"
#include "http/tls.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace jne::http {

/// What the server tells whoever counts (the metrics): each answer and each connection.
/// Called on the connections' threads: implementations are thread-safe and cheap.
class observer {
public:
    virtual ~observer() = default;
    /// `route`: the path the router matched as registered ("/tracing/api/list/v1/cnote/"),
    /// or "other" for what matched none.
    virtual void answered(std::string_view method, std::string_view route, unsigned status,
                          std::chrono::steady_clock::duration took) = 0;
    virtual void connection_opened() = 0;
    virtual void connection_closed() = 0;
    /// A request refused for missing or wrong credentials (answered 200, as JNE does).
    virtual void refused_credentials(std::string_view route) = 0;
};

enum class log_format { text, json };

struct server_options {
    limits edge;
    unsigned threads = 1;
    bool access_log = true;
    http::log_format log_format = log_format::text;
    observer* counts = nullptr;  ///< none: nothing counted
    /// On SIGTERM, how long requests already read may take to be answered before the server
    /// stops regardless.
    std::chrono::milliseconds shutdown_grace{10'000};
    /// Connections open at once; past it, idle ones are closed to make room. 0: no cap.
    std::size_t max_connections = 0;
    /// What the gzip of shared bodies (cached answers, city lists) may hold.
    std::size_t gzip_cache_bytes = cache::budgets::standard().gzip;
    cache::usage* gzip_usage = nullptr;  ///< where the gzip cache counts its use (the metrics)
    /// Proxies whose X-Forwarded-For or Forwarded names the client (throttles and the access
    /// log count that address); with `proxy_protocol`, their connections begin with the PROXY
    /// protocol's header instead, which names it.
    trusted_proxies proxies;
    bool proxy_protocol = false;
};

/// An HTTP/1.1 server in Beast's shape: listeners accept (plain HTTP, and TLS when asked),
/// sessions read, route and write. One io_context per thread with no strands: a connection
/// lives on one thread, and accepted sockets are dealt round-robin.
class server {
public:
    server(const router& routes, const server_options& options);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Binds and listens; returns the port (useful with port 0).
    unsigned short listen(const std::string& address, unsigned short port);
    /// The same routes over TLS 1.2 and 1.3 on another port. On SIGHUP the files are read again:
    /// new connections get the new certificate, open ones keep theirs, and a file that cannot be
    /// used is logged and the old certificate kept.
    unsigned short listen_tls(const std::string& address, unsigned short port,
                              const tls_files& files);

    /// Serves until stop() or SIGINT/SIGTERM. Then accepts nothing more, closes idle
    /// connections, answers every request already read (creates waiting for their commit
    /// included), and returns once none is left or the grace is over.
    void run();
    void stop();
    /// When the grace given to a stop ends (once run() has returned): what the process still
    /// has to finish after run() has only until then.
    std::chrono::steady_clock::time_point grace_ends() const;

private:
    struct state;
    std::unique_ptr<state> state_;
};

}  // namespace jne::http
