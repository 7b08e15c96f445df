#pragma once

#include <chrono>
#include <cstddef>

namespace jne::http {

/// What one connection may cost the server, named and configurable.
struct limits {
    std::size_t body_bytes = std::size_t{64} * 1024;    ///< larger bodies: 413
    std::size_t header_bytes = std::size_t{16} * 1024;  ///< larger headers: 400
    std::chrono::milliseconds read_timeout{30'000};  ///< idle keep-alive or a slow request: closed
    std::chrono::milliseconds request_deadline{10'000};  ///< answering and writing one request
};

}  // namespace jne::http
