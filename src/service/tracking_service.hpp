#pragma once

#include "api/error.hpp"
#include "api/public.hpp"
#include "api/tracking.hpp"
#include "core/account.hpp"
#include "runtime/incident.hpp"
#include "runtime/read_pool.hpp"
#include "service/tracking_answers.hpp"
#include "service/tracking_cache.hpp"

#include "cache/budgets.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

namespace jne::service {

/// Tracking an airwaybill: the answers, kept in a tracking_cache, and the other reads of
/// shipments by number (labels, the public page). Recording events is the event_recorder's.
class tracking_service {
public:
    /// How an answer is written to be sent (the wire's JSON), and that writing's version: the
    /// service keeps the bytes, in memory and in the database, where an answer another version
    /// wrote is made again.
    struct answer_writer {
        void (*encode)(std::string&, const api::tracking&);
        int format;
    };
    /// `database`: the incident a failed read opens.
    tracking_service(store::shipment_store& store, runtime::incident& database,
                     answer_writer writer,
                     const cache::budgets& caches = cache::budgets::standard());

    /// Merchants track their own shipments, by airwaybill or by the reference they
    /// sent (the AWB of a pickup, or the order id); operators track every one by
    /// airwaybill. An answer is kept until this process records an event for its airwaybill
    /// (committed()) or another process records any event (refresh()). Reads the store on the
    /// calling thread when the answer is not kept: the answer stored there if it is current, or
    /// else the shipment and its events, whose answer is then stored (store_answers()).
    /// Answers the bytes the writer wrote.
    using body_ptr = tracking_cache::body_ptr;
    api::result<body_ptr> track(const core::account& caller, std::string_view number) const;
    /// The same, told to `reply`: at once, on the calling (serving) thread, when this process
    /// keeps the answer; else track() runs on `reads`, and reply is called on one of its threads.
    void track_async(const core::account& caller, std::string_view number,
                     runtime::read_pool& reads,
                     std::function<void(api::result<body_ptr>)> reply) const;

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
    void committed(const store::tracking_changes& changes) { cache_.committed(changes); }

    /// Stores in the database the answers made since the last call, for every process to send
    /// again until the shipment's next event (a background thread's, every few milliseconds).
    /// True while more are waiting. A failure is logged and the answers dropped: made again.
    bool store_answers();
    /// What became of the answers made from the store (metrics): stored, or dropped (the queue
    /// was full, or the database refused them).
    struct answer_counts {
        std::atomic<std::uint64_t> stored{0};
        std::atomic<std::uint64_t> dropped{0};
    };
    const answer_counts& answers() const { return answer_counts_; }

    /// Reads the database's tracking generation counters (the refresher, every 100 ms): a
    /// counter that moved past what this process's own commits account for means another
    /// process recorded events, and every answer kept so far is dropped.
    void refresh() { cache_.refresh(store_.tracking_generations()); }

private:
    /// What track() answers without the store, if this process keeps it.
    std::optional<api::result<body_ptr>> from_memory(const core::account& caller,
                                                     std::string_view number) const;
    /// A kept answer, as the caller may see it (a merchant another's shipment: not at all).
    static api::result<body_ptr> answer_for(const core::account& caller,
                                            const tracking_cache::entry& e);
    /// The kept answer, or else the store's, kept for the next ask.
    api::result<body_ptr> track_airwaybill(const core::account& caller,
                                           std::string_view airwaybill) const;
    /// The airwaybill the caller's reference stands for.
    api::result<std::string> airwaybill_for(const core::account& caller,
                                            std::string_view reference) const;

    /// An answer made from the store's shipment and events, queued for store_answers(): a copy,
    /// so that the answer sent is held by no one else once sent (its gzip is not kept).
    using made_answer = store::shipment_store::stored_answer;
    void to_store(made_answer made) const;

    store::shipment_store& store_;
    runtime::incident& database_;
    answer_writer writer_;
    mutable tracking_cache cache_;
    mutable std::mutex made_mutex_;
    mutable std::vector<made_answer> made_;  ///< bounded: past it, an answer is made again
    mutable answer_counts answer_counts_;
};

}  // namespace jne::service
