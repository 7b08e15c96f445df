#pragma once

#include "runtime/incident.hpp"
#include "runtime/periodic.hpp"
#include "service/catalogue_service.hpp"
#include "service/shipment_service.hpp"

#include <optional>

namespace jne::sandbox {

/// In sandbox mode, moves every shipment along its journey (sandbox/journey)
/// by itself, `speed` times faster than real time (3600: an hour of the network
/// per second). The schedule lives in the database, so it survives restarts, and
/// every step has a fixed event id, so a replay records nothing twice.
class mover {
public:
    mover(store::sandbox_schedule& schedule, runtime::write_queue& writes,
          const service::catalogue_service& catalogue, double speed,
          service::clock_fn now = service::system_now);

    /// Records every step that is due; returns how many shipments it looked at.
    std::size_t move_due();

private:
    static constexpr std::size_t batch_limit = 500;

    store::sandbox_schedule& schedule_;
    runtime::write_queue& writes_;
    const service::catalogue_service& catalogue_;
    double speed_;
    service::clock_fn now_;
    runtime::incident moving_{"the sandbox's mover"};
    std::optional<runtime::periodic> ticker_;  // last: stopped before the rest goes
};

}  // namespace jne::sandbox
