#include "sandbox/tariff_model.hpp"

#include <cmath>
#include <numbers>

namespace jne::sandbox {

using namespace jne::core;  // the domain this file moves through

namespace {

std::int64_t round_to(double value, std::int64_t step) {
    return static_cast<std::int64_t>(std::floor(value / static_cast<double>(step) + 0.5)) * step;
}

// How far into the country a destination code lies: the city itself and its
// districts (XXX1….), a regency seat (…00), or a district of a regency.
enum class reach { city, regency_seat, district };

reach reach_of(std::string_view code) {
    if (code.size() != 8 || code[3] == '1') return reach::city;
    return code.substr(6) == "00" ? reach::regency_seat : reach::district;
}

}  // namespace

double distance_km(const hub& a, const hub& b) {
    constexpr double earth_radius_km = 6371.0;
    constexpr double radians = std::numbers::pi / 180.0;
    const double dlat = (b.latitude - a.latitude) * radians;
    const double dlon = (b.longitude - a.longitude) * radians;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.latitude * radians) * std::cos(b.latitude * radians) *
                         std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * earth_radius_km * std::asin(std::sqrt(h));
}

std::vector<rate> model_rates(std::string_view destination_code, const hub& from, const hub& to) {
    const double km = distance_km(from, to);
    const bool same_city = from.code == to.code;
    const reach where = reach_of(destination_code);

    // Calibrated on the 2013 Jakarta table (8,000 + 19/km per kg), scaled by 1.2 to today.
    const double surcharge = where == reach::city ? 1.0 : where == reach::regency_seat ? 1.3 : 1.6;
    const std::int64_t reg = round_to((9600 + 22.8 * km) * surcharge, 1000);
    int etd_from = km < 300 ? 1 : 2;
    int etd_thru = km < 300 ? 2 : km < 1200 ? 3 : km < 2500 ? 4 : 5;
    if (km >= 2500) etd_from = 3;
    if (where == reach::regency_seat) ++etd_from, ++etd_thru;
    if (where == reach::district) etd_from += 2, etd_thru += 4;

    std::vector<rate> rates;
    if (same_city) {
        rates.push_back({"CTC19", round_to(static_cast<double>(reg) * 0.9, 1000), 1, 2});
        if (where != reach::district)
            rates.push_back({"CTCYES19", round_to(static_cast<double>(reg) * 1.8, 1000), 1, 1});
    }
    rates.push_back({"REG19", reg, etd_from, etd_thru});
    rates.push_back(
        {"OKE19", round_to(static_cast<double>(reg) * 0.87, 1000), etd_from + 1, etd_thru + 1});
    if (!same_city && km <= 1500 && where != reach::district)
        rates.push_back({"YES19", round_to(static_cast<double>(reg) * 1.5 + 6000, 1000), 1, 1});
    rates.push_back(
        {"JTR5", round_to(static_cast<double>(reg) * 0.15, 100), etd_from + 2, etd_thru + 2});
    rates.push_back(
        {"JTR18", round_to(static_cast<double>(reg) * 0.375, 100), etd_from + 2, etd_thru + 2});
    if (km <= 1500) {
        const std::int64_t small_motorcycle = round_to(450000 + 400 * km, 50000);
        rates.push_back({"JTR<130", small_motorcycle, std::nullopt, std::nullopt});
        rates.push_back({"JTR<150", small_motorcycle, std::nullopt, std::nullopt});
        rates.push_back({"JTR250", round_to(800000 + 500 * km, 50000), std::nullopt, std::nullopt});
        rates.push_back(
            {"JTR>250", round_to(1150000 + 700 * km, 50000), std::nullopt, std::nullopt});
    }
    // Same-day delivery by air, per kilogram, between the larger cities (the example: 403,000).
    if (km <= 1500 && where != reach::district)
        rates.push_back({"SPS15", round_to(380000 + 200 * km, 1000), std::nullopt, std::nullopt});
    return rates;
}

}  // namespace jne::sandbox
