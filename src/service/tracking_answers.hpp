#pragma once

#include "api/public.hpp"
#include "api/tracking.hpp"
#include "core/shipment.hpp"
#include "core/tracking.hpp"

#include <vector>

namespace jne::service {

/// Builds the tracking answer from a shipment and its events (any order).
api::tracking tracking_of(const core::shipment& s, std::vector<core::scan_event> events);

/// Builds the public page's view of a shipment from it and its events (any order).
api::public_shipment public_view_of(const core::shipment& s, std::vector<core::scan_event> events);

}  // namespace jne::service
