#pragma once

#include "api/tariff.hpp"
#include "cache/budgets.hpp"
#include "cache/byte_cache.hpp"
#include "core/catalogue.hpp"
#include "service/published.hpp"
#include "store/store.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace jne::service {

/// One version of the catalogue in memory, with the tariff rows of the routes
/// asked for so far. Replaced whole when the database's version moves, so the
/// route cache can never serve rows of an older catalogue.
class catalogue_snapshot {
public:
    catalogue_snapshot(std::int64_t version, core::catalogue_data data,
                       const cache::budgets& caches = cache::budgets::standard())
        : version_(version),
          catalogue_(std::move(data)),
          rates_(caches.tariff_rows, caches.counted("tariff_rows")),
          // A checkout's route and weight are mostly asked once: kept when asked again.
          quotes_(caches.tariff_quotes, caches.counted("tariff_quotes"),
                  cache::admit::on_second_insert) {}

    std::int64_t version() const { return version_; }
    const core::catalogue& catalogue() const { return catalogue_; }

    /// Tariff rows of routes asked for so far, by "ORIGIN>DESTINATION".
    using rate_list = std::shared_ptr<const std::vector<core::rate>>;
    using rate_cache = cache::byte_cache<std::string, std::vector<core::rate>>;
    rate_cache& rates() const { return rates_; }

    /// Priced lists, by route and chargeable weight: they cannot outlive the
    /// catalogue they were priced from.
    using quote_cache = cache::byte_cache<std::string, api::price_list>;
    quote_cache& quotes() const { return quotes_; }

private:
    std::int64_t version_;
    core::catalogue catalogue_;
    // Bounded in bytes: a crawler walking every route and weight evicts, never grows the process.
    mutable rate_cache rates_;
    mutable quote_cache quotes_;
};

/// Holds the current catalogue snapshot for every thread, and reloads it when
/// another process (an import, another server) has changed the database.
class catalogue_service {
public:
    explicit catalogue_service(store::catalogue_store& store,
                               cache::budgets caches = cache::budgets::standard());

    std::shared_ptr<const catalogue_snapshot> current() const { return current_.load(); }

    /// Reloads when the stored version differs from the snapshot's; true when it did.
    bool refresh();

    /// Tariff rows of a route: from the snapshot's cache, else from the store.
    catalogue_snapshot::rate_list rates(const catalogue_snapshot& snapshot, std::string_view origin,
                                        std::string_view destination) const;

    store::catalogue_store& store() { return store_; }

private:
    store::catalogue_store& store_;
    const cache::budgets caches_;  // each snapshot's caches
    published<catalogue_snapshot> current_;
};

}  // namespace jne::service
