#include "wire/public_out.hpp"

#include "wire/json_out.hpp"

#include "api/values.hpp"

namespace jne::wire {

namespace {

std::string_view outcome_name(api::lookup outcome) {
    switch (outcome) {
        case api::lookup::found:
            return "found";
        case api::lookup::mistyped:
            return "mistyped";
        case api::lookup::unknown:
            return "unknown";
    }
    return "unknown";
}

json_out& optional_int(json_out& j, std::optional<int> value) {
    return value ? j.number(*value) : j.null();
}

}  // namespace

void encode_public_tracking(std::string& out, const std::vector<api::public_shipment>& shipments) {
    json_out j(out);
    j.begin_object().key("shipments").begin_array();
    for (const api::public_shipment& s : shipments) {
        j.begin_object();
        j.key("number").string(s.number);
        j.key("outcome").string(outcome_name(s.outcome));
        if (s.outcome == api::lookup::found) {
            j.key("airwaybill").string(s.airwaybill);
            j.key("service").string(s.service);
            j.key("origin").string(s.origin);
            j.key("destination").string(s.destination);
            j.key("shipper").string(s.shipper);
            j.key("receiver").string(s.receiver);
            j.key("weight").string(s.weight);
            j.key("sent_at").string(s.sent_at);
            j.key("stage").string(s.stage);
            j.key("status").string(s.status);
            optional_int(j.key("etd_from"), s.etd_from);
            optional_int(j.key("etd_thru"), s.etd_thru);
            j.key("estimated_by");
            if (s.estimated_by.empty())
                j.null();
            else
                j.string(s.estimated_by);
            j.key("history").begin_array();
            for (const api::public_event& e : s.history) {
                j.begin_object();
                j.key("at").string(e.at);
                j.key("code").string(e.code);
                j.key("stage").string(e.stage);
                j.key("place").string(e.place);
                j.key("text").string(e.text);
                j.end_object();
            }
            j.end_array();
        }
        j.end_object();
    }
    j.end_array().end_object();
}

void encode_public_quote(std::string& out, const api::public_quote& q) {
    json_out j(out);
    j.begin_object();
    j.key("from").string(q.from);
    j.key("thru").string(q.thru);
    j.key("from_name").string(q.prices.empty() ? std::string_view() : q.prices[0].origin_name);
    j.key("thru_name").string(q.prices.empty() ? std::string_view() : q.prices[0].destination_name);
    j.key("weight").string(api::format_kilograms(q.weight));
    j.key("volumetric")
        .optional_string(q.volumetric ? std::optional(api::format_kilograms(*q.volumetric))
                                      : std::nullopt);
    j.key("charged").string(std::to_string(q.charged_kilograms));
    j.key("charged_by_volume").boolean(q.charged_by_volume);
    j.key("services").begin_array();
    for (const api::price& p : q.prices) {
        j.begin_object();
        j.key("service").string(p.service_display);
        j.key("code").string(p.service_code);
        j.key("goods_type").string(p.goods_type);
        j.key("currency").string("IDR");
        j.key("price").number(p.amount);
        optional_int(j.key("etd_from"), p.etd_from);
        optional_int(j.key("etd_thru"), p.etd_thru);
        j.end_object();
    }
    j.end_array().end_object();
}

void encode_public_places(std::string& out, const std::vector<api::public_place>& places) {
    json_out j(out);
    j.begin_object().key("places").begin_array();
    for (const api::public_place& p : places) {
        j.begin_object();
        j.key("code").string(p.code);
        j.key("name").string(p.name);
        j.key("origin").optional_string(p.origin);
        j.end_object();
    }
    j.end_array().end_object();
}

void encode_public_error(std::string& out, std::string_view code, std::string_view message) {
    json_out j(out);
    j.begin_object().key("error").begin_object();
    j.key("code").string(code);
    j.key("message").string(message);
    j.end_object().end_object();
}

}  // namespace jne::wire
