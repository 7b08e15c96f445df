#include "service/tracking_service.hpp"

#include "core/airwaybill.hpp"

#include <map>

namespace jne::service {

namespace {

api::text or_null(const std::string& s) { return s.empty() ? std::nullopt : api::text(s); }

std::string estimate(const core::shipment& s) {
    if (!s.etd_from) return " Days";  // JNE's own answer when it has no estimate
    if (!s.etd_thru || *s.etd_thru == *s.etd_from) return std::to_string(*s.etd_from) + " Days";
    return std::to_string(*s.etd_from) + "-" + std::to_string(*s.etd_thru) + " Days";
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
    if (state.delivery != nullptr) {
        const core::status_code* code = core::find_status(state.delivery->code);
        c.cnote_pod_receiver = state.delivery->receiver;
        c.cnote_pod_date = core::format_wib_iso(state.delivery->at);
        c.pod_code = state.delivery->code;
        c.keterangan = std::string(code->keterangan);
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

tracking_service::tracking_service(store::shipment_store& store, write_queue& writes, clock_fn now)
    : store_(store), writes_(writes), now_(std::move(now)) {
    refresh();
}

void tracking_service::refresh() { generation_.store(store_.tracking_generation()); }

api::result<tracking_service::tracking_ptr> tracking_service::track(
    const core::account& caller, std::string_view airwaybill) const {
    // A wrong check digit is a typo: refused before any lookup.
    if (!core::valid_airwaybill(airwaybill)) return api::fail(api::error::cnote_not_found);
    auto allowed = [&](const std::string& owner) {
        return owner == caller.username || caller.role == core::role::operator_;
    };
    // Taken before reading, so an answer read during a commit is kept under the older generation.
    const std::int64_t generation = generation_.load();
    const std::string key(airwaybill);
    {
        std::lock_guard lock(cache_mutex_);
        auto it = cache_.find(key);
        if (it != cache_.end() && it->second.generation == generation) {
            if (!allowed(it->second.owner)) return api::fail(api::error::not_your_cnote);
            return it->second.answer;
        }
    }
    auto found = store_.find_tracked(airwaybill);
    if (!found) return api::fail(api::error::cnote_not_found);
    auto answer = std::make_shared<const api::tracking>(
        tracking_of(found->shipment, std::move(found->events)));
    {
        std::lock_guard lock(cache_mutex_);
        if (cache_.size() >= max_cached) cache_.clear();
        cache_[key] = cached{generation, found->shipment.account, answer};
    }
    if (!allowed(found->shipment.account)) return api::fail(api::error::not_your_cnote);
    return answer;
}

void tracking_service::record(
    const core::account& caller, std::vector<api::event_input> inputs,
    std::function<void(api::result<api::event_batch_result>)> done) const {
    if (caller.role != core::role::operator_)
        return done(api::fail(api::error::refused, "Only operator accounts post scan events."));
    if (inputs.empty() || inputs.size() > 1000)
        return done(api::fail(api::error::invalid_field, "A batch holds 1 to 1000 events."));

    struct state {
        std::vector<core::scan_event> events;
        api::event_batch_result result;
        std::function<void(api::result<api::event_batch_result>)> done;
    };
    auto st = std::make_shared<state>();
    st->done = std::move(done);
    st->result.recorded = true;
    for (api::event_input& in : inputs) {
        api::event_outcome outcome{in.event_id, "recorded", {}};
        auto at = core::parse_time(in.time);
        if (in.event_id.empty())
            outcome.reason = "event_id is missing";
        else if (!core::find_status(in.code))
            outcome.reason = "unknown status code " + in.code;
        else if (!at)
            outcome.reason = "time must be ISO 8601 or DD-MM-YYYY HH:MM";
        else if (!core::valid_airwaybill(in.airwaybill))
            outcome.reason = "Cnote No. Not Found.";
        if (!outcome.reason.empty()) {
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
        [st, finish](store::write_batch& batch) {
            // Checked against each shipment's history, this batch's own events included; written
            // only if all pass.
            std::map<std::string, std::vector<core::scan_event>> histories;
            st->result.recorded = true;
            for (std::size_t i = 0; i < st->events.size(); ++i) {
                const core::scan_event& e = st->events[i];
                api::event_outcome& outcome = st->result.outcomes[i];
                outcome = {e.event_id, "recorded", {}};
                auto [it, fresh] = histories.try_emplace(e.airwaybill);
                if (fresh) {
                    if (!batch.find_shipment(e.airwaybill)) {
                        outcome = {e.event_id, "refused", "Cnote No. Not Found."};
                        st->result.recorded = false;
                        continue;
                    }
                    it->second = batch.events(e.airwaybill);
                }
                auto& history = it->second;
                if (std::any_of(history.begin(), history.end(), [&](const core::scan_event& h) {
                        return h.event_id == e.event_id;
                    })) {
                    outcome.status = "duplicate";
                    continue;
                }
                if (auto why = core::refuse_transition(history, e)) {
                    outcome = {e.event_id, "refused", *why};
                    st->result.recorded = false;
                    continue;
                }
                history.push_back(e);
            }
            finish(*st);
            if (!st->result.recorded) return;
            for (std::size_t i = 0; i < st->events.size(); ++i)
                if (st->result.outcomes[i].status == "recorded" &&
                    !batch.insert_event(st->events[i]))
                    st->result.outcomes[i].status = "duplicate";  // the same id on another shipment
        },
        [st](bool durable) {
            if (!durable) return st->done(api::fail(api::error::unavailable));
            st->done(std::move(st->result));
        });
}

}  // namespace jne::service
