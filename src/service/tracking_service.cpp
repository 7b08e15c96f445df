#include "service/tracking_service.hpp"

#include "core/airwaybill.hpp"
#include "core/text.hpp"

#include "service/incident.hpp"

#include <spdlog/spdlog.h>

#include <map>

namespace jne::service {

namespace {

api::text or_null(const std::string& s) { return s.empty() ? std::nullopt : api::text(s); }

std::string estimate(const core::shipment& s) {
    if (!s.etd_from) return " Days";  // JNE's own answer when it has no estimate
    if (!s.etd_thru || *s.etd_thru == *s.etd_from) return std::to_string(*s.etd_from) + " Days";
    return std::to_string(*s.etd_from) + "-" + std::to_string(*s.etd_thru) + " Days";
}

// What an answer holds in memory, near enough to budget the cache by.
std::size_t approximate_bytes(const api::tracking& t) {
    std::size_t bytes = sizeof(t) + 1024;  // the summary's and detail's short strings
    for (const auto& line : t.history) bytes += sizeof(line) + line.desc.size() + 48;
    return bytes;
}

}  // namespace

api::tracking tracking_of(const core::shipment& s, std::vector<core::scan_event> events) {
    const core::tracking_state state = core::derive_state(events);
    api::tracking t;
    api::cnote_summary& c = t.cnote;
    c.cnote_no = s.airwaybill;
    c.reference_number = or_null(s.reference_number);
    c.cnote_origin = s.origin;
    c.cnote_destination = s.destination;
    c.cnote_services_code = s.service_display;
    c.servicetype = s.service_code;
    c.cnote_cust_no = or_null(s.customer_number);
    c.cnote_date = core::format_wib_iso(s.created_at);
    c.cnote_receiver_name = s.receiver.name;
    c.city_name = s.destination_name;
    c.pod_status = state.pod_status;
    c.last_status = state.last_status;
    c.cust_type = "999";
    c.cnote_amount = s.cost.total();
    c.cnote_weight = core::format_kilograms(s.weight);
    // The final event's code is the POD code: D01/D09 delivered, D15/D16 returned, CR2 cancelled.
    if (const core::scan_event* end = state.final_event; end != nullptr) {
        const core::status_code* code = core::find_status(end->code);
        c.pod_code = end->code;
        if (!end->receiver.empty()) {
            c.cnote_pod_receiver = end->receiver;
            c.cnote_pod_date = core::format_wib_iso(end->at);
            std::string who = code->keterangan.empty() ? end->note : std::string(code->keterangan);
            if (!who.empty()) c.keterangan = std::move(who);
        }
    }
    c.cnote_goods_descr = s.goods_description;
    c.freight_charge = s.cost.freight;
    c.shippingcost = s.cost.total();
    c.insuranceamount = s.cost.insurance;
    c.priceperkg = s.cost.price_per_kg;
    c.estimate_delivery = estimate(s);

    api::cnote_detail& d = t.detail;
    d.cnote_no = s.airwaybill;
    d.cnote_date = core::format_wib_short(s.created_at);
    d.cnote_weight = c.cnote_weight;
    d.cnote_origin = s.origin_name;
    d.cnote_shipper_name = s.shipper.name;
    d.cnote_shipper_addr1 = or_null(s.shipper.addr1);
    d.cnote_shipper_addr2 = or_null(s.shipper.addr2);
    d.cnote_shipper_addr3 = or_null(s.shipper.addr3);
    d.cnote_shipper_city = or_null(s.shipper.city);
    d.cnote_receiver_name = s.receiver.name;
    d.cnote_receiver_addr1 = or_null(s.receiver.addr1);
    d.cnote_receiver_addr2 = or_null(s.receiver.addr2);
    d.cnote_receiver_addr3 = or_null(s.receiver.addr3);
    d.cnote_receiver_city = or_null(s.receiver.city);

    for (const core::scan_event& e : events)
        t.history.push_back({core::format_wib_short(e.at), core::describe(e), e.code});
    return t;
}

api::public_shipment public_view_of(const core::shipment& s, std::vector<core::scan_event> events) {
    const core::tracking_state state = core::derive_state(events);  // sorts `events` by time
    api::public_shipment p;
    p.number = s.airwaybill;
    p.outcome = api::lookup::found;
    p.airwaybill = s.airwaybill;
    p.service = s.service_display;
    p.origin = s.origin_name;
    p.destination = s.destination_name;
    p.shipper = core::mask_name(s.shipper.name);
    p.receiver = core::mask_name(s.receiver.name);
    p.weight = core::format_kilograms(s.weight);
    p.sent_at = core::format_wib_iso(s.created_at);
    p.stage = core::stage_name(state.stage);
    p.status = state.pod_status;
    p.etd_from = s.etd_from;
    p.etd_thru = s.etd_thru;
    if (const auto last_day = s.etd_thru ? s.etd_thru : s.etd_from)
        p.estimated_by = core::format_wib_iso(s.created_at + std::int64_t{*last_day} * 86'400)
                             .substr(0, 10);  // the day: "2022-01-11"
    for (auto e = events.rbegin(); e != events.rend(); ++e) {
        const core::status_code* code = core::find_status(e->code);
        core::scan_event shown = *e;
        shown.receiver = core::mask_name(e->receiver);  // who signed is a name like any other
        p.history.push_back(
            {core::format_wib_iso(e->at), e->code,
             std::string(core::stage_name(code != nullptr ? code->stage : core::stage::in_network)),
             e->place, core::describe(shown)});
    }
    return p;
}

tracking_service::tracking_service(store::shipment_store& store, write_queue& writes, clock_fn now,
                                   const cache::budgets& caches)
    : store_(store),
      writes_(writes),
      now_(std::move(now)),
      // Kept when asked again: most parcels are tracked now and then, a few by a polling client.
      cache_(caches.tracking, "tracking", cache::admit::on_second_insert),
      references_(caches.tracking_references, "tracking_references") {
    refresh();
}

bool tracking_service::account_for(const store::generation_counter& counter) {
    // Caller holds counters_mutex_. A value at or below the known one is accounted for already
    // (a refresh read it first, and dropped everything); one above it by one is this process's
    // own commit; more means moves by others in between.
    auto [known, fresh] = known_counters_.try_emplace(counter.id, 0);
    if (counter.value <= known->second) return false;
    const bool others = fresh || counter.value > known->second + 1;
    known->second = counter.value;
    return others;
}

void tracking_service::committed(const store::tracking_changes& changes) {
    if (!changes.moved) return;
    local_commits_.fetch_add(1);  // before forgetting: see track_airwaybill
    for (const std::string& airwaybill : changes.airwaybills) cache_.erase(airwaybill);
    std::lock_guard lock(counters_mutex_);
    if (account_for(*changes.moved)) epoch_.fetch_add(1);
}

void tracking_service::refresh() {
    const auto counters = store_.tracking_generations();
    std::lock_guard lock(counters_mutex_);
    bool others = false;
    for (const store::generation_counter& c : counters) {
        // A counter read here first is accounted for from its value on: nothing was kept before.
        auto [known, fresh] = known_counters_.try_emplace(c.id, c.value);
        if (!fresh && c.value > known->second) {
            known->second = c.value;
            others = true;
        }
    }
    if (others) epoch_.fetch_add(1);
}

api::result<tracking_service::tracking_ptr> tracking_service::track(const core::account& caller,
                                                                    std::string_view number) const {
    // A number with a wrong check digit is no airwaybill (a typo), but may be a reference.
    if (core::valid_airwaybill(number)) {
        auto found = track_airwaybill(caller, number);
        if (found || found.error().code != api::error::cnote_not_found) return found;
    }
    // Merchants' code tracks by the number it sent: the caller's own references only,
    // so another account's reference does not exist for it.
    auto airwaybill = airwaybill_for(caller, number);
    if (!airwaybill) return airwaybill.error();
    return track_airwaybill(caller, *airwaybill);
}

void tracking_service::track(const core::account& caller, std::string_view number, read_pool& reads,
                             std::function<void(api::result<tracking_ptr>)> reply) const {
    if (auto answer = from_memory(caller, number)) return reply(std::move(*answer));
    // Tracking reads who the caller is and its role: its customer numbers and branches stay.
    core::account who;
    who.username = caller.username;
    who.role = caller.role;
    reads.post(
        [this, who = std::move(who), number = std::string(number), reply = std::move(reply)] {
            api::result<tracking_ptr> result = api::fail(api::error::unavailable);
            try {
                result = track(who, number);
            } catch (const std::exception& e) {  // never out of a pool thread, and answered
                spdlog::error("tracking {}: {}", number, e.what());
            }
            reply(std::move(result));
        });
}

std::optional<api::result<tracking_service::tracking_ptr>> tracking_service::from_memory(
    const core::account& caller, std::string_view number) const {
    std::optional<std::string> airwaybill;
    if (core::valid_airwaybill(number)) {
        airwaybill.emplace(number);
    } else if (!number.empty()) {
        if (auto known = references_.find(reference_key(caller, number))) airwaybill = *known;
    }
    if (!airwaybill) return std::nullopt;
    auto hit = kept(*airwaybill);
    if (!hit) return std::nullopt;
    return answer_for(caller, *hit);
}

std::string tracking_service::reference_key(const core::account& caller,
                                            std::string_view reference) {
    std::string key = caller.username;
    key.append(1, '\n').append(reference);
    return key;
}

api::result<std::string> tracking_service::airwaybill_for(const core::account& caller,
                                                          std::string_view reference) const {
    if (reference.empty()) return api::fail(api::error::cnote_not_found);
    const std::string key = reference_key(caller, reference);
    if (auto hit = references_.find(key)) return *hit;
    std::optional<std::string> airwaybill;
    try {
        airwaybill = store_.airwaybill_for_reference(caller.username, reference);
    } catch (const store::storage_error& e) {
        database_incident().failed("a reference read", e.what());
        return api::fail(api::error::unavailable);
    }
    if (!airwaybill) return api::fail(api::error::cnote_not_found);
    references_.insert(key, std::make_shared<const std::string>(*airwaybill),
                       key.size() + airwaybill->size() + 96);
    return *airwaybill;
}

std::shared_ptr<const tracking_service::cached> tracking_service::kept(
    const std::string& airwaybill) const {
    const std::int64_t epoch = epoch_.load();
    return cache_.find(airwaybill, [epoch](const cached& c) { return c.epoch == epoch; });
}

api::result<tracking_service::tracking_ptr> tracking_service::answer_for(
    const core::account& caller, const cached& c) {
    if (c.owner != caller.username && caller.role != core::role::operator_)
        return api::fail(api::error::not_your_cnote);
    return c.answer;
}

api::result<tracking_service::tracking_ptr> tracking_service::track_airwaybill(
    const core::account& caller, std::string_view airwaybill) const {
    if (auto hit = kept(std::string(airwaybill))) return answer_for(caller, *hit);
    return read_airwaybill(caller, airwaybill);
}

api::result<tracking_service::tracking_ptr> tracking_service::read_airwaybill(
    const core::account& caller, std::string_view airwaybill) const {
    // Taken before reading: an answer read while another process's events were committed is
    // kept under the older epoch, and one read while this process's were is not kept.
    const std::int64_t epoch = epoch_.load();
    const std::uint64_t commits = local_commits_.load();
    const std::string key(airwaybill);
    std::optional<store::shipment_store::tracked> found;
    try {
        found = store_.find_tracked(airwaybill);
    } catch (const store::storage_error& e) {
        database_incident().failed("a tracking read", e.what());
        return api::fail(api::error::unavailable);
    }
    if (!found) return api::fail(api::error::cnote_not_found);
    auto answer = std::make_shared<const api::tracking>(
        tracking_of(found->shipment, std::move(found->events)));
    auto entry = std::make_shared<const cached>(cached{epoch, found->shipment.account, answer});
    cache_.insert(key, entry, approximate_bytes(*answer) + key.size());
    // A commit of this process that began meanwhile may have recorded events for it, and
    // forgotten the airwaybill before this insert: then this answer may be stale. (One that
    // forgets after the insert removes it itself.)
    if (local_commits_.load() != commits) cache_.erase(key);
    return answer_for(caller, *entry);
}

api::result<api::public_shipment> tracking_service::look_up(std::string_view number) const {
    api::public_shipment p;
    p.number = number;
    // Older airwaybills (the document's example among them) predate our check digit: whatever
    // the store has is shown; only a number it lacks is judged by its form.
    std::optional<store::shipment_store::tracked> found;
    if (core::all_digits(number) && number.size() <= 20) {
        try {
            found = store_.find_tracked(number);
        } catch (const store::storage_error& e) {
            database_incident().failed("a public tracking read", e.what());
            return api::fail(api::error::unavailable);
        }
    }
    if (found) {
        auto view = public_view_of(found->shipment, std::move(found->events));
        view.number = std::move(p.number);
        return view;
    }
    p.outcome = core::valid_airwaybill(number) ? api::lookup::unknown : api::lookup::mistyped;
    return p;
}

api::result<std::vector<core::shipment>> tracking_service::shipments(
    const core::account& caller, std::span<const std::string> numbers) const {
    std::vector<core::shipment> found;
    found.reserve(numbers.size());
    try {
        for (const std::string& number : numbers) {
            std::optional<core::shipment> s;
            if (core::valid_airwaybill(number)) s = store_.find_shipment(number);
            if (!s) {
                auto airwaybill = airwaybill_for(caller, number);
                if (!airwaybill) return airwaybill.error();
                s = store_.find_shipment(*airwaybill);
            }
            if (!s) return api::fail(api::error::cnote_not_found);
            if (s->account != caller.username && caller.role != core::role::operator_)
                return api::fail(api::error::not_your_cnote);
            found.push_back(std::move(*s));
        }
    } catch (const store::storage_error& e) {
        database_incident().failed("a shipment read", e.what());
        return api::fail(api::error::unavailable);
    }
    return found;
}

void tracking_service::record(
    const core::account& caller, std::vector<api::event_input> inputs,
    std::function<void(api::result<api::event_batch_result>)> done) const {
    if (caller.role != core::role::operator_)
        return done(api::fail(api::error::refused, api::problem::operators_only));
    if (inputs.empty() || inputs.size() > max_batch)
        return done(api::fail(api::error::invalid_field, api::problem::batch_size, "events", {},
                              max_batch));

    struct state {
        std::vector<core::scan_event> events;
        api::event_batch_result result;
        std::function<void(api::result<api::event_batch_result>)> done;
    };
    auto st = std::make_shared<state>();
    st->done = std::move(done);
    st->result.recorded = true;
    for (api::event_input& in : inputs) {
        api::event_outcome outcome{in.event_id, "recorded", {}, {}, {}};
        auto at = core::parse_time(in.time);
        if (in.event_id.empty())
            outcome.why = api::problem::event_id_missing;
        else if (!core::find_status(in.code))
            outcome.why = api::problem::unknown_status_code, outcome.detail = in.code;
        else if (!at)
            outcome.why = api::problem::bad_event_time;
        else if (!core::valid_airwaybill(in.airwaybill))
            outcome.why = api::problem::no_such_cnote;
        if (outcome.why != api::problem::none) {
            outcome.status = "refused";
            st->result.recorded = false;
        }
        st->result.outcomes.push_back(std::move(outcome));
        st->events.push_back({std::move(in.event_id), std::move(in.airwaybill), std::move(in.code),
                              at.value_or(0), std::move(in.place), std::move(in.receiver),
                              std::move(in.note)});
    }
    auto finish = [](state& s) {
        if (s.result.recorded) return;
        for (auto& o : s.result.outcomes)
            if (o.status != "refused") o.status = "not_recorded";
    };
    if (!st->result.recorded) {
        finish(*st);
        return st->done(std::move(st->result));
    }

    writes_.submit(
        [st, finish, listener = writes_.listener()](store::write_batch& batch) {
            // Checked against each shipment's history, this batch's own events included; written
            // only if all pass.
            struct known {
                core::shipment shipment;
                std::vector<core::scan_event> stored;   ///< recorded before this batch
                std::vector<core::scan_event> history;  ///< with this batch's events that pass
            };
            std::map<std::string, known> histories;
            st->result.recorded = true;
            for (std::size_t i = 0; i < st->events.size(); ++i) {
                const core::scan_event& e = st->events[i];
                api::event_outcome& outcome = st->result.outcomes[i];
                outcome = {e.event_id, "recorded", {}, {}, {}};
                auto it = histories.find(e.airwaybill);
                if (it == histories.end()) {
                    auto shipment = batch.find_shipment(e.airwaybill);
                    if (!shipment) {
                        outcome = {e.event_id, "refused", api::problem::no_such_cnote, {}, {}};
                        st->result.recorded = false;
                        continue;
                    }
                    auto stored = batch.events(e.airwaybill);
                    it =
                        histories.emplace(e.airwaybill, known{std::move(*shipment), stored, stored})
                            .first;
                }
                auto& history = it->second.history;
                if (std::any_of(history.begin(), history.end(), [&](const core::scan_event& h) {
                        return h.event_id == e.event_id;
                    })) {
                    outcome.status = "duplicate";
                    continue;
                }
                if (auto why = core::refuse_transition(history, e)) {
                    outcome = {e.event_id, "refused", *why, e.code, {}};
                    st->result.recorded = false;
                    continue;
                }
                history.push_back(e);
            }
            finish(*st);
            if (!st->result.recorded) return;
            for (std::size_t i = 0; i < st->events.size(); ++i) {
                if (st->result.outcomes[i].status != "recorded") continue;
                known& k = histories.at(st->events[i].airwaybill);
                if (!record_event(batch, listener, k.shipment, k.stored, st->events[i]))
                    st->result.outcomes[i].status = "duplicate";  // the same id on another shipment
                else
                    k.stored.push_back(st->events[i]);
            }
        },
        [st](bool durable) {
            if (!durable) return st->done(api::fail(api::error::unavailable));
            st->done(std::move(st->result));
        });
}

}  // namespace jne::service
