// Bytes off a socket, as the server reads them: the framing checks (http/framing.hpp), Beast's
// parser with the server's limits, the request target in origin form, the router (the API's
// paths, prefixes, the probes' and the public page's), a GET's query and the body decoded by its
// Content-Type. Nothing may crash, hang or leak; and a request whose framing is let through
// reads its body as Beast does: with a Transfer-Encoding, chunked (never an empty body followed
// by what would run as another request).
#include "http/framing.hpp"
#include "http/limits.hpp"
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

// The server's paths, each with a handler that does nothing: only the routing is under test.
const jne::http::router& routes() {
    static const jne::http::router r = [] {
        using namespace jne::wire::paths;
        jne::http::router out;
        const jne::http::handler nothing = [](const jne::http::call&,
                                              const std::shared_ptr<jne::http::exchange>&) {};
        for (std::string_view path : {pricedev, generatecnote, pickupcashless, getorigin,
                                      getdestination, cancel, stockawb, events, webhooks})
            out.add(std::string(path), nothing);
        for (std::string_view prefix :
             {cnote_prefix, cnote_retail_prefix, destination_search_prefix})
            out.add_prefix(std::string(prefix), nothing);
        for (const char* path : {"/healthz", "/readyz", "/metrics", "/openapi.json", "/", "/tariff",
                                 "/public/v1/places", "/public/v1/tariff"})
            out.add_get(path, nothing);
        for (const char* prefix : {"/track/", "/assets/", "/public/v1/track/"})
            out.add_get_prefix(prefix, nothing);
        return out;
    }();
    return r;
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
    (void)match;
    // A GET's fields are its query string (the public page's routes), a POST's its body.
    if (const auto query = target.find('?'); query != std::string_view::npos)
        (void)jne::wire::decode_urlencoded(target.substr(query + 1));
    if (parser.is_done())
        (void)jne::wire::decode_form(request[bhttp::field::content_type], request.body());
    return 0;
}
