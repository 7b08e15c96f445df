#pragma once

#include "cache/usage.hpp"

#include <cstddef>
#include <string_view>

namespace jne::cache {

/// The bytes each answer cache may hold, from the one figure an operator gives
/// (`--cache-mb`). The shares follow what a hit saves: a tracking answer costs a
/// database read, a priced route only computing, a gzip only CPU.
struct budgets {
    std::size_t tariff_rows;          ///< stored tariff rows by route
    std::size_t tariff_quotes;        ///< priced lists by route and weight
    std::size_t tariff_json;          ///< their JSON
    std::size_t tracking;             ///< tracking answers (their JSON) by airwaybill
    std::size_t tracking_references;  ///< order ids and pickup AWBs to airwaybills
    std::size_t gzip;                 ///< compressed shared bodies
    /// Where the caches count their use, by name (the server's metrics); none: not counted.
    usage_registry* counted_in = nullptr;

    usage* counted(std::string_view name) const {
        return counted_in != nullptr ? &counted_in->of(name) : nullptr;
    }

    /// The default: the server's own memory (RssAnon: 16 MB at the start with the sandbox
    /// catalogue) stays under 64 MB with every cache full.
    static constexpr std::size_t default_megabytes = 36;

    static constexpr budgets sharing(std::size_t total_bytes) {
        const std::size_t part = total_bytes / 24;
        return {2 * part, 2 * part, 4 * part, 10 * part, part, 5 * part, nullptr};
    }
    static constexpr budgets standard() { return sharing(default_megabytes << 20); }
};

}  // namespace jne::cache
