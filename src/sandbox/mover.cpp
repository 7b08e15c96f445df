#include "sandbox/mover.hpp"

#include "sandbox/journey.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <future>

namespace jne::sandbox {

mover::mover(store::sandbox_schedule& schedule, runtime::write_queue& writes,
             const service::catalogue_service& catalogue, double speed, service::clock_fn now)
    : schedule_(schedule),
      writes_(writes),
      catalogue_(catalogue),
      speed_(std::max(speed, 0.001)),
      now_(std::move(now)) {
    // Schedules were computed at the last run's speed: recompute them all at this one's.
    std::promise<void> rescheduled;
    writes_.submit([this](store::write_batch& batch) { batch.sandbox().reschedule_all(now_()); },
                   [&](bool) { rescheduled.set_value(); });
    rescheduled.get_future().wait();
    ticker_.emplace(std::chrono::milliseconds(200), [this] {
        try {
            const bool more = move_due() >= batch_limit;  // a full batch: more are waiting
            moving_.succeeded();
            return more;
        } catch (const std::exception& e) {
            moving_.failed("moving the sandbox's shipments", e.what());
            return false;
        }
    });
}

std::size_t mover::move_due() {
    const core::unix_seconds now = now_();
    const auto due = schedule_.sandbox_due(now, batch_limit);
    if (due.empty()) return 0;
    const auto snapshot = catalogue_.current();
    const double speed = speed_;
    std::promise<void> written;
    writes_.submit(
        [&](store::write_batch& batch) {
            for (const std::string& airwaybill : due) {
                auto shipment = batch.find_shipment(airwaybill);
                const core::hub* from =
                    shipment ? snapshot->catalogue().find_hub(shipment->origin) : nullptr;
                const core::hub* to =
                    shipment ? snapshot->catalogue().find_hub(shipment->destination) : nullptr;
                if (from == nullptr || to == nullptr) {
                    batch.sandbox().schedule(airwaybill, std::nullopt);
                    continue;
                }
                auto history = batch.events(airwaybill);
                std::optional<core::unix_seconds> next;
                for (const sandbox::journey_step& step : sandbox::journey(*shipment, *from, *to)) {
                    const auto real_due = shipment->created_at +
                                          static_cast<core::unix_seconds>(
                                              std::ceil(static_cast<double>(step.after) / speed));
                    if (real_due > now) {
                        next = real_due;
                        break;
                    }
                    const bool recorded =
                        std::any_of(history.begin(), history.end(), [&](const core::scan_event& e) {
                            return e.event_id == step.event.event_id;
                        });
                    if (recorded) continue;
                    // Cancelled, or moved on by the network's own scans: the sandbox stops here.
                    if (core::refuse_transition(history, step.event)) break;
                    record_event(batch, writes_.listener(), *shipment, history, step.event);
                    history.push_back(step.event);
                }
                batch.sandbox().schedule(airwaybill, next);
            }
        },
        [&](bool) { written.set_value(); });
    written.get_future().wait();
    return due.size();
}

}  // namespace jne::sandbox
