#pragma once

#include "wire/errors.hpp"
#include "wire/form.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jne::http {

/// One request as a handler sees it: the decoded body (a GET's query string) and, for routes
/// that carry a value in the path (cnote/{AWB}, dest/key/{text}), that value.
struct call {
    std::string path_value;
    wire::form form;
    /// The peer's address, as text: whom a throttle counts. The session's own string, valid while
    /// the handler runs (what outlives it, the throttle, copies it).
    std::string_view client;
    /// The request's `If-None-Match`: a cached copy's ETag (valid while the handler runs).
    std::string_view if_none_match;
};

/// Where a handler sends its answer. Handlers that wait (on a group commit)
/// keep the exchange and answer later, from any thread.
class exchange {
public:
    virtual ~exchange() = default;
    virtual void respond(wire::answer answer) = 0;
};

using handler = std::function<void(const call&, std::shared_ptr<exchange>)>;

/// A request target in origin form: "http://host:port/path?q" → "/path?q" (RFC 9112 says a
/// server must accept the absolute form); any other target as it is.
std::string_view origin_form(std::string_view target);

/// Maps a method and path to a handler; answers 404 and 405 itself. The API's routes take
/// POST, as JNE's do; the operators' probes and metrics take GET (and HEAD, answered as GET
/// without its body).
///
/// Each route must be one of http/route_table.hpp's, as added (POST or GET, whole path or
/// prefix): anything else throws std::logic_error, at start.
class router {
public:
    void add(std::string path, handler h) {
        add_route(std::move(path), false, false, std::move(h));
    }
    /// A route whose path ends in a value: `prefix` + value.
    void add_prefix(std::string prefix, handler h) {
        add_route(std::move(prefix), true, false, std::move(h));
    }
    /// A GET (and HEAD) route.
    void add_get(std::string path, handler h) {
        add_route(std::move(path), false, true, std::move(h));
    }
    /// A GET (and HEAD) route whose path ends in a value.
    void add_get_prefix(std::string prefix, handler h) {
        add_route(std::move(prefix), true, true, std::move(h));
    }

    struct match {
        const handler* target = nullptr;  ///< null when `status` says why not
        std::string path_value;
        unsigned status = 200;
        std::string_view allow;  ///< for 405: the methods the path takes
        std::string_view path;   ///< the route's path as registered: a metric's label
    };
    /// The handler for a method and an origin-form target ("/path?query").
    match find(std::string_view method, std::string_view target) const;

private:
    void add_route(std::string path, bool prefix, bool get, handler h);

    struct route {
        std::string path;
        bool prefix;
        bool get;
        handler h;
    };
    std::vector<route> routes_;
};

}  // namespace jne::http
