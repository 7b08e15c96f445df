#pragma once

#include "api/error.hpp"
#include "api/values.hpp"
#include "core/shipment.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jne::core {

/// Where a shipment stands, as the state machine sees it.
enum class stage {
    ordered,          ///< created (generatecnote, pickup or drop-off ordered)
    pickup_failed,    ///< the courier could not collect it; may be retried
    in_network,       ///< picked up or received, moving
    with_courier,     ///< out for delivery
    delivery_failed,  ///< a delivery attempt failed; may be retried
    held,             ///< held at the warehouse
    returning,        ///< on its way back to the shipper
    delivered,        ///< final
    returned,         ///< final
    cancelled,        ///< final
};

/// A stage's name for the public page: "in_network", "with_courier", "delivered".
std::string_view stage_name(stage s);

/// How a production merchant application groups JNE's codes when it shows an order's state
/// (the last column of data/jne/status-codes.csv).
enum class merchant_group { in_process, delivered, cancelled, returned, problem, returned_problem };

/// One of JNE's status codes: JNE's description as a history template, and what it leads to.
struct status_code {
    std::string_view code;
    std::string_view text;  ///< JNE's description; {place}, {receiver}, {date} filled in
    merchant_group group;
    core::stage stage;  ///< the group's stage, refined for the codes the state machine tells apart
    std::string_view pod_status;  ///< the shipment's status word after it
    /// The status JNE's "Webhook Status V2" pushes for it; empty: never pushed.
    std::string_view status_v2;
    std::string_view keterangan;  ///< for deliveries: who received it
};

/// JNE's 145 status codes (docs/status-codes.md): the only codes the server writes or takes.
std::span<const status_code> status_codes();
const status_code* find_status(std::string_view code);

/// The codes the system writes itself (contract §4): an order waiting for JNE to take it, a
/// cancellation.
inline constexpr std::string_view code_ordered = "REQ";
inline constexpr std::string_view code_cancelled = "CR2";

/// Something that happened to a parcel.
struct scan_event {
    std::string event_id;  ///< the network's idempotency key; empty for events the system writes
    std::string airwaybill;
    std::string code;
    unix_seconds at = 0;
    std::string place;
    std::string receiver;  ///< deliveries and returns: who signed
    std::string note;      ///< relation, or the reason of a failure
};

/// The history line of an event: its code's template filled in.
std::string describe(const scan_event& e);

/// Why `next` cannot happen to a shipment with `history` (any order), or
/// nothing when it can: nothing after cancellation; no cancel once the
/// network has it; no scan after delivery or return; no delivery while
/// returning; a return completes only after a return was started.
std::optional<api::problem> refuse_transition(std::span<const scan_event> history,
                                              const scan_event& next);

/// The Status V2 status a merchant's webhook is told of when `next` is recorded after
/// `history` (any order), or nothing. Pushed: a change of Status V2 status, and every problem
/// or return scan even when the status stays (each failed attempt is news the merchant acts on).
/// Not pushed: scans older than the latest one (late history changes nothing now), transit
/// scans of a parcel being returned, and codes without a Status V2 status (orders, cancel).
std::optional<std::string_view> status_v2_change(std::span<const scan_event> history,
                                                 const scan_event& next);

/// What tracking shows, derived from the events.
struct tracking_state {
    std::string pod_status = "MANIFESTED";
    std::string last_status;
    core::stage stage = stage::ordered;
    const scan_event* delivery = nullptr;     ///< the POD event, when delivered
    const scan_event* final_event = nullptr;  ///< delivered, returned or cancelled: the event
};

/// Orders `history` by time (then arrival) and derives the state from it.
tracking_state derive_state(std::vector<scan_event>& history);

/// Times and weights as JNE writes and merchants send them: the API's one grammar.
using api::format_kilograms;
using api::format_wib_iso;
using api::format_wib_seconds;
using api::format_wib_short;
using api::parse_time;

}  // namespace jne::core
