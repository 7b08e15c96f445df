#pragma once

#include "core/shipment.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace jne::label {

/// What a label prints, as text ready to draw: made once from a shipment, then laid out for
/// a page (layout.hpp) and drawn as PDF, PNG or ZPL.
struct content {
    std::string airwaybill;
    std::string order_id;
    std::string origin;  ///< the code the network sorts by: CGK10000
    std::string origin_name;
    std::string destination;
    std::string destination_name;
    std::string service;   ///< REG
    std::string weight;    ///< "1.5 kg"
    std::string quantity;  ///< pieces
    std::string cod;       ///< "Rp 125.000" to collect; empty when the shipment is not COD
    bool insured = false;
    std::string shipper_name;
    std::string shipper_address;  ///< street lines, city, region and zip, joined
    std::string shipper_phone;
    std::string receiver_name;
    std::string receiver_address;
    std::string receiver_phone;
    std::string goods;
    std::string instructions;
    std::string date;           ///< DD-MM-YYYY, WIB
    std::string tracking_link;  ///< what the QR code holds
};

/// The label of a shipment whose tracking page is `tracking_base` + "/track/" + airwaybill.
content content_of(const core::shipment& s, std::string_view tracking_base);

/// Rupiah as Indonesians write it: "Rp 1.250.000".
std::string rupiah(std::int64_t amount);

}  // namespace jne::label
