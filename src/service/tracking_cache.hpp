#pragma once

#include "cache/budgets.hpp"
#include "cache/byte_cache.hpp"
#include "store/store.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace jne::service {

/// Tracking answers kept, as the bytes they are sent as, until they may have changed, and the
/// airwaybills merchants' references stand for. Only the bytes: an answer's values take twice
/// their room again, and keeping both fits a third as many parcels in the budget. An event this
/// process commits forgets its airwaybill's answer only; another process's events (a generation
/// counter that moved past this process's own commits) drop them all, by moving the epoch; a
/// read that races a commit keeps nothing stale.
class tracking_cache {
public:
    using body_ptr = std::shared_ptr<const std::string>;
    struct entry {
        std::int64_t epoch;  ///< entries of an older epoch are dropped
        std::string owner;   ///< the account the shipment belongs to
        body_ptr body;       ///< the answer as it is sent
    };

    /// `counters`: the database's tracking generations when the cache is made.
    tracking_cache(const cache::budgets& caches,
                   std::span<const store::generation_counter> counters);

    /// The answer kept for the airwaybill, if any (of the current epoch).
    std::shared_ptr<const entry> find(const std::string& airwaybill) const;

    /// Taken before a read of the store: what keep() needs to judge whether the read may be stale.
    struct read_start {
        std::int64_t epoch;
        std::uint64_t local_commits;
    };
    read_start start_read() const { return {epoch_.load(), local_commits_.load()}; }
    /// Keeps an answer read since `start` (unless a commit of this process raced it); returns it.
    std::shared_ptr<const entry> keep(const read_start& start, const std::string& airwaybill,
                                      std::string owner, body_ptr body) const;

    /// The airwaybill `reference` of `username` stands for, once remembered (a shipment's
    /// reference never changes).
    std::optional<std::string> airwaybill_for(std::string_view username,
                                              std::string_view reference) const;
    void remember(std::string_view username, std::string_view reference,
                  const std::string& airwaybill) const;

    /// After each commit of this process, before its writes are answered.
    void committed(const store::tracking_changes& changes);
    /// The database's counters as the refresher read them: a counter that moved past what this
    /// process's own commits account for drops every answer.
    void refresh(std::span<const store::generation_counter> counters);

private:
    /// Accounts for a counter's value; true if it moved further than that (another process).
    bool account_for(const store::generation_counter& counter);
    static std::string reference_key(std::string_view username, std::string_view reference);

    std::atomic<std::int64_t> epoch_{0};  ///< moves when another process recorded events
    /// Moves before a commit of this process forgets its airwaybills: a read that began before
    /// does not keep what it read.
    std::atomic<std::uint64_t> local_commits_{0};
    std::mutex counters_mutex_;
    /// Per generation counter, the value up to which every move is accounted for.
    std::unordered_map<int, std::int64_t> known_counters_;
    mutable cache::byte_cache<std::string, entry> answers_;
    mutable cache::byte_cache<std::string, std::string> references_;
};

}  // namespace jne::service
