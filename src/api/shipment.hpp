#pragma once

#include <string>
#include <vector>

namespace jne::api {

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
