#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jne::core {

/// One row of JNE's destination list: a subdistrict and the tariff code it is priced by.
struct area {
    std::string code;  ///< tariff code, e.g. BDO10000
    std::string province;
    std::string city;
    std::string district;
    std::string subdistrict;
    std::string zip;
};

/// A tariff code with the name JNE shows for it: the city for a city code
/// (`…10000`), `DISTRICT,CITY` for a code within a city.
struct destination {
    std::string code;
    std::string name;
    std::string province;
    std::string city;
};

struct origin {
    std::string code;
    std::string name;
};

struct branch {
    std::string code;
    std::string name;
};

/// A service as priced and shown: REG19 displayed as REG, JTR5 as JTR.
struct service {
    std::string code;
    std::string display;
    std::string goods_type;
    std::int64_t min_kilograms = 1;    ///< trucking charges ten at least
    std::int64_t max_kilograms = 999;  ///< heavier parcels are refused by this service
    bool flat = false;                 ///< price ignores weight (motorcycle transport)
    int rank = 0;                      ///< order in an answer
};

/// A price on one route for one service: per kilogram, or the whole price when flat.
struct rate {
    std::string service;
    std::int64_t price = 0;
    std::optional<int> etd_from;
    std::optional<int> etd_thru;
};

/// A tariff row as imported: a rate with its route.
struct tariff_row {
    std::string origin;
    std::string destination;
    core::rate rate;
};

/// A city hub (the three letters that start every code) and where it is.
struct hub {
    std::string code;
    std::string name;
    double latitude = 0;
    double longitude = 0;
};

/// Everything of the catalogue except the tariff rows, which can be millions.
struct catalogue_data {
    std::vector<area> areas;
    std::vector<origin> origins;
    std::vector<branch> branches;
    std::vector<service> services;
    std::vector<hub> hubs;
    /// The origins that have stored tariff rows: a route from any other has none, so its
    /// price is the sandbox model's without asking the database.
    std::vector<std::string> rated_origins;
};

/// The catalogue in memory, indexed for lookups and destination search. Immutable
/// once built, so any number of threads read it without locks.
class catalogue {
public:
    explicit catalogue(catalogue_data data);

    const destination* find_destination(std::string_view code) const;
    const origin* find_origin(std::string_view code) const;
    const branch* find_branch(std::string_view code) const;
    const service* find_service(std::string_view code) const;
    /// The suffixes of JNE's tariff years in service codes.
    static constexpr std::string_view tariff_years[] = {"15", "19", "23"};
    /// A service by its code (REG19) or, failing that, its display name (REG), or its
    /// family with another of JNE's tariff years (REG15, REG23 name REG's service):
    /// JNE renames its codes each tariff year, and merchants' code keeps the year it
    /// was written in.
    const service* find_service_by_name(std::string_view name) const;
    const hub* find_hub(std::string_view location_code) const;
    /// Whether the database holds tariff rows from this origin.
    bool has_stored_rates(std::string_view origin_code) const;

    /// Destinations whose name, city, district, subdistrict, zip or code matches
    /// `text` (case-insensitive): first those whose own name or code is `text`,
    /// then exact matches of another name, then prefixes of a whole name, then
    /// prefixes of a word inside one; ties by name.
    std::vector<const destination*> search(std::string_view text, std::size_t limit) const;

    std::span<const destination> destinations() const { return destinations_; }
    std::span<const origin> origins() const { return data_.origins; }
    std::span<const branch> branches() const { return data_.branches; }
    std::span<const service> services() const { return data_.services; }
    std::span<const hub> hubs() const { return data_.hubs; }

private:
    struct search_key {
        std::string text;  ///< normalised, starting at a word boundary of the name
        std::uint32_t destination;
        std::uint8_t rank;  ///< 0 own name or code, 1 another whole name, 3 a word inside one
    };

    void build_destinations();
    void build_search_index();

    catalogue_data data_;
    std::vector<destination> destinations_;  // sorted by code
    std::vector<search_key> search_keys_;    // sorted by text
    std::vector<std::uint32_t>
        by_name_;  // each destination's place in (name, code) order: ties compare integers
};

/// The display name of a tariff code from its area row (see `destination`).
std::string destination_name(const area& a);

}  // namespace jne::core
