#pragma once

#include "core/shipment.hpp"
#include "core/tracking.hpp"
#include "store/store.hpp"

#include <span>

namespace jne::runtime {

/// Told of every scan event a batch records, inside that batch: what it writes there (the
/// webhooks' outbox) commits with the event or rolls back with it, so nothing is announced
/// that did not happen and nothing that happened goes unannounced.
class event_listener {
public:
    virtual ~event_listener() = default;
    /// `history`: the shipment's events recorded before `e`, in any order.
    virtual void recorded(store::write_batch& batch, const core::shipment& shipment,
                          std::span<const core::scan_event> history, const core::scan_event& e) = 0;
};

/// Records `e` and, when it is new, tells `listener` (if any). False: an event with its id exists.
inline bool record_event(store::write_batch& batch, event_listener* listener,
                         const core::shipment& shipment, std::span<const core::scan_event> history,
                         const core::scan_event& e) {
    if (!batch.insert_event(e)) return false;
    if (listener != nullptr) listener->recorded(batch, shipment, history, e);
    return true;
}

}  // namespace jne::runtime
