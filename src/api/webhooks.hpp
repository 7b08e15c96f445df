#pragma once

#include "api/shipment.hpp"
#include "api/values.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jne::api {

/// One line of a Status V2 push's history, oldest first.
struct status_history_line {
    unix_seconds at = 0;  ///< "date": WIB, "YYYY-MM-DD HH:MM:SS"
    std::string status;   ///< the Status V2 status of the scan, or its pod_status when it has none
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
    grams weight;  ///< the actual weight (the wire: kilograms as JNE writes them, "1.5")
    std::int64_t price = 0;
    address sender;
    std::string goods_description;
    std::string goods_quantity;
    std::int64_t goods_value = 0;
    /// Who received the parcel: for a delivery only.
    struct receipt {
        std::string receiver;  ///< who signed
        std::string relation;  ///< YANG BERSANGKUTAN, KELUARGA/SAUDARA
        bool operator==(const receipt&) const = default;
    };
    std::optional<receipt> received;
    std::vector<status_history_line> history;

    bool operator==(const status_update&) const = default;
};

/// POST /ops/v1/webhooks as sent: `action` says what the operator wants; the other fields
/// are that action's (the admin service checks them).
struct webhook_request {
    std::string action;      ///< add, list, remove, rotate-secret, deliveries, replay
    std::string account;     ///< add: the merchant whose shipments are pushed
    std::string url;         ///< add: where to
    std::string statuses;    ///< add: Status V2 statuses, comma separated; empty: all
    std::string id;          ///< remove, rotate-secret: the webhook's; replay: the delivery's
    std::string airwaybill;  ///< deliveries: only this one's
    std::string failed;      ///< deliveries: Y for dead ones and those waiting for a retry
    std::string since;       ///< replay: every delivery created since this time
    std::string limit;       ///< deliveries: how many, newest first (default 50)

    bool operator==(const webhook_request&) const = default;
};

/// A merchant's subscription as an operator sees it.
struct webhook {
    std::int64_t id = 0;
    std::string account;
    std::string url;
    std::vector<std::string> statuses;  ///< empty: all
    std::string secret;                 ///< only when just made or rotated: shown once

    bool operator==(const webhook&) const = default;
};

/// One delivery's record: where it stands after its last attempt.
struct webhook_delivery_record {
    std::int64_t id = 0;
    std::string event_id;
    std::string airwaybill;
    std::string status;
    std::string state;  ///< pending, delivered, dead
    int attempts = 0;
    int last_code = 0;  ///< 0: no answer came
    std::string last_answer;
    std::string created;  ///< WIB, YYYY-MM-DD HH:MM:SS
    std::string updated;
    std::string url;

    bool operator==(const webhook_delivery_record&) const = default;
};

/// What an operator's webhook action answers: the webhooks it made, changed or listed, the
/// deliveries it listed, or how many it replayed.
struct webhook_answer {
    std::optional<std::vector<webhook>> webhooks;
    std::optional<std::vector<webhook_delivery_record>> deliveries;
    std::optional<std::size_t> replayed;

    bool operator==(const webhook_answer&) const = default;
};

}  // namespace jne::api
