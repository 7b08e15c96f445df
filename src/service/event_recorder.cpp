#include "service/event_recorder.hpp"

#include "core/airwaybill.hpp"
#include "core/text.hpp"
#include "core/tracking.hpp"

#include <algorithm>
#include <memory>

namespace jne::service {

namespace {

using api::event_status;

// One refused, none of the others is recorded.
void settle(api::event_batch_result& r) {
    r.recorded = std::none_of(r.outcomes.begin(), r.outcomes.end(),
                              [](const auto& o) { return o.status == event_status::refused; });
    if (r.recorded) return;
    for (auto& o : r.outcomes)
        if (o.status != event_status::refused) o.status = event_status::not_recorded;
}

}  // namespace

posted_events check_form(std::vector<api::event_input> inputs) {
    posted_events posted;
    for (api::event_input& in : inputs) {
        api::event_outcome outcome{in.event_id, event_status::recorded, {}, {}, {}};
        const auto at = core::parse_time(in.time);
        if (in.event_id.empty())
            outcome.why = api::problem::event_id_missing;
        else if (!core::find_status(in.code))
            outcome.why = api::problem::unknown_status_code, outcome.detail = in.code;
        else if (!at)
            outcome.why = api::problem::bad_event_time;
        else if (!core::valid_airwaybill(in.airwaybill))
            outcome.why = api::problem::no_such_cnote;
        if (outcome.why != api::problem::none) outcome.status = event_status::refused;
        posted.result.outcomes.push_back(std::move(outcome));
        posted.events.push_back({std::move(in.event_id), std::move(in.airwaybill),
                                 std::move(in.code), at.value_or(0), std::move(in.place),
                                 std::move(in.receiver), std::move(in.note)});
    }
    settle(posted.result);
    return posted;
}

api::event_batch_result check_histories(std::span<const core::scan_event> events,
                                        const stored_histories& stored) {
    api::event_batch_result r;
    std::map<std::string, std::vector<core::scan_event>, std::less<>>
        histories;  // with this batch's
    for (const core::scan_event& e : events) {
        api::event_outcome& outcome = r.outcomes.emplace_back(
            api::event_outcome{e.event_id, event_status::recorded, {}, {}, {}});
        const auto known = stored.find(e.airwaybill);
        if (known == stored.end()) {
            outcome.status = event_status::refused;
            outcome.why = api::problem::no_such_cnote;
            continue;
        }
        auto& history = histories.try_emplace(e.airwaybill, known->second).first->second;
        if (std::any_of(history.begin(), history.end(),
                        [&](const core::scan_event& h) { return h.event_id == e.event_id; })) {
            outcome.status = event_status::duplicate;
            continue;
        }
        if (auto why = core::refuse_transition(history, e)) {
            outcome.status = event_status::refused;
            outcome.why = *why;
            outcome.detail = e.code;
            continue;
        }
        history.push_back(e);
    }
    settle(r);
    return r;
}

void event_recorder::record(const core::account& caller, std::vector<api::event_input> inputs,
                            std::function<void(api::result<api::event_batch_result>)> done) const {
    if (caller.role != core::role::operator_)
        return done(api::fail(api::error::refused, api::problem::operators_only));
    if (inputs.empty() || inputs.size() > max_batch)
        return done(api::fail(api::error::invalid_field, api::problem::batch_size, "events", {},
                              static_cast<std::int64_t>(max_batch)));
    auto posted = std::make_shared<posted_events>(check_form(std::move(inputs)));
    if (!posted->result.recorded) return done(std::move(posted->result));

    writes_.submit(
        [posted, listener = writes_.listener()](store::write_batch& batch) {
            // Checked against each shipment's history as this batch sees it; written only if all
            // pass.
            std::map<std::string, core::shipment, std::less<>> shipments;
            stored_histories stored;
            for (const core::scan_event& e : posted->events) {
                if (shipments.contains(e.airwaybill)) continue;
                auto shipment = batch.find_shipment(e.airwaybill);
                if (!shipment) continue;
                shipments.emplace(e.airwaybill, std::move(*shipment));
                stored.emplace(e.airwaybill, batch.events(e.airwaybill));
            }
            posted->result = check_histories(posted->events, stored);
            if (!posted->result.recorded) return;
            for (std::size_t i = 0; i < posted->events.size(); ++i) {
                api::event_outcome& outcome = posted->result.outcomes[i];
                if (outcome.status != event_status::recorded) continue;
                const core::scan_event& e = posted->events[i];
                auto& history = stored.find(e.airwaybill)->second;
                if (!runtime::record_event(batch, listener, shipments.find(e.airwaybill)->second,
                                           history, e))
                    outcome.status = event_status::duplicate;  // the same id on another shipment
                else
                    history.push_back(e);
            }
        },
        [posted, done = std::move(done)](bool durable) {
            if (!durable) return done(api::fail(api::error::unavailable));
            done(std::move(posted->result));
        });
}

}  // namespace jne::service
