#include "core/service_codes.hpp"

#include <array>

namespace jne::core {

namespace {

// JNE's services by tariff year (contract §3): an empty code is a service that year does not
// have. `city` is the city courier that replaces the service within one city.
struct jne_service {
    std::string_view display;  ///< JTR5 and JTR18 both display JTR; REG15 … REG23 are REG + year
    std::string_view in_2019;
    std::string_view in_2023;
    std::string_view city = {};
    bool renamed_by_year = true;  ///< REG15, REG19, REG23 … all name it
    std::optional<int> etd_from_2023 = std::nullopt;
    std::optional<int> etd_thru_2023 = std::nullopt;
};

// clang-format off
constexpr std::array services{
    jne_service{"REG", "REG19", "REG23", "CTC"},
    jne_service{"OKE", "OKE19", "OKE23"},
    jne_service{"YES", "YES19", "YES23", "CTCYES"},
    jne_service{"SPS", "SPS15", "SPS23", "CTCSPS", true, 0, 0},
    jne_service{"JTR", "JTR18", "JTR23"},
    jne_service{"JTR", "JTR5", "", {}, false},
    jne_service{"JTR<130", "JTR<130", "", {}, false},
    jne_service{"JTR<150", "JTR<150", "JTR<150", {}, false, 3, 4},
    jne_service{"JTR250", "JTR250", "JTR250", {}, false, 3, 4},
    jne_service{"JTR>250", "", "JTR>250", {}, false, 3, 4},
    jne_service{"CTC", "CTC19", "CTC23"},
    jne_service{"CTCYES", "CTCYES19", "CTCYES23"},
    jne_service{"CTCSPS", "CTCSPS19", "CTCSPS23"},
};
// clang-format on

const jne_service* by_family(std::string_view family) {
    for (const jne_service& s : services)
        if (s.renamed_by_year && s.display == family) return &s;
    return nullptr;
}

const jne_service* jnes(std::string_view code) {
    for (const jne_service& s : services) {
        if (code == s.in_2019 || code == s.in_2023) return &s;
        if (!s.renamed_by_year || !code.starts_with(s.display)) continue;
        for (std::string_view year : catalogue::tariff_years)
            if (code.size() == s.display.size() + year.size() && code.ends_with(year)) return &s;
    }
    return nullptr;
}

}  // namespace

std::optional<service_year> parse_service_year(std::string_view text) {
    if (text == "2019") return service_year::jne2019;
    if (text == "2023") return service_year::jne2023;
    return std::nullopt;
}

std::string_view service_year_name(service_year year) {
    return year == service_year::jne2019 ? "2019" : "2023";
}

bool within_one_city(std::string_view from, std::string_view thru) {
    return from.size() >= 3 && thru.size() >= 3 && from.substr(0, 3) == thru.substr(0, 3);
}

std::optional<answered_service> answered_as(const service& offered, service_year year,
                                            bool within_city) {
    const jne_service* known = jnes(offered.code);
    if (known == nullptr) return answered_service{offered.code, offered.display, {}, {}};
    if (within_city && !known->city.empty()) known = by_family(known->city);
    const bool in_2023 = year == service_year::jne2023;
    const std::string_view code = in_2023 ? known->in_2023 : known->in_2019;
    if (code.empty()) return std::nullopt;
    answered_service out{std::string(code), std::string(known->display), {}, {}};
    if (in_2023) out.etd_from = known->etd_from_2023, out.etd_thru = known->etd_thru_2023;
    return out;
}

std::string_view without_year(std::string_view code) {
    for (std::string_view year : catalogue::tariff_years)
        if (code.size() > year.size() && code.ends_with(year))
            return code.substr(0, code.size() - year.size());
    return code;
}

std::string_view city_courier_source(std::string_view family) {
    for (const jne_service& s : services)
        if (s.city == family) return s.display;
    return family;
}

}  // namespace jne::core
