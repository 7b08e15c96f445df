#pragma once

#include "api/error.hpp"
#include "api/events.hpp"
#include "api/public.hpp"
#include "api/tracking.hpp"
#include "core/account.hpp"
#include "service/read_pool.hpp"
#include "service/shipment_service.hpp"

#include "cache/budgets.hpp"
#include "cache/byte_cache.hpp"

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <unordered_map>

namespace jne::service {

/// Tracking an airwaybill, and recording what the network scans.
class tracking_service {
public:
    tracking_service(store::shipment_store& store, write_queue& writes, clock_fn now = system_now,
                     const cache::budgets& caches = cache::budgets::standard());

    /// Merchants track their own shipments, by airwaybill or by the reference they
    /// sent (the AWB of a pickup, or the order id); operators track every one by
    /// airwaybill. An answer is kept until this process records an event for its airwaybill
    /// (committed()) or another process records any event (refresh()).
    using tracking_ptr = std::shared_ptr<const api::tracking>;
    api::result<tracking_ptr> track(const core::account& caller, std::string_view number) const;
    /// The same, told to `reply`: at once, on the calling (serving) thread, when this process
    /// keeps the answer; else track() runs on `reads`, and reply is called on one of its threads.
    void track(const core::account& caller, std::string_view number, read_pool& reads,
               std::function<void(api::result<tracking_ptr>)> reply) const;

    /// The shipments behind `numbers` (airwaybills, or the caller's own references), in the
    /// order given: the first that is unknown or not the caller's fails them all, worded as
    /// tracking words it. Read from the store each time: labels are not a hot path.
    api::result<std::vector<core::shipment>> shipments(const core::account& caller,
                                                       std::span<const std::string> numbers) const;

    /// A shipment as the public tracking page shows it to whoever holds its airwaybill, as on
    /// JNE's own site: by airwaybill only (never a merchant's reference), names masked, no
    /// address, phone or price. A number that is no airwaybill is `mistyped`; a well-formed one
    /// no shipment has is `unknown`. Read from the store each time (the route is rate-limited).
    api::result<api::public_shipment> look_up(std::string_view number) const;

    /// After each commit of this process, before its writes are answered (the write queue's
    /// hook): forgets the answers of the airwaybills it recorded events for, and only those.
    void committed(const store::tracking_changes& changes);

    /// Reads the database's tracking generation counters (the refresher, every 100 ms): a
    /// counter that moved past what this process's own commits account for means another
    /// process recorded events, and every answer kept so far is dropped.
    void refresh();

    /// Records a batch of scan events (operators only): idempotent per event id,
    /// all or nothing per batch; a refused event says why.
    void record(const core::account& caller, std::vector<api::event_input> events,
                std::function<void(api::result<api::event_batch_result>)> done) const;

private:
    struct cached;
    /// The answer kept for the airwaybill, if any (of the current epoch).
    std::shared_ptr<const cached> kept(const std::string& airwaybill) const;
    /// What track() answers without the store, if this process keeps it: the number's airwaybill
    /// (itself, or a reference's, remembered) and its kept answer.
    std::optional<api::result<tracking_ptr>> from_memory(const core::account& caller,
                                                         std::string_view number) const;
    /// A kept answer, as the caller may see it (a merchant another's shipment: not at all).
    static api::result<tracking_ptr> answer_for(const core::account& caller, const cached& c);
    /// kept() or else read_airwaybill().
    api::result<tracking_ptr> track_airwaybill(const core::account& caller,
                                               std::string_view airwaybill) const;
    /// The answer as the store has it now, kept for the next ask.
    api::result<tracking_ptr> read_airwaybill(const core::account& caller,
                                              std::string_view airwaybill) const;
    static std::string reference_key(const core::account& caller, std::string_view reference);
    /// The airwaybill the caller's reference stands for, remembered once found (a
    /// shipment's reference never changes).
    api::result<std::string> airwaybill_for(const core::account& caller,
                                            std::string_view reference) const;

    struct cached {
        std::int64_t epoch;  ///< answers of an older epoch are dropped
        std::string owner;
        tracking_ptr answer;
    };
    /// Accounts for a counter's value; true if it moved further than that (another process).
    bool account_for(const store::generation_counter& counter);
    static constexpr std::int64_t max_batch = 1000;  // events a batch may hold

    store::shipment_store& store_;
    write_queue& writes_;
    clock_fn now_;
    std::atomic<std::int64_t> epoch_{0};  ///< moves when another process recorded events
    /// Moves before a commit of this process forgets its airwaybills: a read that began before
    /// does not keep what it read.
    std::atomic<std::uint64_t> local_commits_{0};
    std::mutex counters_mutex_;
    /// Per generation counter, the value up to which every move is accounted for.
    std::unordered_map<int, std::int64_t> known_counters_;
    mutable cache::byte_cache<std::string, cached> cache_;
    mutable cache::byte_cache<std::string, std::string> references_;
};

/// Builds the tracking answer from a shipment and its events (any order).
api::tracking tracking_of(const core::shipment& s, std::vector<core::scan_event> events);

/// Builds the public page's view of a shipment from it and its events (any order).
api::public_shipment public_view_of(const core::shipment& s, std::vector<core::scan_event> events);

}  // namespace jne::service
