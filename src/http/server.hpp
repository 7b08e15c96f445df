#pragma once

#include "http/limits.hpp"
#include "http/router.hpp"

#include <memory>
#include <string>

namespace jne::http {

/// An HTTP/1.1 server in Beast's shape: a listener accepts, sessions read,
/// route and write. One io_context per thread with no strands: a connection
/// lives on one thread, and accepted sockets are dealt round-robin.
class server {
public:
    server(const router& routes, limits edge, unsigned threads, bool access_log);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// Binds and listens; returns the port (useful with port 0).
    unsigned short listen(const std::string& address, unsigned short port);

    /// Serves until stop() or SIGINT/SIGTERM, then returns after in-flight
    /// answers had a moment to be written.
    void run();
    void stop();

private:
    struct state;
    std::unique_ptr<state> state_;
};

}  // namespace jne::http
