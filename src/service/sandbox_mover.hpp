#pragma once

#include "service/catalogue_service.hpp"
#include "service/shipment_service.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace jne::service {

/// In sandbox mode, moves every shipment along its journey (core/sandbox_journey)
/// by itself, `speed` times faster than real time (3600: an hour of the network
/// per second). The schedule lives in the database, so it survives restarts, and
/// every step has a fixed event id, so a replay records nothing twice.
class sandbox_mover {
public:
    sandbox_mover(store::shipment_store& store, write_queue& writes,
                  const catalogue_service& catalogue, double speed, clock_fn now = system_now);
    ~sandbox_mover();
    sandbox_mover(const sandbox_mover&) = delete;
    sandbox_mover& operator=(const sandbox_mover&) = delete;

    /// Records every step that is due; returns how many shipments it looked at.
    std::size_t move_due();

private:
    static constexpr std::size_t batch_limit = 500;

    store::shipment_store& store_;
    write_queue& writes_;
    const catalogue_service& catalogue_;
    double speed_;
    clock_fn now_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace jne::service
