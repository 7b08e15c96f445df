#pragma once

#include "api/values.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jne::api {

/// Who calls: the credentials every route carries.
struct credentials {
    std::optional<std::string_view> username;
    std::optional<std::string_view> api_key;

    bool operator==(const credentials&) const = default;
};

/// A parcel's size (beyond JNE's document): when given, the chargeable weight is the larger
/// of the weight and length × width × height / 6000.
struct parcel_size {
    centimetres length;
    centimetres width;
    centimetres height;

    bool operator==(const parcel_size&) const = default;
};

/// Get Tariff's question.
struct tariff_request {
    std::string origin;
    std::string destination;
    grams weight;
    std::optional<parcel_size> size;

    bool operator==(const tariff_request&) const = default;
};

/// A sender, receiver or return address as the create routes take them.
struct address {
    std::string name;
    std::string addr1;
    std::string addr2;
    std::string addr3;
    std::string city;
    std::string region;
    std::string zip;
    std::string phone;
    std::string contact;  ///< pickupcashless only
    std::string country;  ///< pickupcashless only

    bool operator==(const address&) const = default;
};

/// The create routes' requests hold text as sent, trimmed, and every value the server reads
/// (weights, rupiah, flags, the pickup's day and time) as what it means; once the server has
/// decoded one, choices are in upper case.

/// generatecnote's fields, by meaning.
struct generatecnote_request {
    std::string branch;
    std::string customer;
    std::string order_id;
    address shipper;
    address receiver;
    std::string quantity = "1";
    grams weight;
    std::string goods_description;
    std::int64_t goods_value = 0;  ///< rupiah
    std::string goods_type = "2";
    std::string instructions;
    bool insured = false;
    std::string origin;
    std::string destination;
    std::string service;
    bool cod = false;
    std::int64_t cod_amount = 0;  ///< rupiah to collect; read only when `cod`

    bool operator==(const generatecnote_request&) const = default;
};

/// pickupcashless's fields, by meaning; `extra` carries fields the route does
/// not know, by their wire names (the client sends them as they are).
struct pickup_request {
    std::string pickup_name;
    std::optional<calendar_date> pickup_date;
    std::optional<clock_time> pickup_time;
    std::string pickup_pic;
    std::string pickup_pic_phone;
    std::string pickup_address;
    std::string pickup_district;
    std::string pickup_city;
    std::string pickup_service = "Domestic";
    std::string pickup_vehicle = "Motor";
    std::string branch;
    std::string customer;
    std::string order_id;
    address shipper;
    address receiver;
    std::string origin;
    std::string destination;
    std::string service;
    grams weight;
    std::string quantity = "1";
    std::string goods_description;
    std::int64_t goods_amount = 0;  ///< rupiah
    bool insured = false;
    std::string special_instructions = "-";
    std::string merchant_id;
    std::string type = "PICKUP";  ///< PICKUP or DROP
    bool cod = false;
    std::int64_t cod_amount = 0;  ///< rupiah to collect; read only when `cod`
    std::string airwaybill;       ///< a reserved airwaybill, or the merchant's reference
    std::string latitude;
    std::string longitude;
    std::optional<std::int64_t> tax_value;  ///< rupiah, Batam shipments
    std::string item_type;                  ///< Batam shipments: 1 to 5
    std::string hs_codes;                   ///< Batam shipments: value;qty;hscode, joined by commas
    std::string npwp;                       ///< the shipper's tax number
    address return_to;                      ///< where a failed delivery goes back to
    std::string return_branch;
    std::vector<std::pair<std::string, std::string>> extra;

    bool operator==(const pickup_request&) const = default;
};

/// stockawb's fields.
struct stock_request {
    std::string branch;
    std::string customer;
    int count = 1;  ///< 1 to 100
    std::string requested_by;
    std::string reason;

    bool operator==(const stock_request&) const = default;
};

/// An airwaybill issued for a new shipment.
struct created {
    std::string airwaybill;

    bool operator==(const created&) const = default;
};

/// Airwaybills reserved with stockawb.
using airwaybill_list = std::vector<std::string>;

/// order/cancel's question.
struct cancel_request {
    std::string airwaybill;
    std::string cancelled_by;
    std::string reason;

    bool operator==(const cancel_request&) const = default;
};

/// A cancellation done. The server fills the airwaybill and the wire words the
/// reason; the client reads the reason as sent.
struct cancelled {
    std::string airwaybill;
    std::string reason;

    bool operator==(const cancelled&) const = default;
};

/// What validating a create needs to know beyond the request: the catalogue and
/// the caller. Codes as sent; services by code or name, in upper case.
struct request_facts {
    std::function<bool(std::string_view)> origin_exists;
    std::function<bool(std::string_view)> destination_exists;
    std::function<bool(std::string_view)> branch_allowed;
    std::function<bool(std::string_view)> service_exists;
    std::function<bool(std::string_view)> customer_held;
};

}  // namespace jne::api
