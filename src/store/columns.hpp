#pragma once

// How domain values are kept in columns, the same in every backend.

#include "core/shipment.hpp"
#include "store/store.hpp"

#include <array>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

/// The shipments table's fifty columns in the order every backend binds and reads them
/// (a macro, so that statements can be string literals).
#define JNE_STORE_SHIPMENT_COLUMNS                                                                 \
    "airwaybill, account, order_id, reference_number, channel, origin, origin_name, destination, " \
    "destination_name, "                                                                           \
    "service_code, service_display, branch, customer_number, "                                     \
    "shipper_name, shipper_addr1, shipper_addr2, shipper_addr3, shipper_city, shipper_region, "    \
    "shipper_zip, "                                                                                \
    "shipper_phone, shipper_contact, shipper_country, "                                            \
    "receiver_name, receiver_addr1, receiver_addr2, receiver_addr3, receiver_city, "               \
    "receiver_region, receiver_zip, "                                                              \
    "receiver_phone, receiver_contact, receiver_country, "                                         \
    "quantity, weight_grams, chargeable_kilograms, goods_description, goods_value, goods_type, "   \
    "instructions, "                                                                               \
    "insured, cod, price_per_kg, freight, insurance, cod_amount, etd_from, etd_thru, created_at, " \
    "pickup_details"

namespace jne::store::columns {

/// A list of codes in one column: "1,2,3".
inline std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

inline std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

inline std::string_view delivery_state_name(delivery_state s) {
    return s == delivery_state::delivered ? "delivered"
           : s == delivery_state::dead    ? "dead"
                                          : "pending";
}

inline delivery_state delivery_state_named(std::string_view name) {
    return name == "delivered" ? delivery_state::delivered
           : name == "dead"    ? delivery_state::dead
                               : delivery_state::pending;
}

inline std::string channel_name(core::channel c) {
    return c == core::channel::pickup ? "pickup"
           : c == core::channel::drop ? "drop"
                                      : "generatecnote";
}

inline core::channel channel_of(std::string_view name) {
    return name == "pickup" ? core::channel::pickup
           : name == "drop" ? core::channel::drop
                            : core::channel::generatecnote;
}

/// A party's ten columns, in the schema's order (shipper_name … shipper_country).
template <class Party>
auto party_fields(Party& p) {
    return std::array{&p.name,   &p.addr1, &p.addr2, &p.addr3,   &p.city,
                      &p.region, &p.zip,   &p.phone, &p.contact, &p.country};
}

}  // namespace jne::store::columns
