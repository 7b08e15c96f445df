#include "http/api_routes.hpp"

#include "cache/encoded.hpp"
#include "http/openapi.hpp"
#include "wire/encode.hpp"
#include "wire/requests.hpp"
#include "wire/routes.hpp"

namespace jne::http {

namespace {

using wire::route;

// What the metrics call a route: its path, as the router does.
std::string_view label(route r) {
    switch (r) {
        case route::pricedev:
            return wire::paths::pricedev;
        case route::cnote:
            return wire::paths::cnote_prefix;
        case route::generatecnote:
            return wire::paths::generatecnote;
        case route::pickupcashless:
            return wire::paths::pickupcashless;
        case route::getorigin:
            return wire::paths::getorigin;
        case route::getdestination:
            return wire::paths::getdestination;
        case route::destination_search:
            return wire::paths::destination_search_prefix;
        case route::cancel:
            return wire::paths::cancel;
        case route::stockawb:
            return wire::paths::stockawb;
        case route::events:
            return wire::paths::events;
        case route::webhooks:
            return wire::paths::webhooks;
        case route::label:
            return wire::paths::label_prefix;
        case route::public_page:
            return "/public/v1/";
    }
    return "other";
}

// The caller's account, or the route's error body said (and counted) already. A client that
// guessed keys too often, or an account past its own rate, is told when to come back (429).
std::shared_ptr<const core::account> authenticated(route r, const api_services& s, const call& c,
                                                   exchange& out) {
    const api::credentials presented = wire::decode_credentials(c.form);
    const std::string_view username = presented.username.value_or(std::string_view());
    if (const auto wait = s.guard.before_login(c.client, username); wait.count() > 0) {
        out.respond(wire::encode_too_many_requests(wait));
        return nullptr;
    }
    auto account = s.accounts.authenticate(presented);
    if (!account) {
        if (account.error().code == api::error::bad_credentials)
            s.guard.login_failed(c.client, username);
        if (s.counts != nullptr) s.counts->refused_credentials(label(r));
        out.respond(wire::encode_failure(r, account.error()));
        return nullptr;
    }
    if (const auto wait = s.guard.request(**account); wait.count() > 0) {
        out.respond(wire::encode_too_many_requests(wait));
        return nullptr;
    }
    return std::move(*account);
}

// Authenticates the caller, then answers with `work(account)`'s result put into
// the answer by `encode`, or the route's error body.
template <class Work, class Encode>
void answer(route r, const api_services& s, const call& c, exchange& out, Work&& work,
            Encode&& encode) {
    const auto account = authenticated(r, s, c, out);
    if (!account) return;
    auto result = work(*account);
    if (!result) return out.respond(wire::encode_failure(r, result.error()));
    wire::answer a;
    encode(a, *result);
    out.respond(std::move(a));
}

// The same for work that answers later (after a group commit, or a read on the read pool):
// `work(account, reply)` calls reply with its result from any thread.
template <class T, class Work, class Encode>
void answer_later(route r, const api_services& s, const call& c, std::shared_ptr<exchange> out,
                  Work&& work, Encode encode) {
    const auto account = authenticated(r, s, c, *out);
    if (!account) return;
    work(*account, [r, out = std::move(out), encode](api::result<T> result) {
        if (!result) return out->respond(wire::encode_failure(r, result.error()));
        wire::answer a;
        // Moved: a shared body this thread still held while the serving thread compressed it
        // would look shared, and its gzip be kept for an answer asked once.
        encode(a, std::move(*result));
        out->respond(std::move(a));
    });
}

// `encode` of an answer's body alone, as answer() and answer_later() take an encoder of the whole.
template <class Encode>
auto into_body(Encode encode) {
    return [encode](wire::answer& a, const auto& value) { encode(a.body, value); };
}

void share(wire::answer& a, std::shared_ptr<const std::string> body) {
    a.shared_body = std::move(body);
}

void add_city_list(router& routes, const api_services& s, std::string_view path, route r,
                   bool origins) {
    auto lists = std::make_shared<cache::body_per_version>();
    routes.add(std::string(path), [s, lists, r, origins](const call& c,
                                                         const std::shared_ptr<exchange>& out) {
        answer(
            r, s, c, *out,
            [&](const core::account&) -> api::result<std::shared_ptr<const std::string>> {
                return lists->get(s.catalogue.current()->version(), [&](std::string& body) {
                    wire::encode_cities(
                        body, origins ? s.locations.origins() : s.locations.destinations());
                });
            },
            share);
    });
}

// The routes that create (shipments, pickups, reservations): the request decoded with
// its table against what the caller may use, then the shipment service's answer.
template <class T, class Decode, class Service, class Encode>
void add_create(router& routes, const api_services& s, std::string_view path, route r,
                Decode decode, Service serve, Encode encode) {
    routes.add(std::string(path),
               [s, r, decode, serve, encode](const call& c, std::shared_ptr<exchange> out) {
                   answer_later<T>(
                       r, s, c, std::move(out),
                       [&](const core::account& a, auto reply) {
                           auto request = decode(c.form, s.shipments.facts_for(a));
                           if (!request) return reply(request.error());
                           (s.shipments.*serve)(a, *request, std::move(reply));
                       },
                       into_body(encode));
               });
}

}  // namespace

void add_api_routes(router& routes, const api_services& s) {
    // The description of every route: JSON written at build time, shared by every answer.
    routes.add_get("/openapi.json", [](const call&, const std::shared_ptr<exchange>& out) {
        static const auto body = std::make_shared<const std::string>(openapi_json());
        wire::answer a;
        a.shared_body = body;
        out->respond(std::move(a));
    });

    auto quotes = std::make_shared<cache::encoded_bodies<api::price_list, wire::encode_prices>>(
        s.caches.tariff_json, s.caches.counted("tariff_json"));
    routes.add(
        std::string(wire::paths::pricedev),
        [s, quotes](const call& c, const std::shared_ptr<exchange>& out) {
            answer(
                route::pricedev, s, c, *out,
                [&](const core::account& a) -> api::result<service::tariff_service::quote_ptr> {
                    auto asked = wire::decode_tariff_request(c.form);
                    if (!asked) return asked.error();
                    return s.tariffs.quote(*asked, a.service_codes);
                },
                [&](wire::answer& a, const auto& prices) { share(a, quotes->get(prices)); });
        });

    add_city_list(routes, s, wire::paths::getorigin, route::getorigin, true);
    add_city_list(routes, s, wire::paths::getdestination, route::getdestination, false);

    auto track = [s](const call& c, std::shared_ptr<exchange> out) {
        answer_later<service::tracking_service::body_ptr>(
            route::cnote, s, c, std::move(out),
            [&](const core::account& a, auto reply) {
                s.tracking.track_async(a, c.path_value, s.reads, std::move(reply));
            },
            share);
    };
    routes.add_prefix(std::string(wire::paths::cnote_prefix), track);
    routes.add_prefix(std::string(wire::paths::cnote_retail_prefix), track);

    routes.add(std::string(wire::paths::events), [s](const call& c, std::shared_ptr<exchange> out) {
        answer_later<api::event_batch_result>(
            route::events, s, c, std::move(out),
            [&](const core::account& a, auto reply) {
                auto events = wire::decode_event_request(c.form);
                if (!events) return reply(events.error());
                s.events.record(a, std::move(*events), std::move(reply));
            },
            into_body(wire::encode_event_results));
    });

    routes.add(
        std::string(wire::paths::webhooks), [s](const call& c, std::shared_ptr<exchange> out) {
            answer_later<api::webhook_answer>(
                route::webhooks, s, c, std::move(out),
                [&](const core::account& a, auto reply) {
                    s.webhooks.handle(a, wire::decode_webhook_request(c.form), std::move(reply));
                },
                into_body(wire::encode_webhook_answer));
        });

    add_create<api::created>(routes, s, wire::paths::generatecnote, route::generatecnote,
                             wire::decode_generatecnote_request,
                             &service::shipment_service::generatecnote, wire::encode_generatecnote);
    add_create<api::created>(
        routes, s, wire::paths::pickupcashless, route::pickupcashless, wire::decode_pickup_request,
        &service::shipment_service::pickupcashless, wire::encode_pickupcashless);
    add_create<api::airwaybill_list>(routes, s, wire::paths::stockawb, route::stockawb,
                                     wire::decode_stock_request,
                                     &service::shipment_service::stockawb, wire::encode_stockawb);

    routes.add(std::string(wire::paths::cancel), [s](const call& c, std::shared_ptr<exchange> out) {
        answer_later<api::cancelled>(
            route::cancel, s, c, std::move(out),
            [&](const core::account& a, auto reply) {
                s.shipments.cancel(a, wire::decode_cancel_request(c.form), std::move(reply));
            },
            into_body(wire::encode_cancelled));
    });

    // Labels are drawn off the connection threads (the label service's own) and sent as the
    // format's bytes; a failure is tracking's JSON error.
    routes.add_prefix(
        std::string(wire::paths::label_prefix),
        [s](const call& c, const std::shared_ptr<exchange>& out) {
            const auto account = authenticated(route::label, s, c, *out);
            if (!account) return;
            auto request = wire::decode_label_request(c.form, c.path_value);
            if (!request) return out->respond(wire::encode_failure(route::label, request.error()));
            s.labels.draw(*account, std::move(*request), [out](api::result<api::label_file> file) {
                if (!file) return out->respond(wire::encode_failure(route::label, file.error()));
                wire::answer a;
                a.content_type = api::content_type(file->format);
                a.body = std::move(file->bytes);
                out->respond(std::move(a));
            });
        });

    // A search walks the whole catalogue (tens of microseconds): on the read pool, so that the
    // serving thread goes on answering its other connections.
    routes.add_prefix(
        std::string(wire::paths::destination_search_prefix),
        [s](const call& c, std::shared_ptr<exchange> out) {
            answer_later<api::place_list>(
                route::destination_search, s, c, std::move(out),
                [&](const core::account&, auto reply) {
                    s.reads.post([&locations = s.locations, text = std::string(c.path_value),
                                  reply = std::move(reply)] { reply(locations.search(text)); });
                },
                into_body(wire::encode_search));
        });
}

}  // namespace jne::http
