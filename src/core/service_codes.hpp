#pragma once

#include "core/catalogue.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace jne::core {

/// The tariff year an account's pricedev service codes are written in: JNE renames its codes
/// with each tariff (REG19, REG23). The document's examples are 2019's; JNE answers 2023's today.
enum class service_year { jne2019 = 2019, jne2023 = 2023 };

/// "2019" or "2023"; nothing for any other text.
std::optional<service_year> parse_service_year(std::string_view text);
std::string_view service_year_name(service_year year);

/// Whether two location codes lie in one city: the same three-letter city code.
bool within_one_city(std::string_view from, std::string_view thru);

/// A catalogue service as pricedev names it for one account on one route.
struct answered_service {
    std::string code;     ///< REG23, CTCYES19, JTR<150
    std::string display;  ///< REG, CTCYES
    /// The year's estimate where the catalogue has none (2023's flat JTR rows: 3–4 days).
    std::optional<int> etd_from;
    std::optional<int> etd_thru;
};

/// How pricedev names `offered` for an account on `year`'s codes: JNE's code of that year
/// (REG19 → REG23), and within one city the city courier instead of REG, YES and SPS (CTC,
/// CTCYES, CTCSPS); nothing where that year has no such service (JTR5 and JTR<130 were 2019's,
/// JTR>250 is 2023's). A code that is not one of JNE's is answered as the catalogue has it.
std::optional<answered_service> answered_as(const service& offered, service_year year,
                                            bool within_city);

/// A code without its tariff year: CTCSPS23 → CTCSPS; any other text as it is.
std::string_view without_year(std::string_view code);

/// The service a create names within one city: CTC stands for REG's rows, CTCYES for YES's and
/// CTCSPS for SPS's when the route has none of its own; any other family is itself.
std::string_view city_courier_source(std::string_view family);

}  // namespace jne::core
