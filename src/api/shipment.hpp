#pragma once

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

/// Get Tariff's question.
struct tariff_request {
    std::string origin;
    std::string destination;
    std::string weight;  ///< kilograms as sent: "1", "1.5"
    /// The parcel's size in cm, all three or none (beyond JNE's document): when given, the
    /// chargeable weight is the larger of `weight` and length × width × height / 6000.
    std::string length;
    std::string width;
    std::string height;

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

/// The create routes' requests hold each value as sent, trimmed; once the server
/// has decoded one, flags read "Y" or "N" and choices are in upper case.

/// generatecnote's fields, by meaning.
struct generatecnote_request {
    std::string branch;
    std::string customer;
    std::string order_id;
    address shipper;
    address receiver;
    std::string quantity = "1";
    std::string weight;
    std::string goods_description;
    std::string goods_value;
    std::string goods_type = "2";
    std::string instructions;
    std::string insurance_flag = "N";
    std::string origin;
    std::string destination;
    std::string service;
    std::string cod_flag = "N";
    std::string cod_amount = "0";

    bool operator==(const generatecnote_request&) const = default;
};

/// pickupcashless's fields, by meaning; `extra` carries fields the route does
/// not know, by their wire names (the client sends them as they are).
struct pickup_request {
    std::string pickup_name;
    std::string pickup_date;  ///< DD-MM-YYYY
    std::string pickup_time;  ///< HH:MM
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
    std::string weight;
    std::string quantity = "1";
    std::string goods_description;
    std::string goods_amount;
    std::string insurance_flag = "N";
    std::string special_instructions = "-";
    std::string merchant_id;
    std::string type = "PICKUP";  ///< PICKUP or DROP
    std::string cod_flag = "NO";
    std::string cod_amount = "0";
    std::string airwaybill;  ///< a reserved airwaybill, or the merchant's reference
    std::string latitude;
    std::string longitude;
    std::string tax_value;  ///< Batam shipments
    std::string item_type;  ///< Batam shipments: 1 to 5
    std::string hs_codes;   ///< Batam shipments: value;qty;hscode, joined by commas
    std::string npwp;       ///< the shipper's tax number
    address return_to;      ///< where a failed delivery goes back to
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
