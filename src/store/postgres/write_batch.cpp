// A batch's end: what it holds (new shipments, the system's events, schedules) written at once.
#include "store/postgres/database.hpp"

namespace jne::store::postgres {

void postgres_write_batch::commit() {
    guarded([&] {
        if (auto moved = write_held(!changes_.airwaybills.empty())) changes_.moved = moved;
        if (subscriptions_changed_) tx_.exec_prepared("bump", std::string("webhooks_version"));
        tx_.commit();
    });
}

// Writes what the batch holds: its new shipments and the system's events in one statement,
// with `bump` the tracking generation's bump too (returned), then the schedules of shipments
// stored before. A batch of creates makes one round trip at commit where it made three.
std::optional<generation_counter> postgres_write_batch::write_held(bool bump) {
    std::optional<generation_counter> moved;
    if (bump || !held_shipments_.empty() || !held_events_.empty()) {
        parameters shipments;
        for (const core::shipment& s : held_shipments_) {
            add_shipment(shipments, s);
            // A new shipment's schedule goes in with it: an UPDATE of the row just inserted
            // would write it, and every index entry of it, twice.
            auto schedule = held_schedules_.extract(s.airwaybill);
            shipments.add(schedule ? schedule.mapped() : std::nullopt);
        }
        parameters events;
        for (const core::scan_event& e : held_events_) {
            events.add(std::optional<std::int64_t>{});  // id: the table's to give
            events.add(std::optional<std::int64_t>{});  // event_id: none, the system's own
            events.add(e.airwaybill), events.add(e.code), events.add(e.at), events.add(e.place),
                events.add(e.receiver), events.add(e.note);
        }
        const auto written = tx_.exec_prepared(
            "write_rows", shipments.as_rows(shipment_columns + 1),  // and sandbox_due_at
            events.as_rows(8), bump);                               // the events' columns
        if (written[0][0].as<std::size_t>() != held_shipments_.size())
            throw write_conflict("an order id of this batch was taken by another process's batch");
        if (!written[0][1].is_null())
            moved = {written[0][1].as<int>(), written[0][2].as<std::int64_t>()};
        held_shipments_.clear();
        held_events_.clear();
    }

    if (!held_schedules_.empty()) {
        parameters p;
        for (const auto& [airwaybill, due] : held_schedules_) {
            p.add(airwaybill);
            p.add(due);
        }
        const auto arrays = p.as_arrays(2);
        tx_.exec_prepared("schedule_sandboxes",
                          pqxx::prepare::make_dynamic_params(arrays.pointers()));
        held_schedules_.clear();
    }
    return moved;
}

}  // namespace jne::store::postgres
