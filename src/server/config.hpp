#pragma once

#include "http/limits.hpp"
#include "http/server.hpp"
#include "runtime/throttle.hpp"
#include "webhook/sender.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <thread>

namespace jne::server {

/// Everything jne-server is told, read once from flags then the environment.
struct config {
    std::string address = "0.0.0.0";
    unsigned short port = 10102;
    std::string database_url = "sqlite:jne.db";
    bool sandbox = false;
    double sandbox_speed = 1;  ///< network seconds per real second
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    unsigned read_threads = std::max(1u, std::thread::hardware_concurrency());  ///< store reads
    bool quiet = false;
    std::filesystem::path sandbox_data;  ///< empty: the catalogue installed beside the program
    http::limits limits;
    webhook::sender_settings webhooks;
    http::log_format log_format = http::log_format::text;
    std::chrono::milliseconds shutdown_grace{10'000};
    std::size_t max_connections = 0;  ///< 0: the descriptor limit less a reserve
    std::string metrics_address;      ///< HOST:PORT for /metrics alone; empty: on the API's port
    runtime::throttle_limits throttle;
    std::string public_url;  ///< where customers reach the tracking page; empty: this server
    cache::budgets caches = cache::budgets::standard();  ///< --cache-mb, shared by the caches
    std::optional<unsigned short> tls_port;              ///< none: plain HTTP only
    http::tls_files tls;  ///< empty: a sandbox makes a self-signed certificate beside its database
    http::trusted_proxies proxies;  ///< whose forwarding headers name the client
    bool proxy_protocol = false;    ///< their connections begin with a PROXY header
};

}  // namespace jne::server
