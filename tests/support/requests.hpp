#pragma once

#include "api/shipment.hpp"

#include <string>

namespace jne::test {

inline constexpr const char* sandbox_key = "25c898a9faea1a100859ecd9ef674548";
/// TESTAPI23, the sandbox's demo account on 2023's service codes.
inline constexpr const char* sandbox_2023_key = "b2a8f1e6c4d94f0e8a7b3c5d1e9f2023";

/// The original document's generatecnote example, with another order id.
inline api::generatecnote_request example_generatecnote(std::string order_id) {
    api::generatecnote_request r;
    r.branch = "CGK000";
    r.customer = "TESTAKUN";
    r.order_id = std::move(order_id);
    r.shipper = {"ALI",     "JAKARTA NO 44", "KALIBATA",       "KALIBATA", "JAKARTA",
                 "JAKARTA", "12345",         "+6289876543212", {},         {}};
    r.receiver = {"ANA",        "BANDUNG NO 12", "CIBIRU",         "BANDUNG", "BANDUNG",
                  "JAWA BARAT", "12365",         "+6285789065432", {},        {}};
    r.quantity = "1";
    r.weight = api::grams{1000};
    r.goods_description = "TEST";
    r.goods_value = 1000;
    r.goods_type = "1";
    r.instructions = "TEST";
    r.insured = false;
    r.origin = "CGK10000";
    r.destination = "BDO10000";
    r.service = "REG";
    r.cod = false;
    r.cod_amount = 0;
    return r;
}

/// The original document's pickupcashless example, with another order id.
inline api::pickup_request example_pickup(std::string order_id) {
    api::pickup_request r;
    r.pickup_name = "ARYA";
    r.pickup_date = api::calendar_date{2019, 10, 10};
    r.pickup_time = api::clock_time{23, 30};
    r.pickup_pic = "TEAS";
    r.pickup_pic_phone = "+6289100000002";
    r.pickup_address = "JAKARTA";
    r.pickup_district = "JAKARTA";
    r.pickup_city = "JAKARTA";
    r.pickup_service = "REG";
    r.pickup_vehicle = "MOTOR";
    r.branch = "CGK000";
    r.customer = "10950700";
    r.order_id = std::move(order_id);
    r.shipper = {"ALI",   "JL. D.I PANJAITAN NO 43", "JELUTUNG", "JELUTUNG", "JAMBI", "JAMBI",
                 "12345", "+6281234567890",          "ALI",      "INDONESIA"};
    r.receiver = {"ANA",
                  "JL SUTERA FERONIA PARK 7 ",
                  "NO 28",
                  "TANGERANG SELATAN",
                  "TANGERANG SELATAN",
                  "BANTEN",
                  "54321",
                  "+6285778906781",
                  "ANA",
                  "INDONESIA"};
    r.origin = "CGK10000";
    r.destination = "BDO10000";
    r.service = "REG";
    r.weight = api::grams{1000};
    r.quantity = "1";
    r.goods_description = "BARANG PECAH";
    r.goods_amount = 30000;
    r.insured = false;
    r.special_instructions = "TEST";
    r.merchant_id = "TEST";
    r.type = "DROP";
    r.cod = false;
    r.cod_amount = 37000;
    r.airwaybill = "1234567890";
    r.extra = {{"LAT", "1"}, {"LON", "1"}};
    return r;
}

}  // namespace jne::test
