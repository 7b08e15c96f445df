#pragma once

#include "api/events.hpp"
#include "api/locations.hpp"
#include "api/shipment.hpp"
#include "api/tariff.hpp"
#include "api/tracking.hpp"
#include "api/webhooks.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jne::wire {

/// Get Tariff's success: {"price":[…]} with the example's key order.
void encode_prices(std::string& out, const api::price_list& prices);

/// getorigin and getdestination: {"detail":[{"City_Code":…,"City_Name":…},…]}.
void encode_cities(std::string& out, const api::place_list& places);

/// dest/key search: {"detail":[{"code":…,"label":…},…]}.
void encode_search(std::string& out, const api::place_list& places);

/// Tracking: {"cnote":{…},"detail":[{…}],"history":[…]} with the example's key order.
void encode_tracking(std::string& out, const api::tracking& t);
/// The version of what encode_tracking writes: answers stored in the database in another are
/// made again. Raised with every change to its writing (a test pins it to an example's bytes).
inline constexpr int tracking_format = 1;

/// generatecnote's success: {"detail":[{"status":"sukses","cnote_no":…}]} (Indonesian).
void encode_generatecnote(std::string& out, const api::created& c);

/// pickupcashless's success: {"detail":[{"status":"success","cnote_no":…}]} (English).
void encode_pickupcashless(std::string& out, const api::created& c);

/// stockawb: {"awb":[{"airwaybill":…},…]}.
void encode_stockawb(std::string& out, const api::airwaybill_list& reserved);

/// order/cancel: {"status":true,"reason":…}.
void encode_cancelled(std::string& out, const api::cancelled& c);

/// /ops/v1/events: {"status":true,"results":[{"event_id":…,"status":…},…]}; when the batch
/// was refused, "status":false with an "error" and each refused event's "reason".
void encode_event_results(std::string& out, const api::event_batch_result& r);

/// An event's status as the answer words it ("recorded", "duplicate", "refused",
/// "not_recorded"), and back; nothing for a word that is none of them.
std::string_view event_status_name(api::event_status status);
std::optional<api::event_status> event_status_named(std::string_view name);

/// The client's side of /ops/v1/events: the JSON array of events.
std::string encode_event_inputs(const std::vector<api::event_input>& events);

/// POST /ops/v1/webhooks: {"status":true} and what the action made, listed or replayed.
void encode_webhook_answer(std::string& out, const api::webhook_answer& a);

/// JNE's "Webhook Status V2" body: a merchant's URL is sent this when a shipment moves.
void encode_status_update(std::string& out, const api::status_update& u);

}  // namespace jne::wire
