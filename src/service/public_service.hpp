#pragma once

#include "api/public.hpp"
#include "api/shipment.hpp"
#include "service/catalogue_service.hpp"
#include "service/tariff_service.hpp"
#include "service/tracking_service.hpp"

#include <string_view>
#include <vector>

namespace jne::service {

/// What the public tracking page and tariff calculator ask, for anyone: no account, nothing a
/// stranger may not see. The routes that call it are rate-limited per client address.
class public_service {
public:
    /// Numbers one look-up takes ("AWB1,AWB2"): a page of parcels, not a crawl.
    static constexpr std::size_t most_numbers = 10;
    static constexpr std::size_t most_places = 20;

    public_service(const tracking_service& tracking, const tariff_service& tariffs,
                   const catalogue_service& catalogue)
        : tracking_(tracking), tariffs_(tariffs), catalogue_(catalogue) {}

    /// Each comma-separated number of `numbers`, in order, once; blanks around them ignored.
    /// None, or more than `most_numbers`: invalid_field.
    api::result<std::vector<api::public_shipment>> track(std::string_view numbers) const;

    /// The services of a route for a weight (and, optionally, a size), and which weight was
    /// charged. Anything pricedev would not price is price_not_found.
    api::result<api::public_quote> quote(const api::tariff_request& r) const;

    /// The destination search's best places for `text`, each with the origin that sends from
    /// it (so that one search serves both ends of the calculator).
    std::vector<api::public_place> places(std::string_view text) const;

private:
    const tracking_service& tracking_;
    const tariff_service& tariffs_;
    const catalogue_service& catalogue_;
};

/// The origin code that sends from destination `code`: the same code when it is an origin, else
/// its area's (the last two digits zeroed), else its city's (every digit after the first zeroed):
/// CGK10101 → CGK10100 → CGK10000. Nothing when none of them is an origin.
std::optional<std::string> origin_serving(const core::catalogue& catalogue, std::string_view code);

}  // namespace jne::service
