#pragma once

#include "api/error.hpp"
#include "api/shipment.hpp"
#include "api/tariff.hpp"
#include "core/service_codes.hpp"
#include "runtime/incident.hpp"
#include "service/catalogue_service.hpp"

#include <string_view>

namespace jne::service {

/// Get Tariff: the services offered on a route and their prices for a weight.
class tariff_service {
public:
    /// Prices a route no tariff row covers, between two known hubs (the sandbox's distance
    /// model); without one such routes answer Price Not Found.
    using fallback_pricing = std::vector<core::rate> (*)(std::string_view destination_code,
                                                         const core::hub& from,
                                                         const core::hub& to);

    /// `database`: the incident a failed read of tariff rows opens.
    tariff_service(const catalogue_service& catalogue, runtime::incident& database,
                   fallback_pricing unpriced = nullptr)
        : catalogue_(catalogue), database_(database), unpriced_(unpriced) {}

    /// The same route, chargeable weight and tariff year give the same list, kept with the
    /// catalogue it was priced from: shared, never copied. With a parcel's length, width and
    /// height, the chargeable weight is the larger of its weight and its volumetric weight.
    /// Services are named in `year`'s codes, and within one city by the city courier.
    using quote_ptr = std::shared_ptr<const api::price_list>;
    api::result<quote_ptr> quote(const api::tariff_request& r, core::service_year year) const;

    /// The weight a request is charged for, before rounding: its weight, or its volumetric
    /// weight when that is larger; nothing when either is not a number (Price Not Found).
    static std::optional<core::grams> billed_weight(const api::tariff_request& r);

    /// The rates of a route (tariff rows, else the fallback pricing); empty when none.
    std::vector<core::rate> rates(const catalogue_snapshot& snapshot, std::string_view from,
                                  std::string_view thru) const;

private:
    api::result<quote_ptr> priced(std::string_view from, std::string_view thru, core::grams weight,
                                  core::service_year year) const;

    const catalogue_service& catalogue_;
    runtime::incident& database_;
    fallback_pricing unpriced_;
};

}  // namespace jne::service
