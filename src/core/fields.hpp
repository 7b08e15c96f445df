#pragma once

#include "api/error.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace jne::core {

/// What a field's value must be.
enum class field_kind {
    text,      ///< at most `limit` bytes of UTF-8
    digits,    ///< a whole number of at most `limit` digits (NUMBER(n))
    phone,     ///< digits with an optional leading '+'; `limit` counts the digits
    decimal,   ///< a positive decimal, at most `limit` digits before the point (NUMBER(n) weights)
    amount,    ///< a whole number of rupiah, at most `limit` digits; zero allowed
    yes_no,    ///< Y or N (also 1 or 0 where `limit` is 1)
    cod_flag,  ///< YES or N (also Y or NO)
    date,      ///< DD-MM-YYYY, a real date
    time_of_day,  ///< HH:MM, 24 hours
    one_of,       ///< one of `choices` (any case), comma-separated
    origin,       ///< an origin code of the catalogue
    destination,  ///< a destination code of the catalogue
    branch,       ///< a branch of the catalogue that the account ships from
    service,      ///< a service code or name of the catalogue
    customer,     ///< a customer number the account holds
    item_type,    ///< 1 to 5 (Batam shipments)
    hs_codes,     ///< value;qty;hscode joined by commas, at most five (Batam shipments)
    cod_amount,   ///< a positive amount when the flag field named in `choices` is on; else ignored
};

/// One row of a route's field table: the table is the validation, and the
/// tests are generated from it.
struct field_rule {
    std::string_view name;
    bool mandatory;
    field_kind kind;
    std::size_t limit;              ///< bytes for text, digits for numbers
    std::string_view choices = {};  ///< for one_of; for cod_amount, the flag field's name
};

/// The facts validation needs from outside the request: the catalogue and the caller.
struct validation_context {
    std::function<bool(std::string_view)> origin_exists;
    std::function<bool(std::string_view)> destination_exists;
    std::function<bool(std::string_view)> branch_allowed;
    std::function<bool(std::string_view)> service_exists;
    std::function<bool(std::string_view)> customer_held;
};

/// The value of a field in the request, or nothing when absent.
using field_lookup = std::function<std::optional<std::string_view>(std::string_view)>;

/// Checks every field against its rule in table order and reports the first
/// violation: missing_field (with the field's name in `subject`), unknown_code
/// ("Origin Code X Not Exists") or invalid_field (the rule in JNE's style).
std::optional<api::failure> validate(std::span<const field_rule> rules, const field_lookup& value,
                                     const validation_context& context);

/// The fields of generatecnote, in the original document's order.
std::span<const field_rule> generatecnote_fields();
/// The fields of pickupcashless, in the original document's order.
std::span<const field_rule> pickupcashless_fields();
/// The fields of stockawb.
std::span<const field_rule> stockawb_fields();

/// True for COD on: YES or Y.
bool cod_on(std::string_view flag);
/// True for insurance on: Y or 1.
bool insured(std::string_view flag);

}  // namespace jne::core
