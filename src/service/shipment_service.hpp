#pragma once

#include "api/error.hpp"
#include "api/shipment.hpp"
#include "core/account.hpp"
#include "runtime/write_queue.hpp"
#include "service/tariff_service.hpp"

#include <functional>

namespace jne::service {

/// The time now; passed in so that tests and the sandbox control it.
using clock_fn = std::function<core::unix_seconds()>;
core::unix_seconds system_now();

/// Creating shipments (generatecnote, pickupcashless), reserving airwaybills
/// and cancelling. Requests are validated on the caller's thread; the writes go
/// through the group-commit queue, and `reply` is called once they are durable.
class shipment_service {
public:
    /// With a sandbox speed, every new shipment is scheduled to move by itself
    /// (sandbox_mover) at that speed.
    shipment_service(const catalogue_service& catalogue, const tariff_service& tariffs,
                     runtime::write_queue& writes, std::optional<double> sandbox_speed,
                     clock_fn now = system_now)
        : catalogue_(catalogue),
          tariffs_(tariffs),
          writes_(writes),
          sandbox_speed_(sandbox_speed),
          now_(std::move(now)) {}

    template <class T>
    using reply = std::function<void(api::result<T>)>;

    /// What a request's codes are checked against while it is decoded: the
    /// current catalogue and what the caller may ship as.
    api::request_facts facts_for(const core::account& caller) const;

    /// The requests come decoded and checked against facts_for(caller).
    void generatecnote(const core::account& caller, const api::generatecnote_request& r,
                       reply<api::created> done) const;
    void pickupcashless(const core::account& caller, const api::pickup_request& r,
                        reply<api::created> done) const;
    void stockawb(const core::account& caller, const api::stock_request& r,
                  reply<api::airwaybill_list> done) const;
    void cancel(const core::account& caller, const api::cancel_request& r,
                reply<api::cancelled> done) const;

private:
    /// Prices the shipment and fills in its route, service and cost; or why it cannot be.
    std::optional<api::failure> price(core::shipment& s, const catalogue_snapshot& snapshot) const;
    void create(core::shipment s, std::string requested_airwaybill, core::scan_event first,
                reply<api::created> done) const;

    const catalogue_service& catalogue_;
    const tariff_service& tariffs_;
    runtime::write_queue& writes_;
    std::optional<double> sandbox_speed_;
    clock_fn now_;
};

}  // namespace jne::service
