#pragma once

#include "api/shipment.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jne::api {

/// One line of a Status V2 push's history, oldest first.
struct status_history_line {
    std::string date;    ///< WIB, "YYYY-MM-DD HH:MM:SS"
    std::string status;  ///< the Status V2 status of the scan, or its pod_status when it has none
    std::string status_code;
    std::string status_desc;
    std::string location_code;

    bool operator==(const status_history_line&) const = default;
};

/// JNE's "Webhook Status V2": what a merchant's URL is told when a shipment's status changes.
struct status_update {
    std::string awb;
    std::string order_id;
    std::string status;  ///< SUCCESS PICKUP, FAILED PICKUP, SHIPPED, DELIVERED, SHIPMENT PROBLEM,
                         ///< RETURN TO SHIPPER
    std::string service;
    std::string origin_code;
    std::string dest_code;
    std::string weight;  ///< actual weight in kilograms, as JNE writes it: "1.5"
    std::int64_t price = 0;
    address sender;
    std::string goods_description;
    std::string goods_quantity;
    std::int64_t goods_value = 0;
    std::string receiver;  ///< DELIVERED only: who signed
    std::string relation;  ///< DELIVERED only: YANG BERSANGKUTAN, KELUARGA/SAUDARA
    std::vector<status_history_line> history;

    bool operator==(const status_update&) const = default;
};

}  // namespace jne::api
