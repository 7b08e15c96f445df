#include "wire/decode.hpp"

#include "api/values.hpp"
#include "wire/encode.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace jne::wire {

namespace json = boost::json;

namespace {

std::string text_of(const json::value* v) {
    if (v == nullptr || v->is_null()) return {};
    if (v->is_string()) return std::string(v->get_string());
    return json::serialize(*v);
}

std::optional<std::int64_t> number_of(const json::value* v) {
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (v->is_int64()) return v->get_int64();
    std::string text = text_of(v);
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

std::optional<json::value> parse(std::string_view body) {
    json::error_code ec;
    json::value v = json::parse(body, ec);
    if (ec) return std::nullopt;
    return v;
}

// A failure as an answer worded it.
api::failure told(api::error code, std::string reason, std::string airwaybill = {},
                  std::string subject = {}) {
    api::failure f = api::fail(code);
    f.reason = std::move(reason);
    f.airwaybill = std::move(airwaybill);
    f.subject = std::move(subject);
    return f;
}

api::failure malformed() {
    return told(api::error::unavailable, "the answer is not JSON JNE sends");
}

const json::array* detail_array(const json::value& v) {
    const json::object* o = v.if_object();
    if (o == nullptr) return nullptr;
    const json::value* d = o->if_contains("detail");
    return d != nullptr ? d->if_array() : nullptr;
}

api::result<api::place_list> decode_places(route r, std::string_view body,
                                           std::string_view code_key, std::string_view name_key) {
    auto v = parse(body);
    if (!v) return malformed();
    const json::array* detail = detail_array(*v);
    if (detail == nullptr) return decode_failure(r, body);
    api::place_list places;
    places.reserve(detail->size());
    for (const json::value& item : *detail) {
        const json::object* o = item.if_object();
        if (o == nullptr) return malformed();
        places.push_back({text_of(o->if_contains(code_key)), text_of(o->if_contains(name_key))});
    }
    return places;
}

}  // namespace

api::failure decode_failure(route r, std::string_view body) {
    using api::error;
    auto v = parse(body);
    if (!v || !v->is_object()) return malformed();
    const json::object& o = v->get_object();
    std::string message = text_of(o.if_contains("error"));
    if (message.empty()) message = text_of(o.if_contains("reason"));
    if (const json::array* detail = detail_array(*v);
        detail != nullptr && !detail->empty() && detail->front().is_object()) {
        const json::object& d = detail->front().get_object();
        std::string reason = text_of(d.if_contains("reason"));
        std::string airwaybill =
            text_of(d.if_contains(r == route::pickupcashless ? "cnote" : "cnote_no"));
        if (reason.starts_with("Transaction no. already exists") ||
            reason.starts_with("Order id already exist"))
            return told(error::duplicate_order, reason, airwaybill);
        if (reason.starts_with("Please do not let field ")) {
            std::string field =
                reason.substr(24, reason.size() - 24 - std::string_view(" empty").size());
            return told(error::missing_field, reason, {}, field);
        }
        if (reason.ends_with("Not Exists")) return told(error::unknown_code, reason);
        return told(error::invalid_field, reason);
    }
    if (message == "Username And API KEY Must Be Sent.")
        return told(error::credentials_missing, message);
    if (message == "Username Or API KEY Not Found.") return told(error::bad_credentials, message);
    if (message == "Price Not Found.") return told(error::price_not_found, message);
    if (message == "Cnote No. Not Found.") return told(error::cnote_not_found, message);
    if (message == "Sorry This is not your cnote.") return told(error::not_your_cnote, message);
    if (message == "Content not confirm our security Policy.")
        return told(error::missing_field, message);
    if (message == "Service Unavailable.") return told(error::unavailable, message);
    if (r == route::cancel) return told(error::not_cancellable, message);
    return told(error::refused, message);
}

api::result<api::price_list> decode_prices(std::string_view body) {
    auto v = parse(body);
    if (!v) return malformed();
    const json::object* o = v->if_object();
    const json::value* list = o != nullptr ? o->if_contains("price") : nullptr;
    if (list == nullptr || !list->is_array()) return decode_failure(route::pricedev, body);
    api::price_list prices;
    for (const json::value& item : list->get_array()) {
        const json::object* p = item.if_object();
        if (p == nullptr) return malformed();
        auto etd = [&](std::string_view k) -> std::optional<int> {
            auto n = number_of(p->if_contains(k));
            return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
        };
        prices.push_back(
            {text_of(p->if_contains("origin_name")), text_of(p->if_contains("destination_name")),
             text_of(p->if_contains("service_display")), text_of(p->if_contains("service_code")),
             text_of(p->if_contains("goods_type")), number_of(p->if_contains("price")).value_or(0),
             etd("etd_from"), etd("etd_thru")});
    }
    return prices;
}

namespace {
// A weight as JNE writes it ("1", "0.5"); "0" or nothing is no weight; anything else, none.
std::optional<api::grams> weight_of(std::string_view text) {
    const auto read = api::read_kilograms(api::trim(text));
    if (read.fault == api::decimal_fault::none) return read.weight;
    if (api::all_zero(api::trim(text))) return api::grams{0};
    return std::nullopt;
}

// "1-2 Days" → 1 and 2, "3 Days" → 3 alone, " Days" (or what is not an estimate) → none.
std::pair<std::optional<int>, std::optional<int>> estimate_of(std::string_view text) {
    text = api::trim(text);
    if (!text.ends_with("Days")) return {};
    text = api::trim(text.substr(0, text.size() - 4));
    const auto dash = text.find('-');
    const auto from = api::whole_number(text.substr(0, dash));
    if (!from || *from > 365) return {};
    if (dash == std::string_view::npos) return {static_cast<int>(*from), std::nullopt};
    const auto thru = api::whole_number(text.substr(dash + 1));
    if (!thru || *thru > 365) return {};
    return {static_cast<int>(*from), static_cast<int>(*thru)};
}
}  // namespace

namespace {
api::text optional_text(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return std::nullopt;
    return text_of(v);
}

// {"detail":[{"status":…,"cnote_no":…}]} when `status` is the route's success word.
api::result<api::created> decode_created(route r, std::string_view body, std::string_view success) {
    auto v = parse(body);
    if (!v) return malformed();
    const json::array* detail = detail_array(*v);
    if (detail != nullptr && !detail->empty() && detail->front().is_object()) {
        const json::object& d = detail->front().get_object();
        if (text_of(d.if_contains("status")) == success)
            return api::created{text_of(d.if_contains("cnote_no"))};
    }
    return decode_failure(r, body);
}
}  // namespace

api::result<api::tracking> decode_tracking(std::string_view body) {
    auto v = parse(body);
    if (!v) return malformed();
    const json::object* o = v->if_object();
    if (o == nullptr || !o->contains("cnote")) return decode_failure(route::cnote, body);
    const json::object* c = o->at("cnote").if_object();
    const json::array* details = o->contains("detail") ? o->at("detail").if_array() : nullptr;
    const json::array* history = o->contains("history") ? o->at("history").if_array() : nullptr;
    if (c == nullptr || details == nullptr || details->empty() || !details->front().is_object() ||
        history == nullptr)
        return malformed();
    api::tracking t;
    auto str = [&](std::string_view k) { return text_of(c->if_contains(k)); };
    auto num = [&](std::string_view k) { return number_of(c->if_contains(k)).value_or(0); };
    // Times and the weight are read as the answer's meaning: one that is none is no answer.
    const auto sent_at = api::parse_time(str("cnote_date"));
    const auto pod_date = optional_text(*c, "cnote_pod_date");
    const auto received_at = pod_date ? api::parse_time(*pod_date) : std::nullopt;
    const auto weight = weight_of(str("cnote_weight"));
    if (!sent_at || (pod_date && !received_at) || !weight) return malformed();
    t.cnote = {str("cnote_no"),
               optional_text(*c, "reference_number"),
               str("cnote_origin"),
               str("cnote_destination"),
               str("cnote_services_code"),
               str("servicetype"),
               optional_text(*c, "cnote_cust_no"),
               *sent_at,
               optional_text(*c, "cnote_pod_receiver"),
               str("cnote_receiver_name"),
               str("city_name"),
               received_at,
               str("pod_status"),
               str("last_status"),
               num("cnote_amount"),
               *weight,
               optional_text(*c, "pod_code"),
               optional_text(*c, "keterangan"),
               str("cnote_goods_descr"),
               num("freight_charge"),
               num("shippingcost"),
               num("insuranceamount"),
               num("priceperkg"),
               optional_text(*c, "signature"),
               optional_text(*c, "photo"),
               optional_text(*c, "long"),
               optional_text(*c, "lat"),
               {},
               {}};
    std::tie(t.cnote.etd_from, t.cnote.etd_thru) = estimate_of(str("estimate_delivery"));
    const json::object& d = details->front().get_object();
    auto dstr = [&](std::string_view k) { return text_of(d.if_contains(k)); };
    t.detail = {dstr("cnote_no"),
                dstr("cnote_origin"),
                dstr("cnote_shipper_name"),
                optional_text(d, "cnote_shipper_addr1"),
                optional_text(d, "cnote_shipper_addr2"),
                optional_text(d, "cnote_shipper_addr3"),
                optional_text(d, "cnote_shipper_city"),
                dstr("cnote_receiver_name"),
                optional_text(d, "cnote_receiver_addr1"),
                optional_text(d, "cnote_receiver_addr2"),
                optional_text(d, "cnote_receiver_addr3"),
                optional_text(d, "cnote_receiver_city")};
    for (const json::value& h : *history) {
        const json::object* line = h.if_object();
        if (line == nullptr) return malformed();
        const auto at = api::parse_time(text_of(line->if_contains("date")));
        if (!at) return malformed();
        t.history.push_back(
            {*at, text_of(line->if_contains("desc")), text_of(line->if_contains("code"))});
    }
    return t;
}

api::result<api::created> decode_generatecnote(std::string_view body) {
    return decode_created(route::generatecnote, body, "sukses");
}

api::result<api::created> decode_pickupcashless(std::string_view body) {
    return decode_created(route::pickupcashless, body, "success");
}

api::result<api::airwaybill_list> decode_stockawb(std::string_view body) {
    auto v = parse(body);
    if (!v) return malformed();
    const json::object* o = v->if_object();
    const json::value* awb = o != nullptr ? o->if_contains("awb") : nullptr;
    if (awb == nullptr || !awb->is_array()) return decode_failure(route::stockawb, body);
    api::airwaybill_list out;
    for (const json::value& item : awb->get_array())
        if (const json::object* a = item.if_object())
            out.push_back(text_of(a->if_contains("airwaybill")));
    return out;
}

api::result<api::cancelled> decode_cancelled(std::string_view body) {
    auto v = parse(body);
    if (!v || !v->is_object()) return malformed();
    const json::value* status = v->get_object().if_contains("status");
    if (status != nullptr && status->is_bool() && status->get_bool())
        return api::cancelled{{}, text_of(v->get_object().if_contains("reason"))};
    return decode_failure(route::cancel, body);
}

api::result<api::event_batch_result> decode_event_results(std::string_view body) {
    auto v = parse(body);
    if (!v || !v->is_object()) return malformed();
    const json::object& o = v->get_object();
    const json::value* results = o.if_contains("results");
    if (results == nullptr || !results->is_array()) return decode_failure(route::events, body);
    api::event_batch_result r;
    const json::value* status = o.if_contains("status");
    r.recorded = status != nullptr && status->is_bool() && status->get_bool();
    for (const json::value& item : results->get_array()) {
        const json::object* e = item.if_object();
        if (e == nullptr) continue;
        const auto outcome = event_status_named(text_of(e->if_contains("status")));
        if (!outcome) return decode_failure(route::events, body);
        r.outcomes.push_back({text_of(e->if_contains("event_id")),
                              *outcome,
                              api::problem::none,
                              {},
                              text_of(e->if_contains("reason"))});
    }
    return r;
}

std::optional<std::vector<api::event_input>> decode_event_inputs(std::string_view json_array) {
    auto v = parse(json_array);
    if (!v || !v->is_array()) return std::nullopt;
    std::vector<api::event_input> out;
    for (const json::value& item : v->get_array()) {
        const json::object* e = item.if_object();
        if (e == nullptr) return std::nullopt;
        auto f = [&](std::string_view k) { return text_of(e->if_contains(k)); };
        out.push_back({f("event_id"), f("airwaybill"), f("code"), f("time"), f("place"),
                       f("receiver"), f("note")});
    }
    return out;
}

api::result<api::place_list> decode_cities(std::string_view body) {
    return decode_places(route::getorigin, body, "City_Code", "City_Name");
}

api::result<api::place_list> decode_search(std::string_view body) {
    return decode_places(route::destination_search, body, "code", "label");
}

api::result<api::status_update> decode_status_update(std::string_view body) {
    auto v = parse(body);
    const json::object* o = v ? v->if_object() : nullptr;
    const json::value* history = o != nullptr ? o->if_contains("history") : nullptr;
    if (o == nullptr || history == nullptr || !history->is_array()) return malformed();
    auto in = [](const json::object* from, std::string_view k) {
        return from != nullptr ? text_of(from->if_contains(k)) : std::string();
    };
    auto object = [&](std::string_view k) {
        const json::value* x = o->if_contains(k);
        return x != nullptr ? x->if_object() : nullptr;
    };
    const json::object* sender = object("sender");
    const json::object* goods = object("goods");
    api::status_update u;
    u.awb = in(o, "awb");
    u.order_id = in(o, "order_id");
    u.status = in(o, "status");
    u.service = in(o, "service");
    u.origin_code = in(o, "origin_code");
    u.dest_code = in(o, "dest_code");
    const auto weight = weight_of(in(o, "weight"));
    if (!weight) return malformed();
    u.weight = *weight;
    u.price = number_of(o->if_contains("price")).value_or(0);
    u.sender.name = in(sender, "name");
    u.sender.addr1 = in(sender, "addr1");
    u.sender.addr2 = in(sender, "addr2");
    u.sender.addr3 = in(sender, "addr3");
    u.sender.city = in(sender, "city");
    u.sender.zip = in(sender, "zip");
    u.sender.phone = in(sender, "phone");
    u.goods_description = in(goods, "description");
    u.goods_quantity = in(goods, "quantity");
    u.goods_value =
        goods != nullptr ? number_of(goods->if_contains("value")).value_or(0) : std::int64_t{0};
    if (o->contains("receiver")) u.received = {in(o, "receiver"), in(o, "relation")};
    for (const json::value& item : history->get_array()) {
        const json::object* h = item.if_object();
        if (h == nullptr) return malformed();
        const auto at = api::parse_time(in(h, "date"));
        if (!at) return malformed();
        u.history.push_back({*at, in(h, "status"), in(h, "status_code"), in(h, "status_desc"),
                             in(h, "location_code")});
    }
    return u;
}

}  // namespace jne::wire
