#include "service/tariff_service.hpp"

#include "core/pricing.hpp"

#include "runtime/incident.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace jne::service {

std::vector<core::rate> tariff_service::rates(const catalogue_snapshot& snapshot,
                                              std::string_view from, std::string_view thru) const {
    auto stored = catalogue_.rates(snapshot, from, thru);
    if (!stored->empty() || unpriced_ == nullptr) return *stored;
    const core::hub* from_hub = snapshot.catalogue().find_hub(from);
    const core::hub* thru_hub = snapshot.catalogue().find_hub(thru);
    if (from_hub == nullptr || thru_hub == nullptr) return {};
    return unpriced_(thru, *from_hub, *thru_hub);
}

std::optional<core::grams> tariff_service::billed_weight(const api::tariff_request& r) {
    if (!r.size) return r.weight;
    const auto volumetric = core::volumetric_weight(*r.size);
    if (!volumetric) return std::nullopt;
    return std::max(*volumetric, r.weight);
}

api::result<tariff_service::quote_ptr> tariff_service::quote(const api::tariff_request& r,
                                                             core::service_year year) const {
    const auto weight = billed_weight(r);
    if (!weight) return api::fail(api::error::price_not_found);
    try {
        return priced(r.origin, r.destination, *weight, year);
    } catch (const store::storage_error& e) {
        // Tariff rows are read on a miss: a database that cannot answer is "unavailable", as for a
        // write.
        database_.failed("a tariff read", e.what());
        return api::fail(api::error::unavailable);
    }
}

api::result<tariff_service::quote_ptr> tariff_service::priced(std::string_view from,
                                                              std::string_view thru,
                                                              core::grams weight,
                                                              core::service_year year) const {
    const auto snapshot = catalogue_.current();
    const core::catalogue& catalogue = snapshot->catalogue();
    // Prices depend on the route, the chargeable kilograms and the year of the codes only.
    std::string key;
    key.reserve(from.size() + thru.size() + 14);
    key.append(from).append(1, '>').append(thru).append(1, '/').append(
        std::to_string(core::chargeable_kilograms(weight)));
    key.append(1, '@').append(core::service_year_name(year));
    if (auto cached = snapshot->quotes().find(key)) return cached;

    const core::origin* origin = catalogue.find_origin(from);
    const core::destination* destination = catalogue.find_destination(thru);
    if (origin == nullptr || destination == nullptr) return api::fail(api::error::price_not_found);
    const auto lines = core::price_route(rates(*snapshot, from, thru), catalogue, weight);
    if (lines.empty()) return api::fail(api::error::price_not_found);
    const bool within_city = core::within_one_city(from, thru);
    auto prices = std::make_shared<api::price_list>();
    prices->reserve(lines.size());
    for (const core::quote_line& line : lines) {
        auto named = core::answered_as(*line.offered, year, within_city);
        // A year without the service, or a city courier already offered by the route's own row.
        if (!named || std::any_of(prices->begin(), prices->end(), [&](const api::price& p) {
                return p.service_code == named->code;
            }))
            continue;
        prices->push_back({origin->name, destination->name, std::move(named->display),
                           std::move(named->code), line.offered->goods_type, line.amount,
                           line.etd_from ? line.etd_from : named->etd_from,
                           line.etd_thru ? line.etd_thru : named->etd_thru});
    }
    if (prices->empty()) return api::fail(api::error::price_not_found);
    std::size_t bytes = key.size() + sizeof(api::price_list) + 64;
    for (const api::price& p : *prices)
        bytes += sizeof(p) + p.origin_name.size() + p.destination_name.size() +
                 p.service_display.size() + p.service_code.size() + p.goods_type.size();
    snapshot->quotes().insert(key, prices, bytes);
    return quote_ptr(std::move(prices));
}

}  // namespace jne::service
