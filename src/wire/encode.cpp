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

void encode_cancelled(std::string& out, const api::cancelled& c) {
    json_out(out).begin_object().key("status").boolean(true).key("reason").string(c.reason).end_object();
}

}  // namespace jne::wire
