#pragma once

#include <boost/system/result.hpp>

#include <stdexcept>
#include <string>

namespace jne::api {

/// Every outcome other than success that the API can answer. The wire module
/// maps each to JNE's body for the route in one table (wire/errors.cpp).
enum class error {
    credentials_missing,  ///< no username or no api_key field
    bad_credentials,      ///< unknown username, wrong key, disabled account
    price_not_found,      ///< unknown code, no service on the route, bad weight
    cnote_not_found,      ///< unknown airwaybill, or a wrong check digit
    not_your_cnote,       ///< another merchant's shipment
    missing_field,        ///< a mandatory field absent or empty; `subject` names it
    invalid_field,        ///< a value breaking its rule; `reason` is JNE's wording
    unknown_code,         ///< origin, destination, branch or service not in the catalogue
    duplicate_order,      ///< order id already used; `airwaybill` is the first one
    not_cancellable,      ///< cancel refused; `reason` says why
    refused,              ///< an operation refused by the rules; `reason` says why
    unavailable,          ///< storage failed; nothing was written
};

/// An error with what the wire needs to say it: the field, the reason, the airwaybill.
struct failure {
    error code;
    std::string reason;      ///< human text in JNE's wording, where the body carries one
    std::string airwaybill;  ///< for duplicate_order: the airwaybill issued the first time
    std::string subject;     ///< for missing_field: the field's name
};

inline failure fail(error code, std::string reason = {}) {
    return failure{code, std::move(reason), {}, {}};
}

/// Thrown only by result<T>::value() on an error: a bug at the caller.
struct bad_result_access : std::logic_error {
    explicit bad_result_access(const failure& f) : std::logic_error("api failure: " + f.reason) {}
};

[[noreturn]] inline void throw_exception_from_error(const failure& f,
                                                    const boost::source_location&) {
    throw bad_result_access(f);
}

/// Errors are values at the service boundary.
template <class T>
using result = boost::system::result<T, failure>;

}  // namespace jne::api
