#pragma once

#include "api/error.hpp"
#include "api/events.hpp"
#include "api/tracking.hpp"
#include "core/account.hpp"
#include "service/shipment_service.hpp"

namespace jne::service {

/// Tracking an airwaybill, and recording what the network scans.
class tracking_service {
public:
    tracking_service(store::shipment_store& store, write_queue& writes, clock_fn now = system_now)
        : store_(store), writes_(writes), now_(std::move(now)) {}

    /// Merchants track their own shipments; operators track every one.
    api::result<api::tracking> track(const core::account& caller, std::string_view airwaybill) const;

    /// Records a batch of scan events (operators only): idempotent per event id,
    /// all or nothing per batch; a refused event says why.
    void record(const core::account& caller, std::vector<api::event_input> events,
                std::function<void(api::result<api::event_batch_result>)> done) const;

private:
    store::shipment_store& store_;
    write_queue& writes_;
    clock_fn now_;
};

/// Builds the tracking answer from a shipment and its events (any order).
api::tracking tracking_of(const core::shipment& s, std::vector<core::scan_event> events);

}  // namespace jne::service
