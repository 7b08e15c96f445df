#pragma once

#include "api/shipment.hpp"
#include "core/weight.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace jne::core {

/// Seconds since 1970 (UTC): every time in the domain; formatted in WIB at the edge.
using unix_seconds = std::int64_t;

/// A sender, receiver or return address: the API's own shape.
using party = api::address;

/// What a shipment costs, in whole rupiah.
struct charges {
    std::int64_t price_per_kg = 0;  ///< the tariff's rate (the whole price for flat services)
    std::int64_t freight = 0;       ///< the rate for the chargeable weight
    std::int64_t insurance = 0;     ///< the fee when insured (see insurance_fee)
    std::int64_t cod_amount = 0;    ///< to collect from the receiver, when COD
    std::int64_t total() const { return freight + insurance; }
};

/// Insurance: 0.2% of the goods' value, rounded up to the rupiah, plus a Rp 5,000
/// administration fee (JNE's published terms).
inline std::int64_t insurance_fee(std::int64_t goods_value) {
    return (goods_value * 2 + 999) / 1000 + 5000;
}

/// How the shipment entered the network.
enum class channel { generatecnote, pickup, drop };

/// A shipment as the network knows it.
struct shipment {
    std::string airwaybill;
    std::string account;  ///< username of the merchant that created it
    std::string order_id;
    std::string reference_number;  ///< the merchant's own number, when it gave one
    core::channel channel = channel::generatecnote;
    std::string origin;
    std::string origin_name;  ///< as the catalogue named it when the shipment was created
    std::string destination;
    std::string destination_name;
    std::string service_code;     ///< REG19
    std::string service_display;  ///< REG
    std::string branch;
    std::string customer_number;
    party shipper;
    party receiver;
    std::string quantity;
    grams weight;
    std::int64_t chargeable_kilograms = 1;
    std::string goods_description;
    std::int64_t goods_value = 0;
    std::string goods_type;
    std::string instructions;
    bool insured = false;
    bool cod = false;
    charges cost;
    std::optional<int> etd_from;
    std::optional<int> etd_thru;
    unix_seconds created_at = 0;
    std::string pickup_details;  ///< the pickup order's fields, as JSON, for pickups
};

}  // namespace jne::core
