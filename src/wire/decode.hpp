#pragma once

#include "api/error.hpp"
#include "api/events.hpp"
#include "api/locations.hpp"
#include "api/shipment.hpp"
#include "api/tariff.hpp"
#include "api/tracking.hpp"
#include "api/webhooks.hpp"
#include "wire/routes.hpp"

#include <string_view>

namespace jne::wire {

/// Reads an error body of any of JNE's shapes into a failure; the client calls
/// it when a body is not the route's success.
api::failure decode_failure(route r, std::string_view body);

api::result<api::price_list> decode_prices(std::string_view body);
api::result<api::place_list> decode_cities(std::string_view body);
api::result<api::place_list> decode_search(std::string_view body);

api::result<api::tracking> decode_tracking(std::string_view body);
api::result<api::created> decode_generatecnote(std::string_view body);
api::result<api::created> decode_pickupcashless(std::string_view body);
api::result<api::airwaybill_list> decode_stockawb(std::string_view body);
api::result<api::cancelled> decode_cancelled(std::string_view body);
api::result<api::event_batch_result> decode_event_results(std::string_view body);
/// A Status V2 push as a merchant's receiver reads it.
api::result<api::status_update> decode_status_update(std::string_view body);

/// A JSON array of event objects (the `events` field of POST /ops/v1/events).
/// Nothing when it is not one.
std::optional<std::vector<api::event_input>> decode_event_inputs(std::string_view json_array);

}  // namespace jne::wire
