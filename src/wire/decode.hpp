#pragma once

#include "api/error.hpp"
#include "api/locations.hpp"
#include "api/tariff.hpp"
#include "wire/routes.hpp"

#include <string_view>

namespace jne::wire {

/// Reads an error body of any of JNE's shapes into a failure; the client calls
/// it when a body is not the route's success.
api::failure decode_failure(route r, std::string_view body);

api::result<api::price_list> decode_prices(std::string_view body);
api::result<api::place_list> decode_cities(std::string_view body);
api::result<api::place_list> decode_search(std::string_view body);

}  // namespace jne::wire
