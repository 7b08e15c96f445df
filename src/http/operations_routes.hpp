#pragma once

#include "http/router.hpp"

#include <functional>
#include <optional>
#include <string>

namespace jne::http {

/// What operators and load balancers ask, without credentials (GET and HEAD).
struct operations {
    /// Why the server cannot serve now (the database does not answer, no catalogue), or nothing.
    std::function<std::optional<std::string>()> not_ready;
    /// The metrics in Prometheus' text format; unset: no /metrics on this router.
    std::function<std::string()> metrics;
};

/// GET /healthz: 200 while the process runs. GET /readyz: 200 when ready, else 503 with the
/// reason. GET /metrics, when `ops.metrics` is set.
void add_operations_routes(router& routes, const operations& ops);

}  // namespace jne::http
