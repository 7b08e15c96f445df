#pragma once

#include "core/request_rate.hpp"
#include "core/service_codes.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace jne::core {

/// Merchants see their own shipments; operators (the courier's staff and
/// systems) see every shipment and post scan events.
enum class role { merchant, operator_ };

struct account {
    std::string username;
    std::string key_hash;  ///< SHA-256 of the API key, hex; the key itself is never stored
    core::role role = role::merchant;
    std::vector<std::string> customer_numbers;  ///< cust_no values it may ship as
    std::vector<std::string> branches;          ///< branch codes it may ship from
    bool disabled = false;
    core::request_rate rate;  ///< its requests per period, in each server process; none: unlimited
    service_year service_codes = service_year::jne2023;  ///< new accounts: today's JNE

    bool holds_customer(std::string_view number) const {
        return std::find(customer_numbers.begin(), customer_numbers.end(), number) !=
               customer_numbers.end();
    }
    bool holds_branch(std::string_view code) const {
        return std::find(branches.begin(), branches.end(), code) != branches.end();
    }
};

inline std::string_view role_name(role r) { return r == role::operator_ ? "operator" : "merchant"; }

}  // namespace jne::core
