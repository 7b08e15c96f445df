#pragma once

#include <string>
#include <utility>
#include <vector>

namespace jne::api {

/// A sender or receiver as the create routes take them.
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
};

/// generatecnote's fields (OLSHOP_*), by meaning.
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
};

/// pickupcashless's fields, by meaning; `extra` carries the optional ones
/// (Batam fields, RETURN_*) by their wire names.
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
    std::vector<std::pair<std::string, std::string>> extra;
};

/// stockawb's fields.
struct stock_request {
    std::string branch;
    std::string customer;
    int count = 1;
    std::string requested_by;
    std::string reason;
};

/// An airwaybill issued for a new shipment.
struct created {
    std::string airwaybill;
};

/// Airwaybills reserved with stockawb.
using airwaybill_list = std::vector<std::string>;

/// A cancellation done: JNE's reason text.
struct cancelled {
    std::string reason;
};

}  // namespace jne::api
