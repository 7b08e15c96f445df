// Bytes off a socket, as the server reads them: the framing checks (http/framing.hpp), Beast's
// parser with the server's limits, the request target in origin form, the router with the
// server's own route table, a GET's query and the body decoded by its Content-Type. Nothing may
// crash, hang or leak; a request whose framing is let through reads its body as Beast does: with
// a Transfer-Encoding, chunked (never an empty body followed by what would run as another
// request); and the router answers what the table says (a route, 405, or 404).
#include "http/framing.hpp"
#include "http/limits.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "wire/form.hpp"
#include "wire/routes.hpp"

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

namespace bhttp = boost::beast::http;

// The server's own route table (http/route_table.hpp: the router takes no route outside it), each
// with a handler that does nothing: only the routing is under test.
const jne::http::router& routes() {
    static const jne::http::router r = [] {
        jne::http::router out;
        const jne::http::handler nothing = [](const jne::http::call&,
                                              const std::shared_ptr<jne::http::exchange>&) {};
        for (const jne::http::route_spec& spec : jne::http::server_routes) {
            const std::string path(spec.path);
            if (spec.get)
                spec.prefix ? out.add_get_prefix(path, nothing) : out.add_get(path, nothing);
            else
                spec.prefix ? out.add_prefix(path, nothing) : out.add(path, nothing);
        }
        return out;
    }();
    return r;
}

// What the table says of a method and a path, worked out the plain way: the router's answer must
// be the same (200 with the path's value, 405 for the wrong method, 404 for no route).
unsigned expected_status(std::string_view method, std::string_view path) {
    bool known = false;
    for (const jne::http::route_spec& spec : jne::http::server_routes) {
        const bool matches = spec.prefix
                                 ? path.size() > spec.path.size() && path.starts_with(spec.path)
                                 : path == spec.path;
        if (!matches) continue;
        // A value that is not percent-encoded text names nothing.
        if (spec.prefix && !jne::wire::percent_decode(path.substr(spec.path.size()), false))
            return 404;
        known = true;
        const bool allowed = spec.get ? method == "GET" || method == "HEAD" : method == "POST";
        if (allowed) return 200;
    }
    return known ? 405 : 404;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const jne::http::limits edge;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(edge.body_bytes);
    parser.header_limit(static_cast<std::uint32_t>(edge.header_bytes));
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    if (jne::http::folds_a_line(raw)) return 0;  // refused before parsing
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec && ec != bhttp::error::need_more) return 0;
    if (!parser.is_header_done()) return 0;
    const auto& request = parser.get();
    if (jne::http::ambiguous_framing(request, request.version())) return 0;  // refused: 400
    if (request.find(bhttp::field::transfer_encoding) != request.end() && !parser.chunked())
        std::abort();
    const std::string_view target = jne::http::origin_form(request.target());
    const auto match = routes().find(request.method_string(), target);
    const std::string_view path = target.substr(0, target.find('?'));
    if (match.status != expected_status(request.method_string(), path)) std::abort();
    if (match.status == 200 && match.target == nullptr) std::abort();
    // A GET's fields are its query string (the public page's routes), a POST's its body.
    if (const auto query = target.find('?'); query != std::string_view::npos)
        (void)jne::wire::decode_urlencoded(target.substr(query + 1));
    if (parser.is_done())
        (void)jne::wire::decode_form(request[bhttp::field::content_type], request.body());
    return 0;
}
