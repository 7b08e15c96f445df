#pragma once

#include "core/account.hpp"
#include "core/catalogue.hpp"
#include "core/shipment.hpp"
#include "core/tracking.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jne::store {

/// Storage failed (disk, lock, connection): the caller answers "unavailable".
struct storage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A batch lost a race with another process's batch that committed first (an order id both
/// took): nothing of it was written. Its writes, run again, see the other's.
struct write_conflict : storage_error {
    using storage_error::storage_error;
};

/// The parts of the catalogue an operator imports and exports.
enum class catalogue_kind { locations, origins, branches, services, tariffs, hubs };

using catalogue_row = std::variant<core::area, core::origin, core::branch, core::service,
                                   core::tariff_row, core::hub>;

/// Replaces one kind of the catalogue: rows are added in batches, and nothing
/// is visible to readers until commit(). Destroyed without commit, it rolls back.
class catalogue_writer {
public:
    virtual ~catalogue_writer() = default;
    virtual void add(const catalogue_row& row) = 0;
    virtual void commit() = 0;
};

class catalogue_store {
public:
    virtual ~catalogue_store() = default;
    /// Grows on every change to the catalogue; servers poll it.
    virtual std::int64_t version() = 0;
    virtual core::catalogue_data load_catalogue() = 0;
    /// The tariff rows of one route, by primary key: the same cost for a thousand rows or ten
    /// million.
    virtual std::vector<core::rate> rates(std::string_view origin,
                                          std::string_view destination) = 0;
    virtual std::unique_ptr<catalogue_writer> replace(catalogue_kind kind) = 0;
    virtual void for_each(catalogue_kind kind,
                          const std::function<void(const catalogue_row&)>& visit) = 0;
    virtual std::int64_t count(catalogue_kind kind) = 0;
};

class account_store {
public:
    virtual ~account_store() = default;
    /// Grows on every change to the accounts; servers poll it.
    virtual std::int64_t accounts_version() = 0;
    virtual std::vector<core::account> accounts() = 0;
    /// False when the username is taken.
    virtual bool add_account(const core::account& a) = 0;
    /// False when there is no such account.
    virtual bool set_key_hash(std::string_view username, std::string_view key_hash) = 0;
    virtual bool set_disabled(std::string_view username, bool disabled) = 0;
    virtual bool set_rate(std::string_view username, core::request_rate rate) = 0;
    virtual bool set_service_codes(std::string_view username, core::service_year year) = 0;
};

/// An account's order id: what makes a create idempotent.
struct order_key {
    std::string account;
    std::string order_id;
};

/// The sandbox's own bookkeeping, written in a batch: when each shipment moves on
/// by itself next. A courier's data has no use for it; only the sandbox mover and
/// new shipments in sandbox mode touch it.
class sandbox_schedule_writes {
public:
    virtual ~sandbox_schedule_writes() = default;
    /// When the sandbox should next move the shipment along (nothing: never again).
    virtual void schedule(std::string_view airwaybill, std::optional<core::unix_seconds> due) = 0;
    /// Makes every scheduled shipment due now (the speed may have changed since it was scheduled).
    virtual void reschedule_all(core::unix_seconds now) = 0;
};

/// The read side of the sandbox's schedule.
class sandbox_schedule {
public:
    virtual ~sandbox_schedule() = default;
    /// Shipments whose sandbox step is due by `now`, the most overdue first.
    virtual std::vector<std::string> sandbox_due(core::unix_seconds now, std::size_t limit) = 0;
};

/// A merchant's webhook: where Status V2 pushes about its shipments go.
struct webhook_subscription {
    std::int64_t id = 0;
    std::string account;
    std::string url;
    std::vector<std::string> statuses;  ///< the Status V2 statuses wanted; empty: all
    std::string secret;                 ///< the HMAC key of X-Jne-Signature
    core::unix_seconds created_at = 0;
};

enum class delivery_state { pending, delivered, dead };

/// One event for one subscription: the outbox's row, from the commit that caused it to the
/// merchant's answer. Times are in milliseconds since 1970: retries back off from 100 ms.
struct webhook_delivery {
    std::int64_t id = 0;
    std::int64_t subscription_id = 0;
    std::string event_id;  ///< X-Jne-Event-Id: the same on every attempt and replay
    std::string airwaybill;
    std::string status;   ///< the Status V2 status pushed
    std::string payload;  ///< the body, fixed when the event was recorded
    delivery_state state = delivery_state::pending;
    int attempts = 0;
    std::int64_t next_attempt_ms = 0;
    int last_code = 0;        ///< the last answer's HTTP status; 0: none came
    std::string last_answer;  ///< the last answer's first bytes, or why none came
    std::int64_t created_ms = 0;
    std::int64_t updated_ms = 0;
    std::string url;     ///< the subscription's, filled by claim() and listings
    std::string secret;  ///< the subscription's, filled by claim() only
};

/// What an attempt came to: delivered, dead, or pending again at `next_attempt_ms`.
/// Claimed deliveries in the order they were enqueued (by id), as every backend answers them.
inline void in_enqueued_order(std::vector<webhook_delivery>& deliveries) {
    std::sort(deliveries.begin(), deliveries.end(),
              [](const webhook_delivery& a, const webhook_delivery& b) { return a.id < b.id; });
}

struct delivery_outcome {
    delivery_state state = delivery_state::pending;
    std::int64_t next_attempt_ms = 0;
    int code = 0;
    std::string answer;
    std::int64_t at_ms = 0;
};

/// Which deliveries a listing shows: the newest first.
struct delivery_filter {
    std::string airwaybill;    ///< empty: any
    bool failed_only = false;  ///< dead, or pending after a failed attempt
    std::size_t limit = 50;
};

/// The webhooks' subscriptions and outbox, written in a batch: a delivery enqueued with the
/// event that causes it commits or rolls back with it.
class webhook_writes {
public:
    virtual ~webhook_writes() = default;
    /// The new subscription's id. Servers see it at their next poll of webhooks_version().
    virtual std::int64_t subscribe(const webhook_subscription& s) = 0;
    /// False when there is no such subscription. Its pending deliveries die with it.
    virtual bool unsubscribe(std::int64_t id) = 0;
    virtual bool set_webhook_secret(std::int64_t id, std::string_view secret) = 0;
    virtual void enqueue(const webhook_delivery& d) = 0;
    /// Up to `limit` pending deliveries due by `now_ms` and not leased, none behind an earlier
    /// pending delivery of the same subscription and airwaybill (per airwaybill, in order; only
    /// the queues' heads are read); subscriptions take turns, and none has more than
    /// `per_subscription` leased at once (counting those leased before). Leased until
    /// `lease_until_ms`, so that no other claim, in any process, takes them.
    virtual std::vector<webhook_delivery> claim(std::int64_t now_ms, std::int64_t lease_until_ms,
                                                std::size_t limit,
                                                std::size_t per_subscription) = 0;
    /// Counts the attempt and ends the lease.
    virtual void record_attempt(std::int64_t id, const delivery_outcome& o) = 0;
    /// Ends a lease without an attempt (a sender stopping with deliveries unsent).
    virtual void release(std::int64_t id) = 0;
    /// Makes deliveries pending and due at `now_ms` again, attempts from zero: the one with `id`,
    /// or (no id) every one created at or after `since_ms`. How many.
    virtual std::size_t replay(std::optional<std::int64_t> id, std::int64_t since_ms,
                               std::int64_t now_ms) = 0;
};

/// The read side of webhooks.
class webhook_store {
public:
    virtual ~webhook_store() = default;
    /// Grows on every change to the subscriptions; servers poll it.
    virtual std::int64_t webhooks_version() = 0;
    virtual std::vector<webhook_subscription> webhook_subscriptions() = 0;
    virtual std::vector<webhook_delivery> webhook_deliveries(const delivery_filter& f) = 0;
    /// Deliveries waiting to be sent, and when the oldest of them was created (ms; 0: none).
    struct backlog {
        std::int64_t pending = 0;
        std::int64_t oldest_created_ms = 0;
    };
    virtual backlog webhook_backlog() = 0;
};

/// The writes of one group commit: everything done through it becomes durable
/// together at commit(), or not at all. Reads through it see its own writes. Each process
/// has one open at a time; those of several processes sharing a PostgreSQL database run at
/// once, kept apart by the database's constraints and row locks, not by taking turns.
/// One of the counters whose sum is the database's tracking generation: every commit that
/// records events moves one of them by one (PostgreSQL keeps 64, so that concurrent batches do
/// not queue on one row; SQLite one).
struct generation_counter {
    int id = 0;
    std::int64_t value = 0;
    bool operator==(const generation_counter&) const = default;
};

/// What a committed batch changed that tracking answers show.
struct tracking_changes {
    std::optional<generation_counter>
        moved;                             ///< the counter it moved, to its value; none: no event
    std::vector<std::string> airwaybills;  ///< whose events it recorded (or tried to)
};

class write_batch {
public:
    virtual ~write_batch() = default;
    /// The order ids this batch's writes are about to ask for: a backend for which
    /// every question is a round trip may fetch them all at once. Optional.
    virtual void expect_orders(const std::vector<order_key>& keys) { (void)keys; }
    /// The airwaybill of the account's shipment with this order id, if there is one.
    virtual std::optional<std::string> order_airwaybill(std::string_view account,
                                                        std::string_view order_id) = 0;
    /// The next number of the airwaybill sequence, never handed out before.
    virtual std::int64_t next_sequence(core::unix_seconds now) = 0;
    /// Marks an airwaybill the account reserved and has not used as used; false otherwise.
    virtual bool claim_reserved(std::string_view airwaybill, std::string_view account) = 0;
    virtual void reserve(std::string_view airwaybill, std::string_view account,
                         core::unix_seconds now) = 0;
    virtual void insert_shipment(const core::shipment& s) = 0;
    /// The shipment, held by this batch until it commits: another process's batch asking for
    /// it waits, so that what one checks against its events is still true when it writes.
    virtual std::optional<core::shipment> find_shipment(std::string_view airwaybill) = 0;
    virtual std::vector<core::scan_event> events(std::string_view airwaybill) = 0;
    /// False, writing nothing, when an event with the same event_id exists.
    virtual bool insert_event(const core::scan_event& e) = 0;
    /// The sandbox's schedule, written in this batch.
    virtual sandbox_schedule_writes& sandbox() = 0;
    /// The webhooks' subscriptions and outbox, written in this batch.
    virtual webhook_writes& webhooks() = 0;
    /// Makes everything durable (fsync) before returning. Throws write_conflict, writing
    /// nothing, when another process's batch committed a shipment with one of this batch's order
    /// ids after order_airwaybill() was asked: batches of several processes run at once.
    virtual void commit() = 0;
    /// After commit(): whether it wrote anything. A batch that only read (a claim that found
    /// nothing due) commits on a disk that refuses writes, and proves nothing of it.
    virtual bool wrote() const { return true; }
    /// After commit(): what it changed for tracking (the process's cache forgets just that).
    virtual const tracking_changes& changed_tracking() const = 0;
};

class shipment_store {
public:
    virtual ~shipment_store() = default;
    virtual std::unique_ptr<write_batch> begin_writes() = 0;
    /// How many batches of one process may be open at once to good effect: while one waits for
    /// its commit's flush, another runs. 1 where batches take turns anyway (SQLite's one writer).
    virtual std::size_t concurrent_batches() const { return 1; }
    virtual std::optional<core::shipment> find_shipment(std::string_view airwaybill) = 0;
    /// The shipment's events in the order they were recorded.
    virtual std::vector<core::scan_event> events(std::string_view airwaybill) = 0;
    /// A shipment and its events, read together from one snapshot (tracking's one read).
    struct tracked {
        core::shipment shipment;
        std::vector<core::scan_event> events;
    };
    virtual std::optional<tracked> find_tracked(std::string_view airwaybill) = 0;
    /// A tracking answer as it was sent, stored for every process to send again: a cache of what
    /// a shipment and its events make, made again whenever it is not current.
    struct stored_answer {
        std::string airwaybill;
        std::string account;      ///< the shipment's owner
        int format = 0;           ///< the version of the writing that made `body`
        std::int64_t events = 0;  ///< how many events it was made from
        std::string body;
    };
    /// The stored answer of `airwaybill` in `format`, if it was made from every event the
    /// shipment has now (events are only ever added: their number tells). None by default: a
    /// store that keeps no answers.
    virtual std::optional<stored_answer> find_answer(std::string_view airwaybill, int format) {
        (void)airwaybill, (void)format;
        return std::nullopt;
    }
    /// Stores answers, each replacing one of another format or made from fewer events (never a
    /// newer one). Not flushed to disk before returning: a lost answer is made again.
    virtual void store_answers(std::span<const stored_answer> answers) { (void)answers; }
    /// The airwaybill of the account's shipment that it sent `reference` for, as its own
    /// number (AWB) or, failing that, as its order id.
    virtual std::optional<std::string> airwaybill_for_reference(std::string_view account,
                                                                std::string_view reference) = 0;
    /// Every generation counter as it is now, in any order. Their sum grows with every commit
    /// that records events, in any process: tracking answers computed at one generation stay
    /// true until it moves, and a counter that moved by more than this process's commits moved it
    /// tells of another process's events.
    virtual std::vector<generation_counter> tracking_generations() = 0;
};

/// One backend: everything the services persist.
class database : public catalogue_store,
                 public account_store,
                 public shipment_store,
                 public sandbox_schedule,
                 public webhook_store {
public:
    /// How many times a reader or writer found every connection busy and waited (metrics).
    virtual std::uint64_t connection_waits() const = 0;
    /// Whether writes can succeed now, as far as the database can tell without writing: false for
    /// a SQLite file opened read-only (tried again, at most once a second, until it can write).
    virtual bool writable_now() { return true; }
};

}  // namespace jne::store
