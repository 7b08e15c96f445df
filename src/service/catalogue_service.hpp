#pragma once

#include "core/catalogue.hpp"
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
    catalogue_snapshot(std::int64_t version, core::catalogue_data data)
        : version_(version), catalogue_(std::move(data)) {}

    std::int64_t version() const { return version_; }
    const core::catalogue& catalogue() const { return catalogue_; }

    using rate_list = std::shared_ptr<const std::vector<core::rate>>;
    rate_list cached_rates(const std::string& route_key) const;
    void remember_rates(std::string route_key, rate_list rates) const;

    /// Answers computed from this catalogue, by a key of the caller's: they
    /// cannot outlive the catalogue they were computed from.
    std::shared_ptr<const void> cached_answer(const std::string& key) const;
    void remember_answer(std::string key, std::shared_ptr<const void> answer) const;

private:
    static constexpr std::size_t max_cached_routes = 100'000;

    std::int64_t version_;
    core::catalogue catalogue_;
    mutable std::shared_mutex cache_mutex_;  // many readers, a writer now and then
    mutable std::unordered_map<std::string, rate_list> route_cache_;
    mutable std::unordered_map<std::string, std::shared_ptr<const void>> answer_cache_;
};

/// Holds the current catalogue snapshot for every thread, and reloads it when
/// another process (an import, another server) has changed the database.
class catalogue_service {
public:
    explicit catalogue_service(store::catalogue_store& store);

    std::shared_ptr<const catalogue_snapshot> current() const { return current_.load(); }

    /// Reloads when the stored version differs from the snapshot's; true when it did.
    bool refresh();

    /// Tariff rows of a route: from the snapshot's cache, else from the store.
    catalogue_snapshot::rate_list rates(const catalogue_snapshot& snapshot, std::string_view origin,
                                        std::string_view destination) const;

    store::catalogue_store& store() { return store_; }

private:
    store::catalogue_store& store_;
    std::atomic<std::shared_ptr<const catalogue_snapshot>> current_;
};

}  // namespace jne::service
