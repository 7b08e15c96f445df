#pragma once

#include "api/tariff.hpp"
#include "api/values.hpp"

#include <optional>
#include <string>
#include <vector>

namespace jne::api {

// What the public tracking page and tariff calculator read (the project's own routes under
// /public/v1, no credentials): only what a stranger holding the number may see.

/// How a number typed on the page fared.
enum class lookup {
    found,
    mistyped,  ///< not an airwaybill: the wrong length, or the check digit disagrees
    unknown,   ///< a well-formed airwaybill that no shipment has (yet)
};

/// One scan, as the page's timeline shows it.
struct public_event {
    std::string at;     ///< ISO 8601 in WIB: "2022-01-09T01:18:00+07:00"
    std::string code;   ///< the status code: "OP1", "D01"
    std::string stage;  ///< where the parcel stood after it: "in_network", "delivered"
    std::string place;
    std::string text;  ///< the history line, who signed masked

    bool operator==(const public_event&) const = default;
};

/// A shipment as a stranger holding its number may see it: names masked to their first letters,
/// no street address, no phone, no price.
struct public_shipment {
    std::string number;  ///< as typed
    lookup outcome = lookup::unknown;
    // The rest only when found.
    std::string airwaybill;
    std::string service;  ///< "REG"
    std::string origin;   ///< city names
    std::string destination;
    std::string shipper;  ///< masked: "B*** S******"
    std::string receiver;
    std::string weight;   ///< kilograms: "1.5"
    std::string sent_at;  ///< ISO 8601 in WIB
    std::string stage;    ///< as public_event::stage
    std::string status;   ///< JNE's status word: "DELIVERED"
    std::optional<int> etd_from;
    std::optional<int> etd_thru;
    std::string estimated_by;  ///< the latest expected delivery day, "2022-01-11"; empty: none
    std::vector<public_event> history;  ///< newest first

    bool operator==(const public_shipment&) const = default;
};

/// A place found by the destination search, with the origin code that sends from it.
struct public_place {
    std::string code;  ///< destination code
    std::string name;
    std::optional<std::string> origin;  ///< the origin code serving it; none: nothing sends from it

    bool operator==(const public_place&) const = default;
};

/// The calculator's answer: which weight was charged, then the services.
struct public_quote {
    std::string from;
    std::string thru;
    grams weight;
    std::optional<grams> volumetric;  ///< when a size was given
    std::int64_t charged_kilograms = 0;
    bool charged_by_volume = false;
    price_list prices;

    bool operator==(const public_quote&) const = default;
};

}  // namespace jne::api
