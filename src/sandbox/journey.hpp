#pragma once

#include "core/catalogue.hpp"
#include "core/shipment.hpp"
#include "core/tracking.hpp"

#include <string_view>
#include <vector>

namespace jne::sandbox {

/// How a sandbox shipment's journey ends, chosen by the merchant like a test
/// card number: an order id starting with the scenario's prefix, or a receiver
/// named as below (README, "Sandbox scenarios").
enum class scenario {
    delivered,           ///< the usual journey
    fail_delivery_once,  ///< FAILONCE-… or receiver "FAIL ONCE": nobody at home (U05), delivered
                         ///< the next day
    returned,  ///< RETURN-… or receiver "RETURN TO SHIPPER": refused (U06), returned (R01, D15)
    failed_pickup,  ///< FAILPICKUP-… or receiver "FAIL PICKUP": a missed pickup (MP)
    held,           ///< HOLD-… or receiver "HOLD": held at the destination warehouse (WH5)
};

scenario scenario_of(const core::shipment& s);

/// One scan of a sandbox journey, `after` seconds of network time from creation.
struct journey_step {
    std::int64_t after;
    core::scan_event event;  ///< event_id "sandbox-<airwaybill>-<n>": replays are harmless
};

/// The whole journey of a shipment through the network: pickup or counter,
/// origin sorting, origin gateway, transit, destination warehouse, courier and
/// the scenario's end. Times follow the service's ETD and the distance between
/// the hubs; small variations come from the airwaybill, so the same shipment
/// always travels the same way.
std::vector<journey_step> journey(const core::shipment& s, const core::hub& from,
                                  const core::hub& to);

}  // namespace jne::sandbox
