#include "http/operations_routes.hpp"

#include "wire/json_out.hpp"

namespace jne::http {

void add_operations_routes(router& routes, const operations& ops) {
    routes.add_get("/healthz", [](const call&, const std::shared_ptr<exchange>& out) {
        wire::answer a;
        a.body = R"({"status":"ok"})";
        out->respond(std::move(a));
    });
    routes.add_get("/readyz", [ops](const call&, const std::shared_ptr<exchange>& out) {
        wire::answer a;
        if (auto why = ops.not_ready()) {
            a.status = 503;
            wire::json_out(a.body)
                .begin_object()
                .key("status")
                .string("not ready")
                .key("reason")
                .string(*why)
                .end_object();
        } else {
            a.body = R"({"status":"ready"})";
        }
        out->respond(std::move(a));
    });
    if (!ops.metrics) return;
    routes.add_get("/metrics", [ops](const call&, const std::shared_ptr<exchange>& out) {
        wire::answer a;
        a.content_type = "text/plain; version=0.0.4; charset=utf-8";
        a.body = ops.metrics();
        out->respond(std::move(a));
    });
}

}  // namespace jne::http
