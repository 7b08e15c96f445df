#include "wire/decode.hpp"

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

api::failure malformed() { return api::fail(api::error::unavailable, "the answer is not JSON JNE sends"); }

const json::array* detail_array(const json::value& v) {
    const json::object* o = v.if_object();
    if (o == nullptr) return nullptr;
    const json::value* d = o->if_contains("detail");
    return d != nullptr ? d->if_array() : nullptr;
}

api::result<api::place_list> decode_places(route r, std::string_view body, std::string_view code_key,
                                           std::string_view name_key) {
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
        std::string airwaybill = text_of(d.if_contains(r == route::pickupcashless ? "cnote" : "cnote_no"));
        if (reason.starts_with("Transaction no. already exists") || reason.starts_with("Order id already exist"))
            return {error::duplicate_order, reason, airwaybill, {}};
        if (reason.starts_with("Please do not let field ")) {
            std::string field = reason.substr(24, reason.size() - 24 - std::string_view(" empty").size());
            return {error::missing_field, reason, {}, field};
        }
        if (reason.ends_with("Not Exists")) return {error::unknown_code, reason, {}, {}};
        return {error::invalid_field, reason, {}, {}};
    }
    if (message == "Username And API KEY Must Be Sent.") return api::fail(error::credentials_missing, message);
    if (message == "Username Or API KEY Not Found.") return api::fail(error::bad_credentials, message);
    if (message == "Price Not Found.") return api::fail(error::price_not_found, message);
    if (message == "Cnote No. Not Found.") return api::fail(error::cnote_not_found, message);
    if (message == "Sorry This is not your cnote.") return api::fail(error::not_your_cnote, message);
    if (message == "Content not confirm our security Policy.") return api::fail(error::missing_field, message);
    if (r == route::cancel) return api::fail(error::not_cancellable, message);
    return api::fail(error::refused, message);
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
        prices.push_back({text_of(p->if_contains("origin_name")), text_of(p->if_contains("destination_name")),
                          text_of(p->if_contains("service_display")), text_of(p->if_contains("service_code")),
                          text_of(p->if_contains("goods_type")), text_of(p->if_contains("currency")),
                          number_of(p->if_contains("price")).value_or(0), etd("etd_from"), etd("etd_thru")});
    }
    return prices;
}

api::result<api::place_list> decode_cities(std::string_view body) {
    return decode_places(route::getorigin, body, "City_Code", "City_Name");
}

api::result<api::place_list> decode_search(std::string_view body) {
    return decode_places(route::destination_search, body, "code", "label");
}

}  // namespace jne::wire
