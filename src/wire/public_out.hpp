#pragma once

#include "api/public.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace jne::wire {

// The public page's JSON (/public/v1, the project's own): snake_case keys, numbers as numbers,
// nothing but what api/public.hpp holds.

/// {"shipments":[{"number":…,"outcome":"found"|"mistyped"|"unknown",…},…]}
void encode_public_tracking(std::string& out, const std::vector<api::public_shipment>& shipments);

/// {"from":…,"thru":…,"from_name":…,"thru_name":…,"weight":"1","volumetric":"4.5"|null,
///  "charged":"5","charged_by_volume":true,"services":[{"service":…,"code":…,"goods_type":…,
///  "currency":"IDR","price":12000,"etd_from":1,"etd_thru":2},…]}
void encode_public_quote(std::string& out, const api::public_quote& quote);

/// {"places":[{"code":…,"name":…,"origin":…|null},…]}
void encode_public_places(std::string& out, const std::vector<api::public_place>& places);

/// {"error":{"code":"…","message":"…"}}: `code` a word for the page to translate.
void encode_public_error(std::string& out, std::string_view code, std::string_view message);

}  // namespace jne::wire
