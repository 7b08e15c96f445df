#include "service/tracking_answers.hpp"

#include "core/text.hpp"
#include "core/tracking.hpp"

namespace jne::service {

namespace {

api::text or_null(const std::string& s) { return s.empty() ? std::nullopt : api::text(s); }

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
    c.sent_at = s.created_at;
    c.cnote_receiver_name = s.receiver.name;
    c.city_name = s.destination_name;
    c.pod_status = state.pod_status;
    c.last_status = state.last_status;
    c.cnote_amount = s.cost.total();
    c.weight = s.weight;
    // The final event's code is the POD code: D01/D09 delivered, D15/D16 returned, CR2 cancelled.
    if (const core::scan_event* end = state.final_event; end != nullptr) {
        const core::status_code* code = core::find_status(end->code);
        c.pod_code = end->code;
        if (!end->receiver.empty()) {
            c.cnote_pod_receiver = end->receiver;
            c.received_at = end->at;
            std::string who = code->keterangan.empty() ? end->note : std::string(code->keterangan);
            if (!who.empty()) c.keterangan = std::move(who);
        }
    }
    c.cnote_goods_descr = s.goods_description;
    c.freight_charge = s.cost.freight;
    c.shippingcost = s.cost.total();
    c.insuranceamount = s.cost.insurance;
    c.priceperkg = s.cost.price_per_kg;
    c.etd_from = s.etd_from;
    c.etd_thru = s.etd_thru;

    api::cnote_detail& d = t.detail;
    d.cnote_no = s.airwaybill;
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

    for (const core::scan_event& e : events) t.history.push_back({e.at, core::describe(e), e.code});
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

}  // namespace jne::service
