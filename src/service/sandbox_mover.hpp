#pragma once

#include "service/catalogue_service.hpp"
#include "service/incident.hpp"
#include "service/periodic.hpp"
#include "service/shipment_service.hpp"

#include <optional>

namespace jne::service {

/// In sandbox mode, moves every shipment along its journey (core/sandbox_journey)
/// by itself, `speed` times faster than real time (3600: an hour of the network
/// per second). The schedule lives in the database, so it survives restarts, and
/// every step has a fixed event id, so a replay records nothing twice.
class sandbox_mover {
public:
    sandbox_mover(store::sandbox_schedule& schedule, write_queue& writes,
                  const catalogue_service& catalogue, double speed, clock_fn now = system_now);

    /// Records every step that is due; returns how many shipments it looked at.
    std::size_t move_due();

private:
    static constexpr std::size_t batch_limit = 500;

    store::sandbox_schedule& schedule_;
    write_queue& writes_;
    const catalogue_service& catalogue_;
    double speed_;
    clock_fn now_;
    incident moving_{"the sandbox's mover"};
    std::optional<periodic> ticker_;  // last: stopped before the rest goes
};

}  // namespace jne::service
