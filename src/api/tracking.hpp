#pragma once

#include "api/values.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jne::api {

using text = std::optional<std::string>;  ///< null on the wire when absent

/// The `cnote` member of a tracking answer, field for field as the original shows it.
struct cnote_summary {
    std::string cnote_no;
    text reference_number;
    std::string cnote_origin;
    std::string cnote_destination;
    std::string cnote_services_code;
    std::string servicetype;
    text cnote_cust_no;
    unix_seconds sent_at = 0;  ///< cnote_date (and the detail's): when it was created
    text cnote_pod_receiver;
    std::string cnote_receiver_name;
    std::string city_name;
    std::optional<unix_seconds> received_at;  ///< cnote_pod_date: when it was received
    std::string pod_status;
    std::string last_status;
    std::int64_t cnote_amount = 0;
    grams weight;  ///< cnote_weight (and the detail's)
    text pod_code;
    text keterangan;
    std::string cnote_goods_descr;
    std::int64_t freight_charge = 0;
    std::int64_t shippingcost = 0;
    std::int64_t insuranceamount = 0;
    std::int64_t priceperkg = 0;
    text signature;
    text photo;
    text longitude;  ///< "long" on the wire
    text latitude;   ///< "lat" on the wire
    /// The service's delivery estimate in days, from and through (the wire: "1-2 Days", "3 Days",
    /// or " Days" without one).
    std::optional<int> etd_from;
    std::optional<int> etd_thru;

    bool operator==(const cnote_summary&) const = default;
};

/// The single element of `detail` (its date and weight are the summary's).
struct cnote_detail {
    std::string cnote_no;
    std::string cnote_origin;
    std::string cnote_shipper_name;
    text cnote_shipper_addr1;
    text cnote_shipper_addr2;
    text cnote_shipper_addr3;
    text cnote_shipper_city;
    std::string cnote_receiver_name;
    text cnote_receiver_addr1;
    text cnote_receiver_addr2;
    text cnote_receiver_addr3;
    text cnote_receiver_city;

    bool operator==(const cnote_detail&) const = default;
};

struct history_line {
    unix_seconds at = 0;  ///< "date": DD-MM-YYYY HH:MM in WIB
    std::string desc;
    std::string code;

    bool operator==(const history_line&) const = default;
};

/// Airwaybill tracking: cnote, detail, history (oldest first).
struct tracking {
    cnote_summary cnote;
    cnote_detail detail;
    std::vector<history_line> history;

    bool operator==(const tracking&) const = default;
};

}  // namespace jne::api
