#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jne::api {

/// One service offered on a route, as Get Tariff answers it.
struct price {
    std::string origin_name;
    std::string destination_name;
    std::string service_display;
    std::string service_code;
    std::string goods_type;
    std::int64_t amount = 0;      ///< whole rupiah (the wire says "IDR"), for the chargeable weight
    std::optional<int> etd_from;  ///< days; absent for services without an estimate
    std::optional<int> etd_thru;

    bool operator==(const price&) const = default;
};

using price_list = std::vector<price>;

}  // namespace jne::api
