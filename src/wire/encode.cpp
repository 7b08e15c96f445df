#include "wire/encode.hpp"

#include "wire/json_out.hpp"

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
        j.key("times").optional_string(p.etd_from || p.etd_thru ? std::optional<std::string_view>("D") : std::nullopt);
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

void encode_search(std::string& out, const api::place_list& places) { encode_places(out, places, "code", "label"); }

void encode_tracking(std::string& out, const api::tracking& t) {
    json_out j(out);
    auto text = [&j](std::string_view key, const api::text& value) { j.key(key).optional_string(value); };
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
        j.begin_object().key("date").string(h.date).key("desc").string(h.desc).key("code").string(h.code).end_object();
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

void encode_generatecnote(std::string& out, const api::created& c) { encode_created(out, "sukses", c); }

void encode_pickupcashless(std::string& out, const api::created& c) { encode_created(out, "success", c); }

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
    json_out(out).begin_object().key("status").boolean(true).key("reason").string(c.reason).end_object();
}

}  // namespace jne::wire

namespace jne::wire {

namespace {
void add_address(field_list& out, const std::string& prefix, const api::address& a, bool long_form) {
    out.insert(out.end(), {{prefix + "NAME", a.name},
                           {prefix + "ADDR1", a.addr1},
                           {prefix + "ADDR2", a.addr2},
                           {prefix + "ADDR3", a.addr3},
                           {prefix + "CITY", a.city},
                           {prefix + "REGION", a.region},
                           {prefix + "ZIP", a.zip},
                           {prefix + "PHONE", a.phone}});
    if (long_form) out.insert(out.end(), {{prefix + "CONTACT", a.contact}, {prefix + "COUNTRY", a.country}});
}
}  // namespace

field_list fields_of(const api::generatecnote_request& r) {
    field_list out{{"OLSHOP_BRANCH", r.branch}, {"OLSHOP_CUST", r.customer}, {"OLSHOP_ORDERID", r.order_id}};
    add_address(out, "OLSHOP_SHIPPER_", r.shipper, false);
    add_address(out, "OLSHOP_RECEIVER_", r.receiver, false);
    out.insert(out.end(), {{"OLSHOP_QTY", r.quantity},
                           {"OLSHOP_WEIGHT", r.weight},
                           {"OLSHOP_GOODSDESC", r.goods_description},
                           {"OLSHOP_GOODSVALUE", r.goods_value},
                           {"OLSHOP_GOODSTYPE", r.goods_type},
                           {"OLSHOP_INST", r.instructions},
                           {"OLSHOP_INS_FLAG", r.insurance_flag},
                           {"OLSHOP_ORIG", r.origin},
                           {"OLSHOP_DEST", r.destination},
                           {"OLSHOP_SERVICE", r.service},
                           {"OLSHOP_COD_FLAG", r.cod_flag},
                           {"OLSHOP_COD_AMOUNT", r.cod_amount}});
    return out;
}

field_list fields_of(const api::pickup_request& r) {
    field_list out{{"PICKUP_NAME", r.pickup_name},
                   {"PICKUP_DATE", r.pickup_date},
                   {"PICKUP_TIME", r.pickup_time},
                   {"PICKUP_PIC", r.pickup_pic},
                   {"PICKUP_PIC_PHONE", r.pickup_pic_phone},
                   {"PICKUP_ADDRESS", r.pickup_address},
                   {"PICKUP_DISTRICT", r.pickup_district},
                   {"PICKUP_CITY", r.pickup_city},
                   {"PICKUP_SERVICE", r.pickup_service},
                   {"PICKUP_VEHICLE", r.pickup_vehicle},
                   {"BRANCH", r.branch},
                   {"CUST_ID", r.customer},
                   {"ORDER_ID", r.order_id}};
    add_address(out, "SHIPPER_", r.shipper, true);
    add_address(out, "RECEIVER_", r.receiver, true);
    out.insert(out.end(), {{"ORIGIN_CODE", r.origin},
                           {"DESTINATION_CODE", r.destination},
                           {"SERVICE_CODE", r.service},
                           {"WEIGHT", r.weight},
                           {"QTY", r.quantity},
                           {"GOODS_DESC", r.goods_description},
                           {"GOODS_AMOUNT", r.goods_amount},
                           {"INSURANCE_FLAG", r.insurance_flag},
                           {"SPECIAL_INS", r.special_instructions},
                           {"MERCHANT_ID", r.merchant_id},
                           {"TYPE", r.type},
                           {"COD_FLAG", r.cod_flag},
                           {"COD_AMOUNT", r.cod_amount}});
    if (!r.airwaybill.empty()) out.emplace_back("AWB", r.airwaybill);
    out.insert(out.end(), r.extra.begin(), r.extra.end());
    return out;
}

field_list fields_of(const api::stock_request& r) {
    return {{"BRANCH", r.branch},
            {"CUST_ID", r.customer},
            {"REQUEST_AWB", std::to_string(r.count)},
            {"REQUEST_BY", r.requested_by},
            {"REASON", r.reason}};
}

}  // namespace jne::wire
