#include "wire/encode.hpp"

#include "wire/errors.hpp"
#include "wire/json_out.hpp"

#include <algorithm>
#include <array>

namespace jne::wire {

void encode_prices(std::string& out, const api::price_list& prices) {
    // The answer every checkout asks for, mostly for a route and weight not asked before: its
    // fixed text is written in runs (the key names with their punctuation) rather than through
    // json_out's key-by-key bookkeeping, into a body reserved once. The shape is json_out's.
    auto optional_number_string = [&out](std::optional<int> value) {
        if (value)
            append_number_string(out, *value);
        else
            out.append("null");
    };
    // Every line of a list names the same route: its names are escaped once, then copied.
    std::string route_names;
    std::string_view origin, destination;
    out.reserve(out.size() + 16 + prices.size() * 256);
    out.append(R"({"price":[)");
    for (const api::price& p : prices) {
        out.append(&p == prices.data() ? R"({"origin_name":)" : R"(,{"origin_name":)");
        if (route_names.empty() || p.origin_name != origin || p.destination_name != destination) {
            origin = p.origin_name;
            destination = p.destination_name;
            route_names.clear();
            append_json_string(route_names, origin);
            route_names.append(R"(,"destination_name":)");
            append_json_string(route_names, destination);
        }
        out.append(route_names);
        out.append(R"(,"service_display":)");
        append_json_string(out, p.service_display);
        out.append(R"(,"service_code":)");
        append_json_string(out, p.service_code);
        out.append(R"(,"goods_type":)");
        append_json_string(out, p.goods_type);
        out.append(R"(,"currency":"IDR","price":)");
        append_number_string(out, p.amount);
        out.append(R"(,"etd_from":)");
        optional_number_string(p.etd_from);
        out.append(R"(,"etd_thru":)");
        optional_number_string(p.etd_thru);
        out.append(p.etd_from || p.etd_thru ? R"(,"times":"D"})" : R"(,"times":null})");
    }
    out.append("]}");
}

namespace {
void encode_places(std::string& out, const api::place_list& places, std::string_view code_key,
                   std::string_view name_key) {
    json_out j(out);
    j.begin_object().key("detail").begin_array();
    for (const api::place& p : places)
        j.begin_object().key(code_key).string(p.code).key(name_key).string(p.name).end_object();
    j.end_array().end_object();
}
}  // namespace

void encode_cities(std::string& out, const api::place_list& places) {
    encode_places(out, places, "City_Code", "City_Name");
}

void encode_search(std::string& out, const api::place_list& places) {
    encode_places(out, places, "code", "label");
}

namespace {
// JNE's estimate: "1-2 Days", "3 Days", and " Days" when it has none.
std::string estimate_delivery(std::optional<int> from, std::optional<int> thru) {
    if (!from) return " Days";
    if (!thru || *thru == *from) return std::to_string(*from) + " Days";
    return std::to_string(*from) + "-" + std::to_string(*thru) + " Days";
}
}  // namespace

void encode_tracking(std::string& out, const api::tracking& t) {
    json_out j(out);
    auto text = [&j](std::string_view key, const api::text& value) {
        j.key(key).optional_string(value);
    };
    const api::cnote_summary& c = t.cnote;
    j.begin_object().key("cnote").begin_object();
    j.key("cnote_no").string(c.cnote_no);
    text("reference_number", c.reference_number);
    j.key("cnote_origin").string(c.cnote_origin);
    j.key("cnote_destination").string(c.cnote_destination);
    j.key("cnote_services_code").string(c.cnote_services_code);
    j.key("servicetype").string(c.servicetype);
    text("cnote_cust_no", c.cnote_cust_no);
    const std::string sent_iso = api::format_wib_iso(c.sent_at);
    j.key("cnote_date").string(sent_iso);
    text("cnote_pod_receiver", c.cnote_pod_receiver);
    j.key("cnote_receiver_name").string(c.cnote_receiver_name);
    j.key("city_name").string(c.city_name);
    if (c.received_at)
        j.key("cnote_pod_date").string(api::format_wib_iso(*c.received_at));
    else
        j.key("cnote_pod_date").null();
    j.key("pod_status").string(c.pod_status);
    j.key("last_status").string(c.last_status);
    j.key("cust_type").string("999");  // JNE's answer for every merchant's shipment
    j.key("cnote_amount").number_string(c.cnote_amount);
    const std::string weight = api::format_kilograms(c.weight);
    j.key("cnote_weight").string(weight);
    text("pod_code", c.pod_code);
    text("keterangan", c.keterangan);
    j.key("cnote_goods_descr").string(c.cnote_goods_descr);
    j.key("freight_charge").number_string(c.freight_charge);
    j.key("shippingcost").number_string(c.shippingcost);
    j.key("insuranceamount").number_string(c.insuranceamount);
    j.key("priceperkg").number_string(c.priceperkg);
    text("signature", c.signature);
    text("photo", c.photo);
    text("long", c.longitude);
    text("lat", c.latitude);
    j.key("estimate_delivery").string(estimate_delivery(c.etd_from, c.etd_thru));
    j.end_object();

    const api::cnote_detail& d = t.detail;
    j.key("detail").begin_array().begin_object();
    j.key("cnote_no").string(d.cnote_no);
    j.key("cnote_date").string(api::format_wib_short(c.sent_at));
    j.key("cnote_weight").string(weight);
    j.key("cnote_origin").string(d.cnote_origin);
    j.key("cnote_shipper_name").string(d.cnote_shipper_name);
    text("cnote_shipper_addr1", d.cnote_shipper_addr1);
    text("cnote_shipper_addr2", d.cnote_shipper_addr2);
    text("cnote_shipper_addr3", d.cnote_shipper_addr3);
    text("cnote_shipper_city", d.cnote_shipper_city);
    j.key("cnote_receiver_name").string(d.cnote_receiver_name);
    text("cnote_receiver_addr1", d.cnote_receiver_addr1);
    text("cnote_receiver_addr2", d.cnote_receiver_addr2);
    text("cnote_receiver_addr3", d.cnote_receiver_addr3);
    text("cnote_receiver_city", d.cnote_receiver_city);
    j.end_object().end_array();

    j.key("history").begin_array();
    for (const api::history_line& h : t.history)
        j.begin_object()
            .key("date")
            .string(api::format_wib_short(h.at))
            .key("desc")
            .string(h.desc)
            .key("code")
            .string(h.code)
            .end_object();
    j.end_array().end_object();
}

namespace {
void encode_created(std::string& out, std::string_view status, const api::created& c) {
    json_out j(out);
    j.begin_object().key("detail").begin_array().begin_object();
    j.key("status").string(status).key("cnote_no").string(c.airwaybill);
    j.end_object().end_array().end_object();
}
}  // namespace

void encode_generatecnote(std::string& out, const api::created& c) {
    encode_created(out, "sukses", c);
}

void encode_pickupcashless(std::string& out, const api::created& c) {
    encode_created(out, "success", c);
}

void encode_stockawb(std::string& out, const api::airwaybill_list& reserved) {
    json_out j(out);
    j.begin_object().key("awb").begin_array();
    for (const std::string& a : reserved) j.begin_object().key("airwaybill").string(a).end_object();
    j.end_array().end_object();
}

namespace {
constexpr std::array<std::pair<api::event_status, std::string_view>, 4> event_status_names{{
    {api::event_status::recorded, "recorded"},
    {api::event_status::duplicate, "duplicate"},
    {api::event_status::refused, "refused"},
    {api::event_status::not_recorded, "not_recorded"},
}};
}  // namespace

std::string_view event_status_name(api::event_status status) {
    for (const auto& [s, name] : event_status_names)
        if (s == status) return name;
    return "refused";
}

std::optional<api::event_status> event_status_named(std::string_view name) {
    for (const auto& [s, n] : event_status_names)
        if (n == name) return s;
    return std::nullopt;
}

void encode_event_results(std::string& out, const api::event_batch_result& r) {
    json_out j(out);
    j.begin_object().key("status").boolean(r.recorded);
    if (!r.recorded) j.key("error").string("Batch refused: nothing was recorded.");
    j.key("results").begin_array();
    for (const api::event_outcome& o : r.outcomes) {
        j.begin_object()
            .key("event_id")
            .string(o.event_id)
            .key("status")
            .string(event_status_name(o.status));
        const std::string reason =
            o.why == api::problem::none
                ? o.reason
                : reason_for(route::events, api::fail(api::error::refused, o.why, {}, {o.detail}));
        if (!reason.empty()) j.key("reason").string(reason);
        j.end_object();
    }
    j.end_array().end_object();
}

std::string encode_event_inputs(const std::vector<api::event_input>& events) {
    std::string out;
    json_out j(out);
    j.begin_array();
    for (const api::event_input& e : events) {
        j.begin_object().key("event_id").string(e.event_id).key("airwaybill").string(e.airwaybill);
        j.key("code").string(e.code).key("time").string(e.time).key("place").string(e.place);
        if (!e.receiver.empty()) j.key("receiver").string(e.receiver);
        if (!e.note.empty()) j.key("note").string(e.note);
        j.end_object();
    }
    j.end_array();
    return out;
}

void encode_cancelled(std::string& out, const api::cancelled& c) {
    const std::string reason =
        c.airwaybill.empty() ? c.reason : "Cnote " + c.airwaybill + " has been cancelled";
    json_out(out)
        .begin_object()
        .key("status")
        .boolean(true)
        .key("reason")
        .string(reason)
        .end_object();
}

void encode_webhook_answer(std::string& out, const api::webhook_answer& a) {
    json_out j(out);
    j.begin_object().key("status").boolean(true);
    if (a.webhooks) {
        j.key("webhooks").begin_array();
        for (const api::webhook& w : *a.webhooks) {
            j.begin_object().key("id").number_string(w.id).key("account").string(w.account);
            j.key("url").string(w.url).key("statuses").begin_array();
            for (const std::string& s : w.statuses) j.string(s);
            j.end_array();
            if (!w.secret.empty()) j.key("secret").string(w.secret);
            j.end_object();
        }
        j.end_array();
    }
    if (a.deliveries) {
        j.key("deliveries").begin_array();
        for (const api::webhook_delivery_record& d : *a.deliveries) {
            j.begin_object().key("id").number_string(d.id).key("event_id").string(d.event_id);
            j.key("awb").string(d.airwaybill).key("status").string(d.status);
            j.key("state").string(d.state).key("attempts").number_string(d.attempts);
            j.key("last_code").number_string(d.last_code).key("last_answer").string(d.last_answer);
            j.key("created").string(d.created).key("updated").string(d.updated);
            j.key("url").string(d.url).end_object();
        }
        j.end_array();
    }
    if (a.replayed) j.key("replayed").number_string(static_cast<std::int64_t>(*a.replayed));
    j.end_object();
}

void encode_status_update(std::string& out, const api::status_update& u) {
    json_out j(out);
    j.begin_object();
    j.key("awb").string(u.awb).key("order_id").string(u.order_id).key("status").string(u.status);
    j.key("service").string(u.service);
    j.key("origin_code").string(u.origin_code).key("dest_code").string(u.dest_code);
    j.key("weight").string(api::format_kilograms(u.weight)).key("price").number_string(u.price);
    j.key("sender").begin_object();
    j.key("name").string(u.sender.name).key("addr1").string(u.sender.addr1);
    j.key("addr2").string(u.sender.addr2).key("addr3").string(u.sender.addr3);
    j.key("city").string(u.sender.city).key("zip").string(u.sender.zip);
    j.key("phone").string(u.sender.phone);
    j.end_object();
    j.key("goods").begin_object();
    j.key("description").string(u.goods_description).key("quantity").string(u.goods_quantity);
    j.key("value").number_string(u.goods_value);
    j.end_object();
    if (u.received)
        j.key("receiver").string(u.received->receiver).key("relation").string(u.received->relation);
    j.key("history").begin_array();
    for (const api::status_history_line& h : u.history) {
        j.begin_object()
            .key("date")
            .string(api::format_wib_seconds(h.at))
            .key("status")
            .string(h.status);
        j.key("status_code").string(h.status_code).key("status_desc").string(h.status_desc);
        j.key("location_code").string(h.location_code).end_object();
    }
    j.end_array().end_object();
}

}  // namespace jne::wire
