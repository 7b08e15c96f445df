#pragma once

#include "api/locations.hpp"
#include "service/catalogue_service.hpp"

#include <string_view>

namespace jne::service {

/// getorigin, getdestination and the destination search.
class location_service {
public:
    static constexpr std::size_t search_limit = 50;

    explicit location_service(const catalogue_service& catalogue) : catalogue_(catalogue) {}

    api::place_list origins() const;
    api::place_list destinations() const;
    api::place_list search(std::string_view text) const;

private:
    const catalogue_service& catalogue_;
};

}  // namespace jne::service
