#pragma once

#include "cache/budgets.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "runtime/throttle.hpp"
#include "service/accounts.hpp"
#include "service/event_recorder.hpp"
#include "service/label_service.hpp"
#include "service/location_service.hpp"
#include "service/shipment_service.hpp"
#include "service/tariff_service.hpp"
#include "service/tracking_service.hpp"
#include "webhook/admin.hpp"

namespace jne::http {

/// The services the API's handlers call.
struct api_services {
    const service::account_service& accounts;
    const service::catalogue_service& catalogue;
    const service::tariff_service& tariffs;
    const service::location_service& locations;
    const service::shipment_service& shipments;
    const service::tracking_service& tracking;
    const service::event_recorder& events;
    runtime::read_pool& reads;  ///< the store reads a serving thread does not wait for
    const service::label_service& labels;
    const webhook::admin& webhooks;
    runtime::throttle& guard;    ///< who must wait: key guessers, accounts past their rate
    observer* counts = nullptr;  ///< told of refused credentials; none: not counted
    cache::budgets caches = cache::budgets::standard();  ///< the answers' JSON: tariff, tracking
};

/// Registers every route of the contract on `routes` (the handlers keep copies
/// of `services`, whose references must outlive the router). Each handler decodes,
/// authenticates, calls one service function and encodes.
void add_api_routes(router& routes, const api_services& services);

}  // namespace jne::http
