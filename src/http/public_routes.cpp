#include "http/public_routes.hpp"

#include "wire/public_out.hpp"
#include "wire/requests.hpp"

namespace jne::http {

namespace {

// The page may only load what this server serves; it is never framed, and its URLs (which hold
// airwaybills) are not sent to other sites.
constexpr std::string_view page_headers =
    "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\n";

// An asset fetched by the version the page links may be kept for good; by any other URL it is
// revalidated (its ETag makes that cheap).
constexpr std::string_view forever = "public, max-age=31536000, immutable";
constexpr std::string_view revalidate = "no-cache";

void send(const web::asset& a, std::string_view cache_control, const call& c, exchange& out) {
    wire::answer answer;
    answer.content_type = a.content_type;
    answer.etag = a.etag;
    answer.cache_control = cache_control;
    answer.extra_headers = page_headers;
    if (c.if_none_match == a.etag) {
        answer.status = 304;
    } else {
        answer.shared_body = a.body;
    }
    out.respond(std::move(answer));
}

// The public routes' JSON: tracking is never stored (it changes; the page asks again), the
// catalogue's answers (places, prices) may be kept for five minutes.
wire::answer public_json(std::string body, std::string_view cache_control = "no-store") {
    wire::answer a;
    a.body = std::move(body);
    a.cache_control = cache_control;
    a.extra_headers = "X-Content-Type-Options: nosniff\r\n";
    return a;
}

// A failure of the public service, worded for the page (which translates the code).
wire::answer public_failure(const api::failure& f) {
    return wire::encode_failure(wire::route::public_page, f);
}

// The /public/v1 routes: the caller's address spends its allowance first.
template <class Work>
handler limited(const public_site& site, Work work) {
    return [&guard = site.guard, work](const call& c, const std::shared_ptr<exchange>& out) {
        if (const auto wait = guard.public_request(c.client); wait.count() > 0)
            return out->respond(wire::encode_too_many_requests(wait));
        out->respond(work(c));
    };
}

}  // namespace

void add_public_routes(router& routes, const public_site& site) {
    const web::site& files = site.files;
    auto page = [&files](const call& c, const std::shared_ptr<exchange>& out) {
        send(files.page(), revalidate, c, *out);
    };
    routes.add_get("/", page);
    routes.add_get("/tariff", page);
    routes.add_get_prefix("/track/", page);

    routes.add_get_prefix(
        "/assets/", [&files](const call& c, const std::shared_ptr<exchange>& out) {
            const web::asset* a = files.find(c.path_value);
            if (a == nullptr) return out->respond(wire::encode_http_error(404));
            send(*a, c.form.get("v") == a->version ? forever : revalidate, c, *out);
        });

    const service::public_service& service = site.service;
    routes.add_get_prefix("/public/v1/track/", limited(site, [&service](const call& c) {
                              auto shipments = service.track(c.path_value);
                              if (!shipments) return public_failure(shipments.error());
                              std::string body;
                              wire::encode_public_tracking(body, *shipments);
                              return public_json(std::move(body));
                          }));
    routes.add_get("/public/v1/places", limited(site, [&service](const call& c) {
                       std::string body;
                       wire::encode_public_places(body, service.places(c.form.get("q")));
                       return public_json(std::move(body), "public, max-age=300");
                   }));
    routes.add_get("/public/v1/tariff", limited(site, [&service](const call& c) {
                       const auto asked = wire::decode_tariff_request(c.form);
                       if (!asked) return public_failure(asked.error());
                       auto quote = service.quote(*asked);
                       if (!quote) return public_failure(quote.error());
                       std::string body;
                       wire::encode_public_quote(body, *quote);
                       return public_json(std::move(body), "public, max-age=300");
                   }));
}

}  // namespace jne::http
