#pragma once

#include <boost/system/result.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jne::api {

/// Every outcome other than success that the API can answer. The wire module
/// maps each to JNE's body for the route in one table (wire/errors.cpp).
enum class error {
    credentials_missing,  ///< no username or no api_key field
    bad_credentials,      ///< unknown username, wrong key, disabled account
    price_not_found,      ///< unknown code, no service on the route, bad weight
    cnote_not_found,      ///< unknown airwaybill, or a wrong check digit
    not_your_cnote,       ///< another merchant's shipment
    missing_field,        ///< a mandatory field absent or empty; `field` names it
    invalid_field,        ///< a value breaking its rule; `what` says which
    unknown_code,         ///< origin, destination, branch or service not in the catalogue
    duplicate_order,      ///< order id already used; `airwaybill` is the first one
    not_cancellable,      ///< cancel refused; `what` says why
    refused,              ///< an operation refused by the rules; `what` says why
    unavailable,          ///< storage failed; nothing was written
};

/// Why, finer than the error: the server's services say it with this and the
/// values below, and the wire words it once for server and client alike.
enum class problem : std::uint8_t {
    none,
    // A field's value breaks its rule: `field` is the request's member, `limit` the rule's.
    missing,
    not_utf8,
    too_long,              ///< more than `limit` bytes
    not_a_number,          ///< not a whole number
    too_many_digits,       ///< more than `limit` digits
    not_more_than_zero,    ///< a whole number that must be positive
    not_a_phone,           ///< digits with an optional leading '+'
    not_positive_decimal,  ///< a weight or quantity: a positive decimal
    not_yes_no,            ///< a flag: Y or N
    not_cod_flag,          ///< the COD flag: YES or N
    cod_amount_needed,     ///< a positive amount while COD is on; `values`: the flag's field
    not_a_date,
    not_a_time,
    not_one_of,     ///< `values`: the choices
    out_of_range,   ///< `values`: lowest, highest
    not_item_type,  ///< 1 to 5
    not_hs_codes,   ///< value;qty;hscode, at most five
    // A code the catalogue or the caller does not have: `values`: the code.
    unknown_origin,
    unknown_destination,
    unknown_branch,
    unknown_service,
    unknown_customer,
    // Pricing a shipment: `values`: the service (then origin, destination).
    over_service_weight,   ///< `limit`: the service's largest weight in kg
    service_not_on_route,  ///< values: service, origin, destination
    weight_out_of_range,   ///< a weight beyond what any parcel weighs
    // A scan event or a cancel refused by the shipment's history.
    no_such_cnote,
    unknown_status_code,  ///< `values`: the code
    bad_event_time,
    event_id_missing,
    already_cancelled,
    already_in_network,
    already_ordered,
    already_picked_up,
    already_final,
    being_returned,
    return_not_started,
    receiver_missing,
    // The operators' routes.
    operators_only,
    not_found,   ///< a subscription, delivery or account the operator named does not exist
    batch_size,  ///< `limit`: the most events of a batch
    events_not_an_array,
    // Labels.
    too_many_labels,  ///< `limit`: the most airwaybills one label request may name
    one_png_label,    ///< a PNG holds one label
};

/// An error with what the wire needs to say it.
struct failure {
    error code;
    problem what = problem::none;
    std::string_view field;  ///< the request's member concerned ("shipper.zip"): a literal
    std::int64_t limit = 0;
    std::vector<std::string> values;
    std::string airwaybill;  ///< for duplicate_order: the airwaybill issued the first time
    /// What a body said, as JNE worded it: filled by the client from an answer.
    std::string reason;
    std::string subject;  ///< the field's wire name, as an answer named it (the client's side)
};

inline failure fail(error code, problem what = problem::none, std::string_view field = {},
                    std::vector<std::string> values = {}, std::int64_t limit = 0) {
    return failure{code, what, field, limit, std::move(values), {}, {}, {}};
}

/// A failure worded already: the operators' own tools, and answers the client read.
inline failure fail_saying(error code, std::string reason) {
    failure f = fail(code);
    f.reason = std::move(reason);
    return f;
}

/// Thrown only by result<T>::value() on an error: a bug at the caller.
struct bad_result_access : std::logic_error {
    explicit bad_result_access(const failure& f)
        : std::logic_error("api failure: " + std::to_string(static_cast<int>(f.code))) {}
};

[[noreturn]] inline void throw_exception_from_error(const failure& f,
                                                    const boost::source_location&) {
    throw bad_result_access(f);
}

/// Errors are values at the service boundary.
template <class T>
using result = boost::system::result<T, failure>;

}  // namespace jne::api
