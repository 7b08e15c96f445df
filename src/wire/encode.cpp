#include "wire/encode.hpp"

#include "wire/json_out.hpp"

#include <algorithm>

namespace jne::wire {

void encode_prices(std::string& out, const api::price_list& prices) {
    json_out j(out);
    j.begin_object().key("price").begin_array();
    for (const api::price& p : prices) {
        j.begin_object();
        j.key("origin_name").string(p.origin_name);
        j.key("destination_name").string(p.destination_name);
        j.key("service_display").string(p.service_display);
        j.key("service_code").string(p.service_code);
        j.key("goods_type").string(p.goods_type);
        j.key("currency").string(p.currency);
        j.key("price").number_string(p.amount);
        j.key("etd_from").optional_number_string(p.etd_from);
        j.key("etd_thru").optional_number_string(p.etd_thru);
        j.key("times").optional_string(
            p.etd_from || p.etd_thru ? std::optional<std::string_view>("D") : std::nullopt);
        j.end_object();
    }
    j.end_array().end_object();
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
    j.key("cnote_date").string(c.cnote_date);
    text("cnote_pod_receiver", c.cnote_pod_receiver);
    j.key("cnote_receiver_name").string(c.cnote_receiver_name);
    j.key("city_name").string(c.city_name);
    text("cnote_pod_date", c.cnote_pod_date);
    j.key("pod_status").string(c.pod_status);
    j.key("last_status").string(c.last_status);
    j.key("cust_type").string(c.cust_type);
    j.key("cnote_amount").number_string(c.cnote_amount);
    j.key("cnote_weight").string(c.cnote_weight);
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
    j.key("estimate_delivery").string(c.estimate_delivery);
    j.end_object();

    const api::cnote_detail& d = t.detail;
    j.key("detail").begin_array().begin_object();
    j.key("cnote_no").string(d.cnote_no);
    j.key("cnote_date").string(d.cnote_date);
    j.key("cnote_weight").string(d.cnote_weight);
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
            .string(h.date)
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

void encode_event_results(std::string& out, const api::event_batch_result& r) {
    json_out j(out);
    j.begin_object().key("status").boolean(r.recorded);
    if (!r.recorded) j.key("error").string("Batch refused: nothing was recorded.");
    j.key("results").begin_array();
    for (const api::event_outcome& o : r.outcomes) {
        j.begin_object().key("event_id").string(o.event_id).key("status").string(o.status);
        if (!o.reason.empty()) j.key("reason").string(o.reason);
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
    json_out(out)
        .begin_object()
        .key("status")
        .boolean(true)
        .key("reason")
        .string(c.reason)
        .end_object();
}

}  // namespace jne::wire

namespace jne::wire {

namespace {

// Each request's wire names and the member each one fills, in the document's
// order: one table serves both directions.
template <class Request>
struct field_binding {
    const char* name;
    std::string& (*member)(Request&);            // decoding writes through it
    const std::string& (*read)(const Request&);  // encoding reads through it
};

#define JNE_FIELD(Request, wire_name, path)                               \
    field_binding<Request> {                                              \
        wire_name, [](Request& r) -> std::string& { return r.path; },     \
            [](const Request& r) -> const std::string& { return r.path; } \
    }

const std::vector<field_binding<api::generatecnote_request>>& generatecnote_bindings() {
    using R = api::generatecnote_request;
    static const std::vector<field_binding<R>> all{
        JNE_FIELD(R, "OLSHOP_BRANCH", branch),
        JNE_FIELD(R, "OLSHOP_CUST", customer),
        JNE_FIELD(R, "OLSHOP_ORDERID", order_id),
        JNE_FIELD(R, "OLSHOP_SHIPPER_NAME", shipper.name),
        JNE_FIELD(R, "OLSHOP_SHIPPER_ADDR1", shipper.addr1),
        JNE_FIELD(R, "OLSHOP_SHIPPER_ADDR2", shipper.addr2),
        JNE_FIELD(R, "OLSHOP_SHIPPER_ADDR3", shipper.addr3),
        JNE_FIELD(R, "OLSHOP_SHIPPER_CITY", shipper.city),
        JNE_FIELD(R, "OLSHOP_SHIPPER_REGION", shipper.region),
        JNE_FIELD(R, "OLSHOP_SHIPPER_ZIP", shipper.zip),
        JNE_FIELD(R, "OLSHOP_SHIPPER_PHONE", shipper.phone),
        JNE_FIELD(R, "OLSHOP_RECEIVER_NAME", receiver.name),
        JNE_FIELD(R, "OLSHOP_RECEIVER_ADDR1", receiver.addr1),
        JNE_FIELD(R, "OLSHOP_RECEIVER_ADDR2", receiver.addr2),
        JNE_FIELD(R, "OLSHOP_RECEIVER_ADDR3", receiver.addr3),
        JNE_FIELD(R, "OLSHOP_RECEIVER_CITY", receiver.city),
        JNE_FIELD(R, "OLSHOP_RECEIVER_REGION", receiver.region),
        JNE_FIELD(R, "OLSHOP_RECEIVER_ZIP", receiver.zip),
        JNE_FIELD(R, "OLSHOP_RECEIVER_PHONE", receiver.phone),
        JNE_FIELD(R, "OLSHOP_QTY", quantity),
        JNE_FIELD(R, "OLSHOP_WEIGHT", weight),
        JNE_FIELD(R, "OLSHOP_GOODSDESC", goods_description),
        JNE_FIELD(R, "OLSHOP_GOODSVALUE", goods_value),
        JNE_FIELD(R, "OLSHOP_GOODSTYPE", goods_type),
        JNE_FIELD(R, "OLSHOP_INST", instructions),
        JNE_FIELD(R, "OLSHOP_INS_FLAG", insurance_flag),
        JNE_FIELD(R, "OLSHOP_ORIG", origin),
        JNE_FIELD(R, "OLSHOP_DEST", destination),
        JNE_FIELD(R, "OLSHOP_SERVICE", service),
        JNE_FIELD(R, "OLSHOP_COD_FLAG", cod_flag),
        JNE_FIELD(R, "OLSHOP_COD_AMOUNT", cod_amount),
    };
    return all;
}

const std::vector<field_binding<api::pickup_request>>& pickup_bindings() {
    using R = api::pickup_request;
    static const std::vector<field_binding<R>> all{
        JNE_FIELD(R, "PICKUP_NAME", pickup_name),
        JNE_FIELD(R, "PICKUP_DATE", pickup_date),
        JNE_FIELD(R, "PICKUP_TIME", pickup_time),
        JNE_FIELD(R, "PICKUP_PIC", pickup_pic),
        JNE_FIELD(R, "PICKUP_PIC_PHONE", pickup_pic_phone),
        JNE_FIELD(R, "PICKUP_ADDRESS", pickup_address),
        JNE_FIELD(R, "PICKUP_DISTRICT", pickup_district),
        JNE_FIELD(R, "PICKUP_CITY", pickup_city),
        JNE_FIELD(R, "PICKUP_SERVICE", pickup_service),
        JNE_FIELD(R, "PICKUP_VEHICLE", pickup_vehicle),
        JNE_FIELD(R, "BRANCH", branch),
        JNE_FIELD(R, "CUST_ID", customer),
        JNE_FIELD(R, "ORDER_ID", order_id),
        JNE_FIELD(R, "SHIPPER_NAME", shipper.name),
        JNE_FIELD(R, "SHIPPER_ADDR1", shipper.addr1),
        JNE_FIELD(R, "SHIPPER_ADDR2", shipper.addr2),
        JNE_FIELD(R, "SHIPPER_ADDR3", shipper.addr3),
        JNE_FIELD(R, "SHIPPER_CITY", shipper.city),
        JNE_FIELD(R, "SHIPPER_ZIP", shipper.zip),
        JNE_FIELD(R, "SHIPPER_REGION", shipper.region),
        JNE_FIELD(R, "SHIPPER_COUNTRY", shipper.country),
        JNE_FIELD(R, "SHIPPER_CONTACT", shipper.contact),
        JNE_FIELD(R, "SHIPPER_PHONE", shipper.phone),
        JNE_FIELD(R, "RECEIVER_NAME", receiver.name),
        JNE_FIELD(R, "RECEIVER_ADDR1", receiver.addr1),
        JNE_FIELD(R, "RECEIVER_ADDR2", receiver.addr2),
        JNE_FIELD(R, "RECEIVER_ADDR3", receiver.addr3),
        JNE_FIELD(R, "RECEIVER_CITY", receiver.city),
        JNE_FIELD(R, "RECEIVER_ZIP", receiver.zip),
        JNE_FIELD(R, "RECEIVER_REGION", receiver.region),
        JNE_FIELD(R, "RECEIVER_COUNTRY", receiver.country),
        JNE_FIELD(R, "RECEIVER_CONTACT", receiver.contact),
        JNE_FIELD(R, "RECEIVER_PHONE", receiver.phone),
        JNE_FIELD(R, "ORIGIN_CODE", origin),
        JNE_FIELD(R, "DESTINATION_CODE", destination),
        JNE_FIELD(R, "SERVICE_CODE", service),
        JNE_FIELD(R, "WEIGHT", weight),
        JNE_FIELD(R, "QTY", quantity),
        JNE_FIELD(R, "GOODS_DESC", goods_description),
        JNE_FIELD(R, "GOODS_AMOUNT", goods_amount),
        JNE_FIELD(R, "INSURANCE_FLAG", insurance_flag),
        JNE_FIELD(R, "SPECIAL_INS", special_instructions),
        JNE_FIELD(R, "MERCHANT_ID", merchant_id),
        JNE_FIELD(R, "TYPE", type),
        JNE_FIELD(R, "COD_FLAG", cod_flag),
        JNE_FIELD(R, "COD_AMOUNT", cod_amount),
        JNE_FIELD(R, "AWB", airwaybill),
    };
    return all;
}

#undef JNE_FIELD

template <class Request>
field_list to_fields(const Request& r, const std::vector<field_binding<Request>>& bindings) {
    field_list out;
    for (const auto& b : bindings) out.emplace_back(b.name, b.read(r));
    return out;
}

template <class Request>
Request from_fields(const field_list& given, const std::vector<field_binding<Request>>& bindings,
                    field_list* unknown) {
    Request r;
    for (const auto& [name, value] : given) {
        auto it = std::find_if(bindings.begin(), bindings.end(),
                               [&](const auto& b) { return name == b.name; });
        if (it != bindings.end())
            it->member(r) = value;
        else if (unknown != nullptr)
            unknown->emplace_back(name, value);
    }
    return r;
}

}  // namespace

field_list fields_of(const api::generatecnote_request& r) {
    return to_fields(r, generatecnote_bindings());
}

field_list fields_of(const api::pickup_request& r) {
    field_list out = to_fields(r, pickup_bindings());
    if (r.airwaybill.empty()) out.pop_back();  // AWB is optional and last
    out.insert(out.end(), r.extra.begin(), r.extra.end());
    return out;
}

api::generatecnote_request generatecnote_from_fields(const field_list& fields) {
    return from_fields(fields, generatecnote_bindings(), nullptr);
}

api::pickup_request pickup_from_fields(const field_list& fields) {
    api::pickup_request r;
    field_list extra;
    r = from_fields(fields, pickup_bindings(), &extra);
    r.extra = std::move(extra);
    return r;
}

field_list fields_of(const api::stock_request& r) {
    return {{"BRANCH", r.branch},
            {"CUST_ID", r.customer},
            {"REQUEST_AWB", std::to_string(r.count)},
            {"REQUEST_BY", r.requested_by},
            {"REASON", r.reason}};
}

}  // namespace jne::wire
