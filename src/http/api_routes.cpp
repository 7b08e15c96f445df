#include "http/api_routes.hpp"

#include "store/store.hpp"
#include "wire/decode.hpp"
#include "wire/encode.hpp"
#include "wire/routes.hpp"

#include <spdlog/spdlog.h>

#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

namespace jne::http {

namespace {

using wire::route;

// Authenticates the caller, then answers with `work(account)`'s result
// put into the answer by `encode`, or the route's error body.
// A read the database cannot answer (it is down, say) is "unavailable", as a failed write is.
template <class Work, class Encode>
void answer(route r, const api_services& s, const call& c, exchange& out, Work&& work,
            Encode&& encode) {
    auto account = s.accounts.authenticate(c.form.find("username"), c.form.find("api_key"));
    if (!account) return out.respond(wire::encode_failure(r, account.error()));
    std::optional<decltype(work(**account))> computed;
    try {
        computed.emplace(work(**account));
    } catch (const store::storage_error& e) {
        spdlog::warn("the database cannot answer a read: {}", e.what());
        return out.respond(wire::encode_failure(r, api::fail(api::error::unavailable)));
    }
    auto& result = *computed;
    if (!result) return out.respond(wire::encode_failure(r, result.error()));
    wire::answer a;
    encode(a, *result);
    out.respond(std::move(a));
}

// The same for work that answers later (after a group commit): `work(account,
// reply)` calls reply with its result from any thread.
template <class T, class Work, class Encode>
void answer_later(route r, const api_services& s, const call& c, std::shared_ptr<exchange> out,
                  Work&& work, Encode encode) {
    auto account = s.accounts.authenticate(c.form.find("username"), c.form.find("api_key"));
    if (!account) return out->respond(wire::encode_failure(r, account.error()));
    work(**account, [r, out, encode](api::result<T> result) {
        if (!result) return out->respond(wire::encode_failure(r, result.error()));
        wire::answer a;
        encode(a.body, *result);
        out->respond(std::move(a));
    });
}

core::field_lookup lookup(const wire::form& form) {
    return [&form](std::string_view name) -> std::optional<std::string_view> {
        const std::string* v = form.find(name);
        return v != nullptr ? std::optional<std::string_view>(*v) : std::nullopt;
    };
}

// Answers the services share (a priced list, a tracking) are immutable while
// they are cached there: their JSON is written once and shared by later answers.
template <class T, void (*Encode)(std::string&, const T&)>
class encoded_once {
public:
    std::shared_ptr<const std::string> get(const std::shared_ptr<const T>& value) {
        {
            std::shared_lock lock(mutex_);
            auto it = bodies_.find(value.get());
            if (it != bodies_.end() && !it->second.first.expired()) return it->second.second;
        }
        auto body = std::make_shared<std::string>();
        Encode(*body, *value);
        std::lock_guard lock(mutex_);
        if (bodies_.size() >= 10'000) bodies_.clear();
        bodies_[value.get()] = {value, body};
        return body;
    }

private:
    std::shared_mutex mutex_;  // every answer reads it; a new answer writes it
    std::unordered_map<const T*,
                       std::pair<std::weak_ptr<const T>, std::shared_ptr<const std::string>>>
        bodies_;
};

// The whole-catalogue lists are the same bytes until the catalogue changes:
// encoded once per catalogue version.
class body_per_version {
public:
    template <class Make>
    std::shared_ptr<const std::string> get(std::int64_t version, Make&& make) {
        std::lock_guard lock(mutex_);
        if (!body_ || version != version_) {
            auto body = std::make_shared<std::string>();
            make(*body);
            body_ = std::move(body);
            version_ = version;
        }
        return body_;
    }

private:
    std::mutex mutex_;
    std::int64_t version_ = -1;
    std::shared_ptr<const std::string> body_;
};

void add_city_list(router& routes, const api_services& s, std::string path, route r, bool origins) {
    auto cache = std::make_shared<body_per_version>();
    routes.add(
        std::move(path), [s, cache, r, origins](const call& c, std::shared_ptr<exchange> out) {
            answer(
                r, s, c, *out,
                [&](const core::account&) -> api::result<std::shared_ptr<const std::string>> {
                    return cache->get(s.catalogue.current()->version(), [&](std::string& body) {
                        wire::encode_cities(
                            body, origins ? s.locations.origins() : s.locations.destinations());
                    });
                },
                [](wire::answer& a, const std::shared_ptr<const std::string>& cached) {
                    a.shared_body = cached;
                });
        });
}

}  // namespace

void add_api_routes(router& routes, const api_services& s) {
    auto quotes = std::make_shared<encoded_once<api::price_list, wire::encode_prices>>();
    routes.add(std::string(wire::paths::pricedev),
               [s, quotes](const call& c, std::shared_ptr<exchange> out) {
                   answer(
                       route::pricedev, s, c, *out,
                       [&](const core::account&) {
                           return s.tariffs.quote(c.form.get("from"), c.form.get("thru"),
                                                  c.form.get("weight"));
                       },
                       [&](wire::answer& a, const service::tariff_service::quote_ptr& prices) {
                           a.shared_body = quotes->get(prices);
                       });
               });

    add_city_list(routes, s, std::string(wire::paths::getorigin), route::getorigin, true);
    add_city_list(routes, s, std::string(wire::paths::getdestination), route::getdestination,
                  false);

    auto trackings = std::make_shared<encoded_once<api::tracking, wire::encode_tracking>>();
    routes.add_prefix(
        std::string(wire::paths::cnote_prefix),
        [s, trackings](const call& c, std::shared_ptr<exchange> out) {
            answer(
                route::cnote, s, c, *out,
                [&](const core::account& a) { return s.tracking.track(a, c.path_value); },
                [&](wire::answer& a, const service::tracking_service::tracking_ptr& t) {
                    a.shared_body = trackings->get(t);
                });
        });

    routes.add(std::string(wire::paths::events), [s](const call& c, std::shared_ptr<exchange> out) {
        answer_later<api::event_batch_result>(
            route::events, s, c, out,
            [&](const core::account& a, auto reply) {
                auto events = wire::decode_event_inputs(c.form.get("events"));
                if (!events)
                    return reply(api::fail(api::error::invalid_field,
                                           "events must be a JSON array of events"));
                s.tracking.record(a, std::move(*events), std::move(reply));
            },
            wire::encode_event_results);
    });

    routes.add(std::string(wire::paths::generatecnote),
               [s](const call& c, std::shared_ptr<exchange> out) {
                   answer_later<api::created>(
                       route::generatecnote, s, c, out,
                       [&](const core::account& a, auto reply) {
                           s.shipments.generatecnote(a, lookup(c.form), std::move(reply));
                       },
                       wire::encode_generatecnote);
               });

    routes.add(std::string(wire::paths::pickupcashless),
               [s](const call& c, std::shared_ptr<exchange> out) {
                   answer_later<api::created>(
                       route::pickupcashless, s, c, out,
                       [&](const core::account& a, auto reply) {
                           s.shipments.pickupcashless(a, lookup(c.form), std::move(reply));
                       },
                       wire::encode_pickupcashless);
               });

    routes.add(std::string(wire::paths::stockawb),
               [s](const call& c, std::shared_ptr<exchange> out) {
                   answer_later<api::airwaybill_list>(
                       route::stockawb, s, c, out,
                       [&](const core::account& a, auto reply) {
                           s.shipments.stockawb(a, lookup(c.form), std::move(reply));
                       },
                       wire::encode_stockawb);
               });

    routes.add(std::string(wire::paths::cancel), [s](const call& c, std::shared_ptr<exchange> out) {
        answer_later<api::cancelled>(
            route::cancel, s, c, out,
            [&](const core::account& a, auto reply) {
                s.shipments.cancel(a, c.form.get("cnote_no"), c.form.get("pic_cancel"),
                                   c.form.get("reason_cancel"), std::move(reply));
            },
            wire::encode_cancelled);
    });

    routes.add_prefix(std::string(wire::paths::destination_search_prefix),
                      [s](const call& c, std::shared_ptr<exchange> out) {
                          answer(
                              route::destination_search, s, c, *out,
                              [&](const core::account&) -> api::result<api::place_list> {
                                  return s.locations.search(c.path_value);
                              },
                              [](wire::answer& a, const api::place_list& places) {
                                  wire::encode_search(a.body, places);
                              });
                      });
}

}  // namespace jne::http
