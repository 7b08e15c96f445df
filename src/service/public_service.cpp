#include "service/public_service.hpp"

#include "core/text.hpp"
#include "core/tracking.hpp"
#include "core/weight.hpp"
#include "service/location_service.hpp"

#include <algorithm>

namespace jne::service {

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<std::string> origin_serving(const core::catalogue& catalogue, std::string_view code) {
    if (code.size() != 8) return std::nullopt;
    std::string candidate(code);
    if (catalogue.find_origin(candidate) != nullptr) return candidate;
    candidate.replace(6, 2, "00");
    if (catalogue.find_origin(candidate) != nullptr) return candidate;
    candidate.replace(4, 4, "0000");
    if (catalogue.find_origin(candidate) != nullptr) return candidate;
    return std::nullopt;
}

api::result<std::vector<api::public_shipment>> public_service::track(
    std::string_view numbers) const {
    std::vector<std::string_view> wanted;
    while (!numbers.empty()) {
        const auto comma = numbers.find(',');
        const std::string_view number = trimmed(numbers.substr(0, comma));
        numbers = comma == std::string_view::npos ? std::string_view() : numbers.substr(comma + 1);
        if (number.empty() || std::find(wanted.begin(), wanted.end(), number) != wanted.end())
            continue;
        if (wanted.size() == most_numbers)
            return api::fail(api::error::invalid_field, api::problem::batch_size, "awb", {},
                             static_cast<std::int64_t>(most_numbers));
        wanted.push_back(number);
    }
    if (wanted.empty()) return api::fail(api::error::missing_field, api::problem::missing, "awb");
    std::vector<api::public_shipment> found;
    for (std::string_view number : wanted) {
        auto one = tracking_.look_up(number);
        if (!one) return one.error();
        found.push_back(std::move(*one));
    }
    return found;
}

api::result<api::public_quote> public_service::quote(const api::tariff_request& r) const {
    const auto billed = tariff_service::billed_weight(r);
    if (!billed) return api::fail(api::error::price_not_found);
    auto prices = tariffs_.quote(r, core::service_year::jne2023);  // today's JNE
    if (!prices) return prices.error();
    api::public_quote q;
    q.from = r.origin;
    q.thru = r.destination;
    q.weight = r.weight;
    if (r.size) {
        q.volumetric = core::volumetric_weight(*r.size);
        q.charged_by_volume = *billed > r.weight;
    }
    q.charged_kilograms = core::chargeable_kilograms(*billed);
    q.prices = **prices;
    return q;
}

std::vector<api::public_place> public_service::places(std::string_view text) const {
    const auto snapshot = catalogue_.current();
    const core::catalogue& catalogue = snapshot->catalogue();
    // The search ranks as JNE's dest/key does (a subdistrict named "JAKARTA BARU" in Maluku
    // may come first); a person typing a city wants the places named so first: names that start
    // with the text, then names holding it, then the rest, each in the search's order.
    const std::string wanted = core::normalise(text);
    auto found = catalogue.search(wanted, location_service::search_limit);
    auto named_so = std::stable_partition(
        found.begin(), found.end(), [&](const auto* d) { return d->name.starts_with(wanted); });
    std::stable_partition(named_so, found.end(),
                          [&](const auto* d) { return d->name.find(wanted) != std::string::npos; });
    std::vector<api::public_place> out;
    for (const core::destination* d : found) {
        if (out.size() == most_places) break;
        out.push_back({d->code, d->name, origin_serving(catalogue, d->code)});
    }
    return out;
}

}  // namespace jne::service
