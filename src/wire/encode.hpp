#pragma once

#include "api/locations.hpp"
#include "api/shipment.hpp"
#include "api/tariff.hpp"

#include <string>

namespace jne::wire {

/// Get Tariff's success: {"price":[…]} with the example's key order.
void encode_prices(std::string& out, const api::price_list& prices);

/// getorigin and getdestination: {"detail":[{"City_Code":…,"City_Name":…},…]}.
void encode_cities(std::string& out, const api::place_list& places);

/// dest/key search: {"detail":[{"code":…,"label":…},…]}.
void encode_search(std::string& out, const api::place_list& places);

/// generatecnote's success: {"detail":[{"status":"sukses","cnote_no":…}]} (Indonesian).
void encode_generatecnote(std::string& out, const api::created& c);

/// pickupcashless's success: {"detail":[{"status":"success","cnote_no":…}]} (English).
void encode_pickupcashless(std::string& out, const api::created& c);

/// stockawb: {"awb":[{"airwaybill":…},…]}.
void encode_stockawb(std::string& out, const api::airwaybill_list& reserved);

/// order/cancel: {"status":true,"reason":…}.
void encode_cancelled(std::string& out, const api::cancelled& c);

}  // namespace jne::wire
