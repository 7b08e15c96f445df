#pragma once

#include "api/locations.hpp"
#include "api/tariff.hpp"

#include <string>

namespace jne::wire {

/// Get Tariff's success: {"price":[…]} with the example's key order.
void encode_prices(std::string& out, const api::price_list& prices);

/// getorigin and getdestination: {"detail":[{"City_Code":…,"City_Name":…},…]}.
void encode_cities(std::string& out, const api::place_list& places);

/// dest/key search: {"detail":[{"code":…,"label":…},…]}.
void encode_search(std::string& out, const api::place_list& places);

}  // namespace jne::wire
