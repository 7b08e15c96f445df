#include "store/sqlite/sqlite_database.hpp"

#include "store/columns.hpp"
#include "store/sqlite/lookups.hpp"
#include "store/sqlite/sidecars.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

namespace jne::store::sqlite {

const std::vector<std::string_view>& migrations();  // generated from migrations/*.sql

namespace {

namespace sql {
constexpr const char* version = "SELECT value FROM meta WHERE key = 'version'";
constexpr const char* bump_version = "UPDATE meta SET value = value + 1 WHERE key = 'version'";
constexpr const char* accounts_version = "SELECT value FROM meta WHERE key = 'accounts_version'";
constexpr const char* bump_accounts_version =
    "UPDATE meta SET value = value + 1 WHERE key = 'accounts_version'";
constexpr const char* tracking_generation =
    "SELECT value FROM meta WHERE key = 'tracking_generation'";
constexpr const char* bump_tracking_generation =
    "UPDATE meta SET value = value + 1 WHERE key = 'tracking_generation' RETURNING value";
constexpr const char* webhooks_version = "SELECT value FROM meta WHERE key = 'webhooks_version'";
constexpr const char* bump_webhooks_version =
    "UPDATE meta SET value = value + 1 WHERE key = 'webhooks_version'";
constexpr const char* webhook_subscriptions =
    "SELECT id, account, url, statuses, secret, created_at FROM webhook_subscriptions ORDER BY id";
constexpr const char* subscribe =
    "INSERT INTO webhook_subscriptions (account, url, statuses, secret, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* unsubscribe = "DELETE FROM webhook_subscriptions WHERE id = ?1";
constexpr const char* orphan_deliveries =
    "UPDATE webhook_deliveries SET state = 'dead', head = 0, last_answer = 'subscription removed', "
    "updated_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) "
    "WHERE subscription_id = ?1 AND state = 'pending'";
constexpr const char* set_webhook_secret =
    "UPDATE webhook_subscriptions SET secret = ?2 WHERE id = ?1";
// The head of its queue when nothing of the same subscription and airwaybill is pending.
constexpr const char* enqueue_delivery =
    "INSERT INTO webhook_deliveries (subscription_id, event_id, airwaybill, status, payload, "
    "next_attempt_at, created_at, updated_at, head) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?6, "
    "NOT EXISTS (SELECT 1 FROM webhook_deliveries WHERE state = 'pending' AND subscription_id = ?1 "
    "AND airwaybill = ?3))";
#define JNE_DELIVERY_COLUMNS                                                                  \
    "d.id, d.subscription_id, d.event_id, d.airwaybill, d.status, d.payload, d.state, "       \
    "d.attempts, d.next_attempt_at, d.last_code, d.last_answer, d.created_at, d.updated_at, " \
    "coalesce(s.url, ''), coalesce(s.secret, '')"
// The due heads of the queues (one per subscription and airwaybill), taking turns between
// subscriptions: of each subscription its earliest ?3 due heads not leased, ranked after the
// ones it has leased (in flight), up to ?3 each; then the first of every subscription, the
// second… Each subscription's part is read through its own index range (named: without
// statistics SQLite chose the queue index and read every pending delivery): the claim reads at
// most ?3 heads a subscription however many are due.
constexpr const char* claimable =
    "SELECT " JNE_DELIVERY_COLUMNS
    " FROM (SELECT c.*, c.busy + row_number() OVER (PARTITION BY c.subscription_id ORDER BY "
    "c.next_attempt_at, c.id) AS turn FROM (SELECT w.*, (SELECT count(*) FROM "
    "webhook_deliveries AS l INDEXED BY webhook_deliveries_leased_heads WHERE "
    "l.subscription_id = s.id AND l.state = 'pending' AND l.head = 1 AND l.locked_until > ?1) "
    "AS busy FROM webhook_subscriptions AS s JOIN webhook_deliveries AS w ON w.id IN (SELECT "
    "e.id FROM webhook_deliveries AS e INDEXED BY webhook_deliveries_due_heads WHERE "
    "e.subscription_id = s.id AND e.state = 'pending' AND e.head = 1 AND e.next_attempt_at <= ?1 "
    "AND e.locked_until <= ?1 ORDER BY e.next_attempt_at, e.id LIMIT ?3)) AS c) AS d "
    "JOIN webhook_subscriptions AS s ON s.id = d.subscription_id "
    "WHERE d.turn <= ?3 ORDER BY d.turn, d.next_attempt_at, d.id LIMIT ?2";
constexpr const char* lease_delivery =
    "UPDATE webhook_deliveries SET locked_until = ?2 WHERE id = ?1";
constexpr const char* record_attempt =
    "UPDATE webhook_deliveries SET state = ?2, attempts = attempts + 1, next_attempt_at = ?3, "
    "last_code = ?4, last_answer = ?5, updated_at = ?6, locked_until = 0, "
    "head = (?2 = 'pending') WHERE id = ?1";
// After a delivery left its queue (sent, dead): the next pending one of its queue is the head.
constexpr const char* promote_next =
    "UPDATE webhook_deliveries SET head = 1 WHERE id = (SELECT min(e.id) FROM webhook_deliveries "
    "AS e WHERE e.state = 'pending' AND e.subscription_id = (SELECT subscription_id FROM "
    "webhook_deliveries WHERE id = ?1) AND e.airwaybill = (SELECT airwaybill FROM "
    "webhook_deliveries WHERE id = ?1))";
// After a replay: the heads of the queues it touched, again. ?1 is the replayed delivery's id,
// or (?2 = 1) the time from which every delivery was replayed.
constexpr const char* recount_heads =
    "UPDATE webhook_deliveries AS d SET head = (d.id = (SELECT min(e.id) FROM webhook_deliveries "
    "AS e WHERE e.state = 'pending' AND e.subscription_id = d.subscription_id AND e.airwaybill = "
    "d.airwaybill)) WHERE d.state = 'pending' AND EXISTS (SELECT 1 FROM webhook_deliveries AS r "
    "WHERE r.subscription_id = d.subscription_id AND r.airwaybill = d.airwaybill AND "
    "(CASE WHEN ?2 = 1 THEN r.created_at >= ?1 ELSE r.id = ?1 END))";
constexpr const char* release_delivery =
    "UPDATE webhook_deliveries SET locked_until = 0 WHERE id = ?1";
constexpr const char* replay_delivery =
    "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?2, "
    "locked_until = 0, updated_at = ?2 WHERE id = ?1";
constexpr const char* replay_since =
    "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?2, "
    "locked_until = 0, updated_at = ?2 WHERE created_at >= ?1";
constexpr const char* webhook_backlog =
    "SELECT count(*), coalesce(min(created_at), 0) FROM webhook_deliveries WHERE state = "
    "'pending'";
constexpr const char* webhook_deliveries =
    "SELECT " JNE_DELIVERY_COLUMNS
    " FROM webhook_deliveries AS d LEFT JOIN webhook_subscriptions AS s "
    "ON s.id = d.subscription_id WHERE (?1 = '' OR d.airwaybill = ?1) "
    "AND (?2 = 0 OR d.state = 'dead' OR (d.state = 'pending' AND d.attempts > 0)) "
    "ORDER BY d.id DESC LIMIT ?3";
constexpr const char* area_count = "SELECT count(*) FROM areas";
// By one probe of the tariffs' key per origin, never a scan of every tariff row.
constexpr const char* rated_origins =
    "SELECT code FROM origins WHERE EXISTS (SELECT 1 FROM tariffs WHERE origin = origins.code)";
constexpr const char* rates =
    "SELECT service, price, etd_from, etd_thru FROM tariffs WHERE origin = ?1 AND destination = ?2";
constexpr const char* areas =
    "SELECT code, province, city, district, subdistrict, zip FROM areas ORDER BY id";
constexpr const char* origins = "SELECT code, name FROM origins ORDER BY code";
constexpr const char* branches = "SELECT code, name FROM branches ORDER BY code";
constexpr const char* services =
    "SELECT code, display, goods_type, min_kilograms, max_kilograms, flat, rank FROM services "
    "ORDER BY rank, code";
constexpr const char* hubs = "SELECT code, name, latitude, longitude FROM hubs ORDER BY code";
constexpr const char* tariffs =
    "SELECT origin, destination, service, price, etd_from, etd_thru FROM tariffs ORDER BY origin, "
    "destination, service";
constexpr const char* insert_area =
    "INSERT INTO areas (code, province, city, district, subdistrict, zip) VALUES (?1, ?2, ?3, ?4, "
    "?5, ?6)";
constexpr const char* insert_origin = "INSERT OR REPLACE INTO origins (code, name) VALUES (?1, ?2)";
constexpr const char* insert_branch =
    "INSERT OR REPLACE INTO branches (code, name) VALUES (?1, ?2)";
constexpr const char* insert_service =
    "INSERT OR REPLACE INTO services (code, display, goods_type, min_kilograms, max_kilograms, "
    "flat, rank) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* insert_hub =
    "INSERT OR REPLACE INTO hubs (code, name, latitude, longitude) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* insert_tariff =
    "INSERT OR REPLACE INTO tariffs (origin, destination, service, price, etd_from, etd_thru) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* accounts =
    "SELECT username, key_hash, role, customer_numbers, branches, disabled, rate_requests, "
    "rate_seconds, service_codes FROM accounts ORDER BY username";
constexpr const char* insert_account =
    "INSERT OR IGNORE INTO accounts (username, key_hash, role, customer_numbers, branches, "
    "disabled, rate_requests, rate_seconds, service_codes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9)";
constexpr const char* set_key_hash = "UPDATE accounts SET key_hash = ?2 WHERE username = ?1";
constexpr const char* set_disabled = "UPDATE accounts SET disabled = ?2 WHERE username = ?1";
constexpr const char* set_rate =
    "UPDATE accounts SET rate_requests = ?2, rate_seconds = ?3 WHERE username = ?1";
constexpr const char* set_service_codes =
    "UPDATE accounts SET service_codes = ?2 WHERE username = ?1";

constexpr const char* insert_shipment =
    "INSERT INTO shipments (" JNE_STORE_SHIPMENT_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, "
    "?32, ?33, ?34, ?35, "
    "?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50)";
constexpr const char* find_shipment =
    "SELECT " JNE_STORE_SHIPMENT_COLUMNS " FROM shipments WHERE airwaybill = ?1";
using lookups::airwaybill_for_reference;
using lookups::order_airwaybill;
constexpr const char* next_sequence = "INSERT INTO airwaybill_sequence (issued_at) VALUES (?1)";
constexpr const char* claim_reserved =
    "UPDATE reserved_airwaybills SET used = 1 WHERE airwaybill = ?1 AND account = ?2 AND used = 0";
constexpr const char* reserve =
    "INSERT INTO reserved_airwaybills (airwaybill, account, reserved_at) VALUES (?1, ?2, ?3)";
#define JNE_SQLITE_EVENT_COLUMNS "event_id, airwaybill, code, happened_at, place, receiver, note"
constexpr const char* events =
    "SELECT " JNE_SQLITE_EVENT_COLUMNS " FROM events WHERE airwaybill = ?1 ORDER BY id";
// A shipment and its events in one statement, one row per event (one with NULL events if it has
// none): one implicit read transaction, and neither BEGIN nor its end to parse for each read.
constexpr const char* find_tracked =
    "SELECT " JNE_STORE_SHIPMENT_COLUMNS ", " JNE_SQLITE_EVENT_COLUMNS
    " FROM shipments LEFT JOIN events USING (airwaybill) "
    "WHERE airwaybill = ?1 ORDER BY events.id";
#undef JNE_SQLITE_EVENT_COLUMNS
constexpr const char* insert_event =
    "INSERT OR IGNORE INTO events (event_id, airwaybill, code, happened_at, place, receiver, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* sandbox_due =
    "SELECT airwaybill FROM shipments WHERE sandbox_due_at IS NOT NULL AND sandbox_due_at <= ?1 "
    "ORDER BY sandbox_due_at LIMIT ?2";
constexpr const char* schedule_sandbox =
    "UPDATE shipments SET sandbox_due_at = ?2 WHERE airwaybill = ?1";
constexpr const char* reschedule_sandbox =
    "UPDATE shipments SET sandbox_due_at = ?1 WHERE sandbox_due_at IS NOT NULL AND sandbox_due_at "
    "> ?1";
}  // namespace sql

std::optional<int> optional_int(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}

void bind_optional(SQLite::Statement& s, int index, std::optional<int> value) {
    value ? s.bind(index, *value) : s.bind(index);
}

void bind_party(SQLite::Statement& q, int first, const core::party& p) {
    for (const std::string* f : columns::party_fields(p)) q.bind(first++, *f);
}

core::party read_party(SQLite::Statement& q, int first) {
    core::party p;
    for (std::string* f : columns::party_fields(p)) *f = q.getColumn(first++).getString();
    return p;
}

void bind_shipment(SQLite::Statement& q, const core::shipment& s) {
    const std::string* head[] = {&s.airwaybill, &s.account, &s.order_id, &s.reference_number};
    int i = 1;
    for (const std::string* f : head) q.bind(i++, *f);
    q.bind(i++, columns::channel_name(s.channel));
    for (const std::string* f :
         {&s.origin, &s.origin_name, &s.destination, &s.destination_name, &s.service_code,
          &s.service_display, &s.branch, &s.customer_number})
        q.bind(i++, *f);
    bind_party(q, i, s.shipper);
    bind_party(q, i + 10, s.receiver);
    i += 20;
    q.bind(i++, s.quantity);
    q.bind(i++, s.weight.value);
    q.bind(i++, s.chargeable_kilograms);
    q.bind(i++, s.goods_description);
    q.bind(i++, s.goods_value);
    q.bind(i++, s.goods_type);
    q.bind(i++, s.instructions);
    q.bind(i++, s.insured ? 1 : 0);
    q.bind(i++, s.cod ? 1 : 0);
    q.bind(i++, s.cost.price_per_kg);
    q.bind(i++, s.cost.freight);
    q.bind(i++, s.cost.insurance);
    q.bind(i++, s.cost.cod_amount);
    bind_optional(q, i++, s.etd_from);
    bind_optional(q, i++, s.etd_thru);
    q.bind(i++, s.created_at);
    q.bind(i++, s.pickup_details);
}

core::shipment read_shipment(SQLite::Statement& q) {
    core::shipment s;
    int i = 0;
    for (std::string* f : {&s.airwaybill, &s.account, &s.order_id, &s.reference_number})
        *f = q.getColumn(i++).getString();
    s.channel = columns::channel_of(q.getColumn(i++).getString());
    for (std::string* f : {&s.origin, &s.origin_name, &s.destination, &s.destination_name,
                           &s.service_code, &s.service_display, &s.branch, &s.customer_number})
        *f = q.getColumn(i++).getString();
    s.shipper = read_party(q, i);
    s.receiver = read_party(q, i + 10);
    i += 20;
    s.quantity = q.getColumn(i++).getString();
    s.weight = core::grams{q.getColumn(i++).getInt64()};
    s.chargeable_kilograms = q.getColumn(i++).getInt64();
    s.goods_description = q.getColumn(i++).getString();
    s.goods_value = q.getColumn(i++).getInt64();
    s.goods_type = q.getColumn(i++).getString();
    s.instructions = q.getColumn(i++).getString();
    s.insured = q.getColumn(i++).getInt() != 0;
    s.cod = q.getColumn(i++).getInt() != 0;
    s.cost.price_per_kg = q.getColumn(i++).getInt64();
    s.cost.freight = q.getColumn(i++).getInt64();
    s.cost.insurance = q.getColumn(i++).getInt64();
    s.cost.cod_amount = q.getColumn(i++).getInt64();
    s.etd_from = optional_int(q.getColumn(i++));
    s.etd_thru = optional_int(q.getColumn(i++));
    s.created_at = q.getColumn(i++).getInt64();
    s.pickup_details = q.getColumn(i++).getString();
    return s;
}

// The columns read_shipment reads, the events' after them in sql::find_tracked.
constexpr int shipment_column_count = [] {
    int n = 1;
    for (char c : std::string_view(JNE_STORE_SHIPMENT_COLUMNS)) n += c == ',';
    return n;
}();
static_assert(shipment_column_count == 50);

// The event whose columns start at `first`.
core::scan_event read_event(SQLite::Statement& q, int first = 0) {
    return core::scan_event{
        q.getColumn(first).isNull() ? std::string() : q.getColumn(first).getString(),
        q.getColumn(first + 1).getString(),
        q.getColumn(first + 2).getString(),
        q.getColumn(first + 3).getInt64(),
        q.getColumn(first + 4).getString(),
        q.getColumn(first + 5).getString(),
        q.getColumn(first + 6).getString()};
}

// Prepared statements kept per connection: preparing costs more than running
// the hot queries. A lease resets its statement when done, so no statement
// holds a read snapshot open between uses.
class statement_cache {
public:
    explicit statement_cache(SQLite::Database& db) : db_(db) {}

    class lease {
    public:
        explicit lease(SQLite::Statement& s) : s_(s) {}
        // Never throws: after a failed step reset() would rethrow the failure
        // from a destructor, and end the process.
        ~lease() {
            s_.tryReset();
            try {
                s_.clearBindings();
            } catch (const SQLite::Exception&) {
                // the statement is reset, which is all the next user needs
            }
        }
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        SQLite::Statement& operator*() { return s_; }
        SQLite::Statement* operator->() { return &s_; }

    private:
        SQLite::Statement& s_;
    };

    lease get(const char* sql) {
        auto& slot = statements_[sql];
        if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
        return lease(*slot);
    }
    SQLite::Database& db() { return db_; }

private:
    SQLite::Database& db_;
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
};

std::optional<core::shipment> query_shipment(statement_cache& statements,
                                             std::string_view airwaybill) {
    auto q = statements.get(sql::find_shipment);
    q->bind(1, std::string(airwaybill));
    if (!q->executeStep()) return std::nullopt;
    return read_shipment(*q);
}

std::optional<shipment_store::tracked> query_tracked(statement_cache& statements,
                                                     std::string_view airwaybill) {
    auto q = statements.get(sql::find_tracked);
    q->bind(1, std::string(airwaybill));
    if (!q->executeStep()) return std::nullopt;
    shipment_store::tracked found{read_shipment(*q), {}};
    constexpr int code = shipment_column_count + 2;  // never NULL in a row that has an event
    if (q->getColumn(code).isNull()) return found;
    do {
        found.events.push_back(read_event(*q, shipment_column_count));
    } while (q->executeStep());
    return found;
}

std::vector<core::scan_event> query_events(statement_cache& statements,
                                           std::string_view airwaybill) {
    auto q = statements.get(sql::events);
    q->bind(1, std::string(airwaybill));
    std::vector<core::scan_event> out;
    while (q->executeStep()) out.push_back(read_event(*q));
    return out;
}

webhook_delivery read_delivery(SQLite::Statement& q) {
    webhook_delivery d;
    d.id = q.getColumn(0).getInt64();
    d.subscription_id = q.getColumn(1).getInt64();
    d.event_id = q.getColumn(2).getString();
    d.airwaybill = q.getColumn(3).getString();
    d.status = q.getColumn(4).getString();
    d.payload = q.getColumn(5).getString();
    d.state = columns::delivery_state_named(q.getColumn(6).getString());
    d.attempts = q.getColumn(7).getInt();
    d.next_attempt_ms = q.getColumn(8).getInt64();
    d.last_code = q.getColumn(9).getInt();
    d.last_answer = q.getColumn(10).getString();
    d.created_ms = q.getColumn(11).getInt64();
    d.updated_ms = q.getColumn(12).getInt64();
    d.url = q.getColumn(13).getString();
    d.secret = q.getColumn(14).getString();
    return d;
}

const char* table_of(catalogue_kind kind) {
    switch (kind) {
        case catalogue_kind::locations:
            return "areas";
        case catalogue_kind::origins:
            return "origins";
        case catalogue_kind::branches:
            return "branches";
        case catalogue_kind::services:
            return "services";
        case catalogue_kind::tariffs:
            return "tariffs";
        case catalogue_kind::hubs:
            return "hubs";
    }
    return "areas";
}

class sqlite_catalogue_writer;
class sqlite_write_batch;

// Readers of shipments and events, beside the one writing connection: in WAL
// mode they read while a group commit is being written.
class reader_pool {
public:
    reader_pool(const std::string& path, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) {
            auto r = std::make_unique<reader>(path);
            r->db.exec("PRAGMA query_only = ON");
            readers_.push_back(std::move(r));
        }
    }

    template <class F>
    auto with(F&& f) -> decltype(f(std::declval<statement_cache&>())) {
        const std::size_t start =
            std::hash<std::thread::id>{}(std::this_thread::get_id()) % readers_.size();
        // Take a free reader if one is; else wait for this thread's own.
        for (std::size_t i = 0; i < readers_.size(); ++i) {
            reader& r = *readers_[(start + i) % readers_.size()];
            std::unique_lock lock(r.mutex, std::try_to_lock);
            if (lock) return f(r.statements);
        }
        reader& r = *readers_[start];
        waits_.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard lock(r.mutex);
        return f(r.statements);
    }

    /// How many reads found every reader busy and waited.
    std::uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }

private:
    struct reader {
        explicit reader(const std::string& path)
            : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, 10000), statements(db) {}
        std::mutex mutex;  // a connection serves one thread at a time
        SQLite::Database db;
        statement_cache statements;
    };
    std::vector<std::unique_ptr<reader>> readers_;
    std::atomic<std::uint64_t> waits_{0};
};

class sqlite_database final : public database {
public:
    explicit sqlite_database(const std::string& path)
        : path_(path), writer_(std::make_unique<writer>(path)) {
        // A file that cannot be written yet is served read-only until it can, if its schema is
        // current; one that needs migrating cannot be served at all. The probe migrates.
        const std::lock_guard lock(mutex_);
        if (!writable_locked() && !schema_current())
            throw storage_error("cannot write " + unwritable_file(path).value_or(path) +
                                " to bring its schema up to date: " + why_not_writable_);
        readers_.emplace(path, 4);
    }

    std::unique_ptr<write_batch> begin_writes() override;

    bool writable_now() override {
        // A probe must not wait behind a group commit: while writes succeed the flag says so;
        // once one failed (a read-only file, a full disk), a real write decides, when no batch
        // holds the writer.
        if (writable_.load(std::memory_order_acquire)) return true;
        const std::unique_lock lock(mutex_, std::try_to_lock);
        return lock.owns_lock() && writable_locked();
    }

    std::optional<core::shipment> find_shipment(std::string_view airwaybill) override {
        return read_with([&](statement_cache& db) { return query_shipment(db, airwaybill); });
    }

    std::vector<core::scan_event> events(std::string_view airwaybill) override {
        return read_with([&](statement_cache& db) { return query_events(db, airwaybill); });
    }

    std::vector<generation_counter> tracking_generations() override {
        return read_with([&](statement_cache& db) {
            auto q = db.get(sql::tracking_generation);
            // One counter: SQLite's batches take turns anyway.
            return std::vector<generation_counter>{
                {0, q->executeStep() ? q->getColumn(0).getInt64() : 0}};
        });
    }

    std::optional<tracked> find_tracked(std::string_view airwaybill) override {
        return read_with([&](statement_cache& db) { return query_tracked(db, airwaybill); });
    }

    std::optional<std::string> airwaybill_for_reference(std::string_view account,
                                                        std::string_view reference) override {
        return read_with([&](statement_cache& db) -> std::optional<std::string> {
            auto q = db.get(sql::airwaybill_for_reference);
            q->bind(1, std::string(account));
            q->bind(2, std::string(reference));
            if (!q->executeStep()) return std::nullopt;
            return q->getColumn(0).getString();
        });
    }

    std::vector<std::string> sandbox_due(core::unix_seconds now, std::size_t limit) override {
        return read_with([&](statement_cache& db) {
            auto q = db.get(sql::sandbox_due);
            q->bind(1, now);
            q->bind(2, static_cast<std::int64_t>(limit));
            std::vector<std::string> out;
            while (q->executeStep()) out.push_back(q->getColumn(0).getString());
            return out;
        });
    }

    // Read by the refresher every second and by /readyz: from a reader, never behind a batch.
    std::int64_t version() override {
        return read_with([&](statement_cache& db) {
            auto q = db.get(sql::version);
            return q->executeStep() ? q->getColumn(0).getInt64() : 0;
        });
    }

    core::catalogue_data load_catalogue() override {
        return guarded([&] {
            SQLite::Transaction snapshot(writer_->db);  // one consistent read across the tables
            core::catalogue_data data;
            // Reserved: grown by doubling, the sandbox's 84,000 areas would need half as much
            // again.
            SQLite::Statement areas(writer_->db, sql::area_count);
            if (areas.executeStep())
                data.areas.reserve(static_cast<std::size_t>(areas.getColumn(0).getInt64()));
            for_each_locked(catalogue_kind::locations, [&](const catalogue_row& r) {
                data.areas.push_back(std::get<core::area>(r));
            });
            for_each_locked(catalogue_kind::origins, [&](const catalogue_row& r) {
                data.origins.push_back(std::get<core::origin>(r));
            });
            for_each_locked(catalogue_kind::branches, [&](const catalogue_row& r) {
                data.branches.push_back(std::get<core::branch>(r));
            });
            for_each_locked(catalogue_kind::services, [&](const catalogue_row& r) {
                data.services.push_back(std::get<core::service>(r));
            });
            for_each_locked(catalogue_kind::hubs, [&](const catalogue_row& r) {
                data.hubs.push_back(std::get<core::hub>(r));
            });
            SQLite::Statement rated(writer_->db, sql::rated_origins);
            while (rated.executeStep())
                data.rated_origins.push_back(rated.getColumn(0).getString());
            return data;
        });
    }

    std::vector<core::rate> rates(std::string_view origin, std::string_view destination) override {
        return guarded([&] {
            if (!rates_) rates_.emplace(writer_->db, sql::rates);
            SQLite::Statement& q = *rates_;
            q.reset();
            q.bind(1, std::string(origin));
            q.bind(2, std::string(destination));
            std::vector<core::rate> out;
            while (q.executeStep())
                out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                               optional_int(q.getColumn(2)), optional_int(q.getColumn(3))});
            return out;
        });
    }

    std::unique_ptr<catalogue_writer> replace(catalogue_kind kind) override;

    void for_each(catalogue_kind kind,
                  const std::function<void(const catalogue_row&)>& visit) override {
        guarded([&] {
            for_each_locked(kind, visit);
            return 0;
        });
    }

    std::int64_t count(catalogue_kind kind) override {
        return guarded([&] {
            SQLite::Statement q(writer_->db, std::string("SELECT count(*) FROM ") + table_of(kind));
            return q.executeStep() ? q.getColumn(0).getInt64() : 0;
        });
    }

    std::int64_t accounts_version() override {
        return read_with([&](statement_cache& db) {
            auto q = db.get(sql::accounts_version);
            return q->executeStep() ? q->getColumn(0).getInt64() : 0;
        });
    }

    std::vector<core::account> accounts() override {
        return guarded([&] {
            SQLite::Statement q(writer_->db, sql::accounts);
            std::vector<core::account> out;
            while (q.executeStep()) {
                core::account a;
                a.username = q.getColumn(0).getString();
                a.key_hash = q.getColumn(1).getString();
                a.role = q.getColumn(2).getString() == "operator" ? core::role::operator_
                                                                  : core::role::merchant;
                a.customer_numbers = columns::split(q.getColumn(3).getString());
                a.branches = columns::split(q.getColumn(4).getString());
                a.disabled = q.getColumn(5).getInt() != 0;
                a.rate = {static_cast<std::uint32_t>(q.getColumn(6).getInt64()),
                          static_cast<std::uint32_t>(q.getColumn(7).getInt64())};
                a.service_codes = static_cast<core::service_year>(q.getColumn(8).getInt());
                out.push_back(std::move(a));
            }
            return out;
        });
    }

    bool add_account(const core::account& a) override {
        return write([&] {
            SQLite::Statement q(writer_->db, sql::insert_account);
            q.bind(1, a.username);
            q.bind(2, a.key_hash);
            q.bind(3, std::string(core::role_name(a.role)));
            q.bind(4, columns::join(a.customer_numbers));
            q.bind(5, columns::join(a.branches));
            q.bind(6, a.disabled ? 1 : 0);
            q.bind(7, static_cast<std::int64_t>(a.rate.events));
            q.bind(8, static_cast<std::int64_t>(a.rate.seconds));
            q.bind(9, static_cast<int>(a.service_codes));
            return q.exec() == 1;
        });
    }

    bool set_key_hash(std::string_view username, std::string_view key_hash) override {
        return write([&] {
            SQLite::Statement q(writer_->db, sql::set_key_hash);
            q.bind(1, std::string(username));
            q.bind(2, std::string(key_hash));
            return q.exec() == 1;
        });
    }

    bool set_disabled(std::string_view username, bool disabled) override {
        return write([&] {
            SQLite::Statement q(writer_->db, sql::set_disabled);
            q.bind(1, std::string(username));
            q.bind(2, disabled ? 1 : 0);
            return q.exec() == 1;
        });
    }

    bool set_rate(std::string_view username, core::request_rate rate) override {
        return write([&] {
            SQLite::Statement q(writer_->db, sql::set_rate);
            q.bind(1, std::string(username));
            q.bind(2, static_cast<std::int64_t>(rate.events));
            q.bind(3, static_cast<std::int64_t>(rate.seconds));
            return q.exec() == 1;
        });
    }

    bool set_service_codes(std::string_view username, core::service_year year) override {
        return write([&] {
            SQLite::Statement q(writer_->db, sql::set_service_codes);
            q.bind(1, std::string(username));
            q.bind(2, static_cast<int>(year));
            return q.exec() == 1;
        });
    }

    std::uint64_t connection_waits() const override { return readers_->waits(); }

    backlog webhook_backlog() override {
        return read_with([&](statement_cache& db) {
            auto q = db.get(sql::webhook_backlog);
            q->executeStep();
            return backlog{q->getColumn(0).getInt64(), q->getColumn(1).getInt64()};
        });
    }

    std::int64_t webhooks_version() override {
        return read_with([&](statement_cache& db) {
            auto q = db.get(sql::webhooks_version);
            return q->executeStep() ? q->getColumn(0).getInt64() : 0;
        });
    }

    std::vector<webhook_subscription> webhook_subscriptions() override {
        return read_with([&](statement_cache& db) {
            auto q = db.get(sql::webhook_subscriptions);
            std::vector<webhook_subscription> out;
            while (q->executeStep())
                out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(),
                               q->getColumn(2).getString(),
                               columns::split(q->getColumn(3).getString()),
                               q->getColumn(4).getString(), q->getColumn(5).getInt64()});
            return out;
        });
    }

    std::vector<webhook_delivery> webhook_deliveries(const delivery_filter& f) override {
        return read_with([&](statement_cache& db) {
            auto q = db.get(sql::webhook_deliveries);
            q->bind(1, f.airwaybill);
            q->bind(2, f.failed_only ? 1 : 0);
            q->bind(3, static_cast<std::int64_t>(f.limit));
            std::vector<webhook_delivery> out;
            while (q->executeStep()) {
                out.push_back(read_delivery(*q));
                out.back().secret.clear();  // a listing never shows a secret
            }
            return out;
        });
    }

private:
    friend class sqlite_catalogue_writer;
    friend class sqlite_write_batch;

    template <class F>
    auto read_with(F&& f) -> decltype(f(std::declval<statement_cache&>())) {
        try {
            return readers_->with(std::forward<F>(f));
        } catch (const SQLite::Exception& e) {
            throw storage_error(e.what());
        }
    }

    // Every call holds the connection's lock and turns SQLite's exceptions into storage_error.
    template <class F>
    auto guarded(F&& f) -> decltype(f()) {
        std::lock_guard lock(mutex_);
        try {
            return f();
        } catch (const SQLite::Exception& e) {
            throw storage_error(e.what());
        }
    }

    // An account change that servers must notice: done in one transaction with its version's bump.
    template <class F>
    bool write(F&& f) {
        return guarded([&] {
            SQLite::Transaction tx(writer_->db, SQLite::TransactionBehavior::IMMEDIATE);
            bool changed = f();
            if (changed) writer_->db.exec(sql::bump_accounts_version);
            tx.commit();
            return changed;
        });
    }

    bool schema_current() {
        try {
            SQLite::Statement q(writer_->db, "SELECT count(*) FROM schema_migrations");
            return q.executeStep() &&
                   q.getColumn(0).getInt64() == static_cast<std::int64_t>(migrations().size());
        } catch (const SQLite::Exception&) {
            return false;  // no schema at all
        }
    }

    void migrate() {
        writer_->db.exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)");
        const auto& all = migrations();
        for (std::size_t i = 0; i < all.size(); ++i) {
            SQLite::Transaction tx(writer_->db, SQLite::TransactionBehavior::IMMEDIATE);
            SQLite::Statement applied(writer_->db,
                                      "SELECT 1 FROM schema_migrations WHERE version = ?1");
            applied.bind(1, static_cast<int>(i + 1));
            if (applied.executeStep()) continue;
            writer_->db.exec(std::string(all[i]));
            SQLite::Statement record(writer_->db,
                                     "INSERT INTO schema_migrations (version) VALUES (?1)");
            record.bind(1, static_cast<int>(i + 1));
            record.exec();
            tx.commit();
        }
    }

    void for_each_locked(catalogue_kind kind,
                         const std::function<void(const catalogue_row&)>& visit) {
        switch (kind) {
            case catalogue_kind::locations: {
                SQLite::Statement q(writer_->db, sql::areas);
                while (q.executeStep())
                    visit(core::area{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                                     q.getColumn(4).getString(), q.getColumn(5).getString()});
                break;
            }
            case catalogue_kind::origins: {
                SQLite::Statement q(writer_->db, sql::origins);
                while (q.executeStep())
                    visit(core::origin{q.getColumn(0).getString(), q.getColumn(1).getString()});
                break;
            }
            case catalogue_kind::branches: {
                SQLite::Statement q(writer_->db, sql::branches);
                while (q.executeStep())
                    visit(core::branch{q.getColumn(0).getString(), q.getColumn(1).getString()});
                break;
            }
            case catalogue_kind::services: {
                SQLite::Statement q(writer_->db, sql::services);
                while (q.executeStep())
                    visit(core::service{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                        q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                                        q.getColumn(4).getInt64(), q.getColumn(5).getInt() != 0,
                                        q.getColumn(6).getInt()});
                break;
            }
            case catalogue_kind::tariffs: {
                SQLite::Statement q(writer_->db, sql::tariffs);
                while (q.executeStep())
                    visit(core::tariff_row{
                        q.getColumn(0).getString(), q.getColumn(1).getString(),
                        core::rate{q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                                   optional_int(q.getColumn(4)), optional_int(q.getColumn(5))}});
                break;
            }
            case catalogue_kind::hubs: {
                SQLite::Statement q(writer_->db, sql::hubs);
                while (q.executeStep())
                    visit(core::hub{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                    q.getColumn(2).getDouble(), q.getColumn(3).getDouble()});
                break;
            }
        }
    }

    // The one writing connection. SQLite opens a file it may not write read-only, silently: such
    // a connection is replaced when the probe finds the file writable again (writable_now).
    struct writer {
        explicit writer(const std::string& path)
            : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX,
                 10000) {
            db.exec("PRAGMA journal_mode = WAL");
            db.exec("PRAGMA synchronous = FULL");
            db.exec("PRAGMA foreign_keys = ON");
        }
        bool read_only() const { return sqlite3_db_readonly(db.getHandle(), "main") == 1; }
        SQLite::Database db;
        statement_cache statements{db};
    };

    // Whether the database takes writes: true while they succeed; after a failure (a batch's, or
    // the last probe's), a real write decides, at most once a second. Holds mutex_.
    bool writable_locked() {
        if (writable_.load(std::memory_order_acquire)) return true;
        const auto now = std::chrono::steady_clock::now();
        if (probed_ && now - last_probe_ < std::chrono::seconds(1)) return false;
        probed_ = true;
        last_probe_ = now;
        const bool writable = write_probe();
        writable_.store(writable, std::memory_order_release);
        return writable;
    }

    // A write that must reach the disk as a create's does: a row of meta, committed. The
    // sidecars are mended first and the connection reopened if SQLite opened it read-only.
    bool write_probe() {
        try {
            mend_sidecars(path_);
            if (writer_->read_only()) {
                auto fresh = std::make_unique<writer>(path_);
                if (fresh->read_only()) {
                    why_not_writable_ = "the file is read-only";
                    return false;
                }
                rates_.reset();
                writer_ = std::move(fresh);
            }
            migrate();
            writer_->db.exec(
                "INSERT INTO meta (key, value) VALUES ('write_probe', 1) "
                "ON CONFLICT (key) DO UPDATE SET value = meta.value + 1");
            return true;
        } catch (const SQLite::Exception& e) {
            why_not_writable_ = e.what();
            if (auto file = unwritable_file(path_)) why_not_writable_ += ", " + *file;
            return false;
        }
    }

    // A write the file or the disk refused: readiness asks a probe again (writable_now).
    void note_failed_write(int code) {
        const int primary = code & 0xff;
        if (primary == SQLITE_READONLY || primary == SQLITE_FULL || primary == SQLITE_IOERR ||
            primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
            writable_.store(false, std::memory_order_release);
    }

    // The connection a batch or an import writes through, reopened first if it could not write.
    // The caller holds mutex_.
    SQLite::Database& writing_connection() {
        writable_locked();
        return writer_->db;
    }

    const std::string path_;
    std::mutex mutex_;
    std::unique_ptr<writer> writer_;
    std::atomic<bool> writable_{false};  ///< the last writable_locked(): read without mutex_
    bool probed_ = false;
    std::chrono::steady_clock::time_point last_probe_{};
    std::string why_not_writable_;  ///< the last probe's failure
    std::optional<SQLite::Statement> rates_;
    std::optional<reader_pool> readers_;
};

// Holds the connection for the whole import: one transaction, so readers see
// the old catalogue until the new one is complete.
class sqlite_catalogue_writer final : public catalogue_writer {
public:
    sqlite_catalogue_writer(sqlite_database& owner, catalogue_kind kind)
        : lock_(owner.mutex_), db_(owner.writing_connection()), insert_(db_, insert_sql(kind)) {
        try {
            tx_.emplace(db_, SQLite::TransactionBehavior::IMMEDIATE);
            db_.exec(std::string("DELETE FROM ") + table_of(kind));
        } catch (const SQLite::Exception& e) {
            throw storage_error(e.what());
        }
    }

    void add(const catalogue_row& row) override {
        try {
            insert_.reset();
            std::visit([this](const auto& r) { bind(r); }, row);
            insert_.exec();
        } catch (const SQLite::Exception& e) {
            throw storage_error(e.what());
        }
    }

    void commit() override {
        try {
            db_.exec(sql::bump_version);
            tx_->commit();
        } catch (const SQLite::Exception& e) {
            throw storage_error(e.what());
        }
    }

private:
    static const char* insert_sql(catalogue_kind kind) {
        switch (kind) {
            case catalogue_kind::locations:
                return sql::insert_area;
            case catalogue_kind::origins:
                return sql::insert_origin;
            case catalogue_kind::branches:
                return sql::insert_branch;
            case catalogue_kind::services:
                return sql::insert_service;
            case catalogue_kind::tariffs:
                return sql::insert_tariff;
            case catalogue_kind::hubs:
                return sql::insert_hub;
        }
        return sql::insert_area;
    }

    void bind(const core::area& a) {
        insert_.bind(1, a.code), insert_.bind(2, a.province), insert_.bind(3, a.city);
        insert_.bind(4, a.district), insert_.bind(5, a.subdistrict), insert_.bind(6, a.zip);
    }
    void bind(const core::origin& o) { insert_.bind(1, o.code), insert_.bind(2, o.name); }
    void bind(const core::branch& b) { insert_.bind(1, b.code), insert_.bind(2, b.name); }
    void bind(const core::service& s) {
        insert_.bind(1, s.code), insert_.bind(2, s.display), insert_.bind(3, s.goods_type);
        insert_.bind(4, s.min_kilograms), insert_.bind(5, s.max_kilograms),
            insert_.bind(6, s.flat ? 1 : 0);
        insert_.bind(7, s.rank);
    }
    void bind(const core::tariff_row& t) {
        insert_.bind(1, t.origin), insert_.bind(2, t.destination), insert_.bind(3, t.rate.service);
        insert_.bind(4, t.rate.price);
        bind_optional(insert_, 5, t.rate.etd_from);
        bind_optional(insert_, 6, t.rate.etd_thru);
    }
    void bind(const core::hub& h) {
        insert_.bind(1, h.code), insert_.bind(2, h.name), insert_.bind(3, h.latitude),
            insert_.bind(4, h.longitude);
    }

    std::unique_lock<std::mutex> lock_;
    SQLite::Database& db_;
    SQLite::Statement insert_;
    std::optional<SQLite::Transaction> tx_;
};

// One transaction on the writing connection, held (with its lock) until commit.
class sqlite_write_batch final : public write_batch,
                                 public sandbox_schedule_writes,
                                 public webhook_writes {
public:
    explicit sqlite_write_batch(sqlite_database& owner)
        : owner_(owner),
          lock_(owner.mutex_),
          db_(owner.writing_connection()),
          statements_(owner.writer_->statements) {
        guard([&] { tx_.emplace(db_, SQLite::TransactionBehavior::IMMEDIATE); });
        changes_at_begin_ = sqlite3_total_changes64(db_.getHandle());
    }

    bool wrote() const override {
        return sqlite3_total_changes64(db_.getHandle()) != changes_at_begin_;
    }

    std::optional<std::string> order_airwaybill(std::string_view account,
                                                std::string_view order_id) override {
        return guard([&]() -> std::optional<std::string> {
            auto q = statements_.get(sql::order_airwaybill);
            q->bind(1, std::string(account));
            q->bind(2, std::string(order_id));
            if (!q->executeStep()) return std::nullopt;
            return q->getColumn(0).getString();
        });
    }

    std::int64_t next_sequence(core::unix_seconds now) override {
        return guard([&] {
            auto q = statements_.get(sql::next_sequence);
            q->bind(1, now);
            q->exec();
            return db_.getLastInsertRowid();
        });
    }

    bool claim_reserved(std::string_view airwaybill, std::string_view account) override {
        return guard([&] {
            auto q = statements_.get(sql::claim_reserved);
            q->bind(1, std::string(airwaybill));
            q->bind(2, std::string(account));
            return q->exec() == 1;
        });
    }

    void reserve(std::string_view airwaybill, std::string_view account,
                 core::unix_seconds now) override {
        guard([&] {
            auto q = statements_.get(sql::reserve);
            q->bind(1, std::string(airwaybill));
            q->bind(2, std::string(account));
            q->bind(3, now);
            q->exec();
        });
    }

    void insert_shipment(const core::shipment& shipment) override {
        guard([&] {
            auto q = statements_.get(sql::insert_shipment);
            bind_shipment(*q, shipment);
            q->exec();
        });
    }

    std::optional<core::shipment> find_shipment(std::string_view airwaybill) override {
        return guard([&] { return query_shipment(statements_, airwaybill); });
    }

    std::vector<core::scan_event> events(std::string_view airwaybill) override {
        return guard([&] { return query_events(statements_, airwaybill); });
    }

    bool insert_event(const core::scan_event& e) override {
        return guard([&] {
            auto q = statements_.get(sql::insert_event);
            e.event_id.empty() ? q->bind(1) : q->bind(1, e.event_id);
            q->bind(2, e.airwaybill);
            q->bind(3, e.code);
            q->bind(4, e.at);
            q->bind(5, e.place);
            q->bind(6, e.receiver);
            q->bind(7, e.note);
            const bool recorded = q->exec() == 1;
            if (recorded) changes_.airwaybills.push_back(e.airwaybill);
            return recorded;
        });
    }

    sandbox_schedule_writes& sandbox() override { return *this; }

    void schedule(std::string_view airwaybill, std::optional<core::unix_seconds> due) override {
        guard([&] {
            auto q = statements_.get(sql::schedule_sandbox);
            q->bind(1, std::string(airwaybill));
            due ? q->bind(2, *due) : q->bind(2);
            q->exec();
        });
    }

    void reschedule_all(core::unix_seconds now) override {
        guard([&] {
            auto q = statements_.get(sql::reschedule_sandbox);
            q->bind(1, now);
            q->exec();
        });
    }

    webhook_writes& webhooks() override { return *this; }

    std::int64_t subscribe(const webhook_subscription& w) override {
        return guard([&] {
            auto q = statements_.get(sql::subscribe);
            q->bind(1, w.account);
            q->bind(2, w.url);
            q->bind(3, columns::join(w.statuses));
            q->bind(4, w.secret);
            q->bind(5, w.created_at);
            q->exec();
            subscriptions_changed_ = true;
            return db_.getLastInsertRowid();
        });
    }

    bool unsubscribe(std::int64_t id) override {
        return guard([&] {
            auto q = statements_.get(sql::unsubscribe);
            q->bind(1, id);
            if (q->exec() != 1) return false;
            auto orphans = statements_.get(sql::orphan_deliveries);
            orphans->bind(1, id);
            orphans->exec();
            subscriptions_changed_ = true;
            return true;
        });
    }

    bool set_webhook_secret(std::int64_t id, std::string_view secret) override {
        return guard([&] {
            auto q = statements_.get(sql::set_webhook_secret);
            q->bind(1, id);
            q->bind(2, std::string(secret));
            const bool changed = q->exec() == 1;
            subscriptions_changed_ |= changed;
            return changed;
        });
    }

    void enqueue(const webhook_delivery& d) override {
        guard([&] {
            auto q = statements_.get(sql::enqueue_delivery);
            q->bind(1, d.subscription_id);
            q->bind(2, d.event_id);
            q->bind(3, d.airwaybill);
            q->bind(4, d.status);
            q->bind(5, d.payload);
            q->bind(6, d.created_ms);
            q->exec();
        });
    }

    std::vector<webhook_delivery> claim(std::int64_t now_ms, std::int64_t lease_until_ms,
                                        std::size_t limit, std::size_t per_subscription) override {
        return guard([&] {
            std::vector<webhook_delivery> out;
            {
                auto q = statements_.get(sql::claimable);
                q->bind(1, now_ms);
                q->bind(2, static_cast<std::int64_t>(limit));
                q->bind(3, static_cast<std::int64_t>(per_subscription));
                while (q->executeStep()) out.push_back(read_delivery(*q));
            }
            // In the order they were enqueued, as every backend answers.
            std::sort(
                out.begin(), out.end(),
                [](const webhook_delivery& a, const webhook_delivery& b) { return a.id < b.id; });
            for (const webhook_delivery& d : out) {
                auto lease = statements_.get(sql::lease_delivery);
                lease->bind(1, d.id);
                lease->bind(2, lease_until_ms);
                lease->exec();
            }
            return out;
        });
    }

    void record_attempt(std::int64_t id, const delivery_outcome& o) override {
        guard([&] {
            auto q = statements_.get(sql::record_attempt);
            q->bind(1, id);
            q->bind(2, std::string(columns::delivery_state_name(o.state)));
            q->bind(3, o.next_attempt_ms);
            q->bind(4, o.code);
            q->bind(5, o.answer);
            q->bind(6, o.at_ms);
            q->exec();
            auto next = statements_.get(sql::promote_next);
            next->bind(1, id);
            next->exec();
        });
    }

    void release(std::int64_t id) override {
        guard([&] {
            auto q = statements_.get(sql::release_delivery);
            q->bind(1, id);
            q->exec();
        });
    }

    std::size_t replay(std::optional<std::int64_t> id, std::int64_t since_ms,
                       std::int64_t now_ms) override {
        return guard([&] {
            auto q = statements_.get(id ? sql::replay_delivery : sql::replay_since);
            q->bind(1, id.value_or(since_ms));
            q->bind(2, now_ms);
            const auto replayed = static_cast<std::size_t>(q->exec());
            auto heads = statements_.get(sql::recount_heads);
            heads->bind(1, id.value_or(since_ms));
            heads->bind(2, id ? 0 : 1);
            heads->exec();
            return replayed;
        });
    }

    void commit() override {
        guard([&] {
            if (!changes_.airwaybills.empty()) {
                auto bump = statements_.get(sql::bump_tracking_generation);
                if (bump->executeStep()) changes_.moved = {0, bump->getColumn(0).getInt64()};
            }
            if (subscriptions_changed_) statements_.get(sql::bump_webhooks_version)->exec();
            tx_->commit();
        });
    }

    const tracking_changes& changed_tracking() const override { return changes_; }

private:
    tracking_changes changes_;
    bool subscriptions_changed_ = false;

    template <class F>
    auto guard(F&& f) -> decltype(f()) {
        try {
            return f();
        } catch (const SQLite::Exception& e) {
            owner_.note_failed_write(e.getErrorCode());
            throw storage_error(e.what());
        }
    }

    sqlite_database& owner_;
    sqlite3_int64 changes_at_begin_ = 0;
    std::unique_lock<std::mutex> lock_;
    SQLite::Database& db_;
    statement_cache& statements_;
    std::optional<SQLite::Transaction> tx_;
};

std::unique_ptr<write_batch> sqlite_database::begin_writes() {
    return std::make_unique<sqlite_write_batch>(*this);
}

std::unique_ptr<catalogue_writer> sqlite_database::replace(catalogue_kind kind) {
    return std::make_unique<sqlite_catalogue_writer>(*this, kind);
}

}  // namespace

std::unique_ptr<database> open(const std::string& path) {
    // Before the first connection: no global lock around every SQLite allocation for statistics
    // nobody reads.
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
    try {
        return std::make_unique<sqlite_database>(path);
    } catch (const SQLite::Exception& e) {
        throw storage_error("cannot open SQLite database " + path + ": " + e.what());
    }
}

}  // namespace jne::store::sqlite
