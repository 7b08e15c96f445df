#pragma once

#include "api/error.hpp"
#include "api/events.hpp"
#include "api/label.hpp"
#include "api/shipment.hpp"
#include "api/webhooks.hpp"
#include "wire/form.hpp"
#include "wire/routes.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jne::wire {

/// What a field's value must be on the wire.
enum class field_kind {
    text,               ///< at most `limit` bytes of UTF-8
    digits,             ///< a positive whole number of at most `limit` digits (NUMBER(n))
    phone,              ///< digits with an optional leading '+'; `limit` counts the digits
    decimal,            ///< a positive decimal, at most `limit` digits before the point
    weight,             ///< a decimal as above, in kg, at most what any parcel weighs (100 000)
    amount,             ///< a whole number of rupiah, at most `limit` digits; zero allowed
    yes_no,             ///< Y or N, or the words of `choices` (pickups: 1 or 0)
    cod_flag,           ///< YES or N, also Y or NO
    cod_amount,         ///< positive when the flag field named in `choices` is on; else ignored
    date,               ///< DD-MM-YYYY, a real date
    time_of_day,        ///< HH:MM, 24 hours
    one_of,             ///< one of `choices` (any case), comma-separated; decoded in upper case
    one_of_or_service,  ///< the same, or a service of the catalogue
    whole_number,       ///< a whole number in the range `choices` ("1-100")
    item_type,          ///< 1 to 5 (Batam shipments)
    hs_codes,           ///< value;qty;hscode joined by commas, at most five (Batam shipments)
    origin,             ///< an origin code of the catalogue
    destination,        ///< a destination code of the catalogue
    branch,             ///< a branch of the catalogue that the caller ships from
    service,            ///< a service code or name of the catalogue
    customer,           ///< a customer number the caller holds
};

struct field_rule {
    bool mandatory;
    field_kind kind;
    std::size_t limit;  ///< bytes for text, digits for numbers
    /// one_of: the choices; whole_number: the range ("1-100"); yes_no and cod_flag: the words
    /// the flag is written with, on then off ("YES,N"); cod_amount: the flag's field.
    std::string_view choices = {};
};

/// One row of a route's request table: the wire name, the member of the api
/// request it fills, and its rule. The server decodes with it, the client encodes
/// with it, and the validation tests are generated from it.
struct field_spec {
    std::string_view name;    ///< as JNE names it: OLSHOP_ORDERID
    std::string_view member;  ///< the api request's member: order_id, shipper.zip
    field_rule rule;
};

/// A route's request table, in the document's order; empty for routes without one.
std::span<const field_spec> request_fields(route r);

/// The wire name of a request's member on a route ("shipper.zip" → OLSHOP_SHIPPER_ZIP).
std::string_view wire_name(route r, std::string_view member);

/// The credentials every route carries.
api::credentials decode_credentials(const form& f);

/// The server's side: each request read with its route's table, checked rule by
/// rule in table order; the first violation is the failure.
/// Get Tariff's question; "price not found" when its weight or size cannot be read.
api::result<api::tariff_request> decode_tariff_request(const form& f);
api::result<api::generatecnote_request> decode_generatecnote_request(
    const form& f, const api::request_facts& facts);
api::result<api::pickup_request> decode_pickup_request(const form& f,
                                                       const api::request_facts& facts);
api::result<api::stock_request> decode_stock_request(const form& f,
                                                     const api::request_facts& facts);
api::cancel_request decode_cancel_request(const form& f);
api::webhook_request decode_webhook_request(const form& f);
/// POST /tracing/api/label/{AWB}: the airwaybills of the path and of every `awb` field (each
/// may list several, comma-separated), once each in order; `format` and `size` (defaults pdf,
/// 100x150).
api::result<api::label_request> decode_label_request(const form& f, std::string_view path_value);
/// The `events` field of POST /ops/v1/events: a JSON array of event objects.
api::result<std::vector<api::event_input>> decode_event_request(const form& f);

/// The client's side: a request's fields by their wire names, in table order.
using field_list = std::vector<std::pair<std::string, std::string>>;
field_list fields_of(const api::credentials& c);
field_list fields_of(const api::tariff_request& r);
field_list fields_of(const api::generatecnote_request& r);
field_list fields_of(const api::pickup_request& r);
field_list fields_of(const api::stock_request& r);
field_list fields_of(const api::cancel_request& r);
field_list fields_of(const api::webhook_request& r);
field_list fields_of(const std::vector<api::event_input>& events);
/// A label request's body: format, size, and every airwaybill as an `awb` field.
field_list fields_of(const api::label_request& r);

/// The words a label request uses for its choices: "pdf", "100x150".
std::string_view format_name(api::label_format f);
std::string_view size_name(api::label_size s);
std::optional<api::label_format> parse_label_format(std::string_view name);
std::optional<api::label_size> parse_label_size(std::string_view name);

/// A request from fields named as on the wire (a CSV header, a JSON file), checked by the
/// route's rules as the server checks them, save those that need the catalogue or the caller
/// (the server judges codes). Names the request does not know go to `extra` (pickups) or are
/// ignored.
api::result<api::generatecnote_request> generatecnote_from_fields(const field_list& fields);
api::result<api::pickup_request> pickup_from_fields(const field_list& fields);

}  // namespace jne::wire
