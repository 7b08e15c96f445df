#pragma once

#include "cache/usage.hpp"
#include "http/server.hpp"
#include "store/batch_end.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jne::metrics {

/// One value of a family read at scrape time, with its labels.
struct sample {
    std::vector<std::pair<std::string, std::string>> labels;
    double value = 0;
};

/// A family whose values are read when Prometheus scrapes (the caches' hits, the database's
/// waits, the webhook sender's counts) rather than pushed as things happen.
struct pulled_family {
    std::string name;
    std::string help;
    bool counter = true;  ///< else a gauge
    std::function<std::vector<sample>()> read;
};

/// Every metric of a jne-server, named jne_*: what the HTTP server and the write queue push as
/// they work, the caches' hits and misses, and the families added with pull().
class server_metrics final : public http::observer {
public:
    /// `caches`: whose use /metrics shows (jne_cache_*); none: no cache metrics.
    explicit server_metrics(const cache::usage_registry* caches = nullptr);
    ~server_metrics() override;
    server_metrics(const server_metrics&) = delete;
    server_metrics& operator=(const server_metrics&) = delete;

    void answered(std::string_view method, std::string_view route, unsigned status,
                  std::chrono::steady_clock::duration took) override;
    void connection_opened() override;
    void connection_closed() override;
    void refused_credentials(std::string_view route) override;
    /// A group commit of `writes` writes that took `took`, and how it ended.
    void batch(std::size_t writes, std::chrono::steady_clock::duration took, store::batch_end end);

    void pull(pulled_family family);

    /// Everything in Prometheus' text exposition format (version 0.0.4).
    std::string scrape() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace jne::metrics
