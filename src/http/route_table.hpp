#pragma once

#include "wire/routes.hpp"

#include <array>
#include <string_view>

namespace jne::http {

/// One route the server answers: its path (or the prefix before a value), and whether it is a
/// GET (and HEAD) route; the others take POST.
struct route_spec {
    std::string_view path;
    bool prefix = false;
    bool get = false;
};

/// Every route the server answers, in one list: the router refuses to add any other, so that
/// what reads the list (the fuzz target of requests, say) reads the server's own table.
inline constexpr std::array server_routes{
    // JNE's, and the project's own API routes (POST).
    route_spec{wire::paths::pricedev},
    route_spec{wire::paths::cnote_prefix, true},
    route_spec{wire::paths::cnote_retail_prefix, true},
    route_spec{wire::paths::generatecnote},
    route_spec{wire::paths::pickupcashless},
    route_spec{wire::paths::getorigin},
    route_spec{wire::paths::getdestination},
    route_spec{wire::paths::destination_search_prefix, true},
    route_spec{wire::paths::cancel},
    route_spec{wire::paths::stockawb},
    route_spec{wire::paths::events},
    route_spec{wire::paths::webhooks},
    route_spec{wire::paths::label_prefix, true},
    // The API's description and the operators' probes (GET).
    route_spec{"/openapi.json", false, true},
    route_spec{"/healthz", false, true},
    route_spec{"/readyz", false, true},
    route_spec{"/metrics", false, true},
    // The public tracking page, its assets and its JSON (GET).
    route_spec{"/", false, true},
    route_spec{"/tariff", false, true},
    route_spec{"/track/", true, true},
    route_spec{"/assets/", true, true},
    route_spec{"/public/v1/track/", true, true},
    route_spec{"/public/v1/places", false, true},
    route_spec{"/public/v1/tariff", false, true},
};

}  // namespace jne::http
