#include "store/postgres/postgres_database.hpp"

#include "store/columns.hpp"
#include "store/postgres/lookups.hpp"

#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <utility>

namespace jne::store::postgres {

const std::vector<std::string_view>& migrations();  // generated from migrations/*.sql

namespace {

// The key of the transaction-scoped advisory lock under which one process migrates.
constexpr long long migration_lock = 0x4a4e4501;

#define JNE_DELIVERY_COLUMNS                                                                  \
    "d.id, d.subscription_id, d.event_id, d.airwaybill, d.status, d.payload, d.state, "       \
    "d.attempts, d.next_attempt_at, d.last_code, d.last_answer, d.created_at, d.updated_at, " \
    "coalesce(s.url, ''), coalesce(s.secret, '')"

// Every statement the backend runs more than once, prepared on each connection. A batch's rows
// travel as arrays (unnest): one prepared statement whatever their number, where a VALUES list
// of as many rows would be parsed and planned afresh every time.
struct statement {
    const char* name;
    const char* sql;
};

constexpr statement statements[] = {
    {"version", "SELECT value FROM meta WHERE key = 'version'"},
    {"accounts_version", "SELECT value FROM meta WHERE key = 'accounts_version'"},
    {"tracking_generations",
     "SELECT shard, value FROM tracking_generations "
     "UNION ALL SELECT -1, value FROM meta WHERE key = 'tracking_generation'"},
    {"bump", "UPDATE meta SET value = value + 1 WHERE key = $1"},
    {"rates",
     "SELECT service, price, etd_from, etd_thru FROM tariffs WHERE origin = $1 AND destination = "
     "$2"},
    {"accounts",
     "SELECT username, key_hash, role, customer_numbers, branches, disabled, rate_requests, "
     "rate_seconds, service_codes FROM accounts ORDER BY username"},
    {"add_account",
     "INSERT INTO accounts (username, key_hash, role, customer_numbers, branches, disabled, "
     "rate_requests, rate_seconds, service_codes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
     "ON CONFLICT (username) DO NOTHING"},
    {"set_key_hash", "UPDATE accounts SET key_hash = $2 WHERE username = $1"},
    {"set_disabled", "UPDATE accounts SET disabled = $2 WHERE username = $1"},
    {"set_rate", "UPDATE accounts SET rate_requests = $2, rate_seconds = $3 WHERE username = $1"},
    {"set_service_codes", "UPDATE accounts SET service_codes = $2 WHERE username = $1"},
    {"find_shipment", "SELECT " JNE_STORE_SHIPMENT_COLUMNS " FROM shipments WHERE airwaybill = $1"},
    // A write batch's read of a shipment it may add events to: held until the batch commits.
    {"lock_shipment",
     "SELECT " JNE_STORE_SHIPMENT_COLUMNS " FROM shipments WHERE airwaybill = $1 FOR UPDATE"},
    // A shipment and its events in one statement, so one snapshot and one round trip.
    {"find_tracked",
     "SELECT s.*, e.event_id, e.airwaybill, e.code, e.happened_at, e.place, e.receiver, e.note "
     "FROM (SELECT " JNE_STORE_SHIPMENT_COLUMNS " FROM shipments WHERE airwaybill = $1) AS s "
     "LEFT JOIN events AS e ON e.airwaybill = s.airwaybill ORDER BY e.id"},
    {"order_airwaybill", lookups::order_airwaybill},
    // Each key looked up in the unique index (LATERAL, kept apart by its LIMIT): a join with the
    // arrays was planned as a hash of every shipment, and a prepared statement keeps its plan.
    {"expected_orders",
     "SELECT k.account, k.order_id, s.airwaybill FROM unnest($1::text[], $2::text[]) AS k "
     "(account, order_id) CROSS JOIN LATERAL (SELECT airwaybill FROM shipments WHERE account = "
     "k.account AND order_id = k.order_id LIMIT 1) AS s"},
    {"airwaybill_for_reference", lookups::airwaybill_for_reference},
    {"next_sequences", "SELECT nextval('airwaybill_sequence') FROM generate_series(1, $1)"},
    {"claim_reserved",
     "UPDATE reserved_airwaybills SET used = true WHERE airwaybill = $1 AND account = $2 AND NOT "
     "used"},
    {"reserve",
     "INSERT INTO reserved_airwaybills (airwaybill, account, reserved_at) VALUES ($1, $2, $3)"},
    {"events",
     "SELECT event_id, airwaybill, code, happened_at, place, receiver, note FROM events WHERE "
     "airwaybill = $1 "
     "ORDER BY id"},
    // What a batch holds back until it must write (write_held): its new shipments and the
    // system's events, each as one array of the table's rows (parameters::as_rows; the shipments'
    // columns in the table's order, JNE_STORE_SHIPMENT_COLUMNS then sandbox_due_at), and at
    // commit the bump of this backend's tracking generation ($3), in one round trip. An order
    // id already taken skips its row, which the count of those created then lacks.
    {"write_rows",
     "WITH created AS (INSERT INTO shipments SELECT * FROM unnest($1::shipments[]) "
     "ON CONFLICT (account, order_id) DO NOTHING RETURNING 1), "
     "recorded AS (INSERT INTO events (airwaybill, code, happened_at, place, receiver, note) "
     "SELECT airwaybill, code, happened_at, place, receiver, note FROM unnest($2::events[])), "
     "moved AS (UPDATE tracking_generations SET value = value + 1 "
     "WHERE $3::boolean AND shard = pg_backend_pid() % 64 RETURNING shard, value) "
     "SELECT (SELECT count(*) FROM created), moved.shard, moved.value "
     "FROM (SELECT 1) AS one LEFT JOIN moved ON true"},
    {"insert_event",
     "INSERT INTO events (event_id, airwaybill, code, happened_at, place, receiver, note) "
     "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING"},
    {"webhooks_version", "SELECT value FROM meta WHERE key = 'webhooks_version'"},
    {"webhook_subscriptions",
     "SELECT id, account, url, statuses, secret, created_at FROM webhook_subscriptions ORDER BY "
     "id"},
    {"subscribe",
     "INSERT INTO webhook_subscriptions (account, url, statuses, secret, created_at) VALUES ($1, "
     "$2, $3, $4, $5) RETURNING id"},
    {"unsubscribe", "DELETE FROM webhook_subscriptions WHERE id = $1"},
    {"orphan_deliveries",
     "UPDATE webhook_deliveries SET state = 'dead', head = false, last_answer = 'subscription "
     "removed', "
     "updated_at = (extract(epoch FROM now()) * 1000)::bigint WHERE subscription_id = $1 AND "
     "state = 'pending'"},
    {"set_webhook_secret", "UPDATE webhook_subscriptions SET secret = $2 WHERE id = $1"},
    // The head of its queue when nothing of the same subscription and airwaybill is pending. The
    // pending rows are locked: a head being finished in another process is waited for and then
    // seen finished, and one finished later sees this delivery when it names the next head.
    {"enqueue_delivery",
     "WITH ahead AS (SELECT id FROM webhook_deliveries WHERE state = 'pending' AND "
     "subscription_id = $1 AND airwaybill = $3 FOR UPDATE) "
     "INSERT INTO webhook_deliveries (subscription_id, event_id, airwaybill, status, payload, "
     "next_attempt_at, created_at, updated_at, head) SELECT $1, $2, $3, $4, $5, $6, $6, $6, NOT "
     "EXISTS (SELECT 1 FROM ahead)"},
    // The due heads of the queues (one per subscription and airwaybill), taking turns between
    // subscriptions: of each its earliest $4 due heads not leased (its own index range),
    // ranked after those it has leased, up to $4 in flight each; SKIP LOCKED lets processes
    // claiming at once pass each other.
    {"claim_deliveries",
     "WITH cand AS (SELECT w.id, w.subscription_id, w.next_attempt_at, (SELECT count(*) FROM "
     "webhook_deliveries AS l WHERE l.subscription_id = s.id AND l.state = 'pending' AND l.head "
     "AND l.locked_until > $1) AS busy FROM webhook_subscriptions AS s CROSS JOIN LATERAL "
     "(SELECT e.id, e.subscription_id, e.next_attempt_at FROM webhook_deliveries AS e WHERE "
     "e.subscription_id = s.id AND e.state = 'pending' AND e.head AND e.next_attempt_at <= $1 "
     "AND e.locked_until <= $1 ORDER BY e.next_attempt_at, e.id LIMIT $4) AS w), "
     "ranked AS (SELECT id, next_attempt_at, busy + row_number() OVER (PARTITION BY "
     "subscription_id ORDER BY next_attempt_at, id) AS turn FROM cand), "
     "due AS (SELECT d.id FROM webhook_deliveries AS d JOIN ranked AS r ON r.id = d.id WHERE "
     "r.turn <= $4 AND d.state = 'pending' AND d.head AND d.locked_until <= $1 "
     "ORDER BY r.turn, r.next_attempt_at, r.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED) "
     "UPDATE webhook_deliveries AS d SET locked_until = $3 FROM due, webhook_subscriptions AS s "
     "WHERE d.id = due.id AND s.id = d.subscription_id RETURNING " JNE_DELIVERY_COLUMNS},
    {"record_attempt",
     "UPDATE webhook_deliveries SET state = $2, attempts = attempts + 1, next_attempt_at = $3, "
     "last_code = $4, last_answer = $5, updated_at = $6, locked_until = 0, head = ($2 = "
     "'pending') WHERE id = $1"},
    // After a delivery left its queue (sent, dead): the next pending one of its queue is the
    // head. A statement of its own, so that it sees a delivery enqueued meanwhile and committed.
    {"promote_next",
     "UPDATE webhook_deliveries SET head = true WHERE id = (SELECT min(e.id) FROM "
     "webhook_deliveries AS e WHERE e.state = 'pending' AND e.subscription_id = (SELECT "
     "subscription_id FROM webhook_deliveries WHERE id = $1) AND e.airwaybill = (SELECT "
     "airwaybill FROM webhook_deliveries WHERE id = $1))"},
    // After a replay: the heads of the queues it touched, again ($2: $1 is a time, not an id).
    {"recount_heads",
     "UPDATE webhook_deliveries AS d SET head = (d.id = (SELECT min(e.id) FROM webhook_deliveries "
     "AS e WHERE e.state = 'pending' AND e.subscription_id = d.subscription_id AND e.airwaybill = "
     "d.airwaybill)) WHERE d.state = 'pending' AND EXISTS (SELECT 1 FROM webhook_deliveries AS r "
     "WHERE r.subscription_id = d.subscription_id AND r.airwaybill = d.airwaybill AND "
     "(CASE WHEN $2 THEN r.created_at >= $1 ELSE r.id = $1 END))"},
    {"release_delivery", "UPDATE webhook_deliveries SET locked_until = 0 WHERE id = $1"},
    {"replay_delivery",
     "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $2, "
     "locked_until = 0, updated_at = $2 WHERE id = $1"},
    {"replay_since",
     "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = $2, "
     "locked_until = 0, updated_at = $2 WHERE created_at >= $1"},
    {"webhook_deliveries",
     "SELECT " JNE_DELIVERY_COLUMNS
     " FROM webhook_deliveries AS d LEFT JOIN webhook_subscriptions AS s ON s.id = "
     "d.subscription_id WHERE ($1 = '' OR d.airwaybill = $1) AND (NOT $2 OR d.state = 'dead' OR "
     "(d.state = 'pending' AND d.attempts > 0)) ORDER BY d.id DESC LIMIT $3"},
    {"webhook_backlog",
     "SELECT count(*), coalesce(min(created_at), 0) FROM webhook_deliveries WHERE state = "
     "'pending'"},
    {"sandbox_due",
     "SELECT airwaybill FROM shipments WHERE sandbox_due_at IS NOT NULL AND sandbox_due_at <= $1 "
     "ORDER BY sandbox_due_at, airwaybill LIMIT $2"},  // one order: processes lock rows alike
    // "= ANY": the rows found through the primary key, never by a scan of every shipment.
    {"schedule_sandboxes",
     "UPDATE shipments AS s SET sandbox_due_at = v.due FROM unnest($1::text[], $2::bigint[]) AS v "
     "(airwaybill, due) WHERE s.airwaybill = ANY($1::text[]) AND s.airwaybill = v.airwaybill"},
    {"reschedule_sandbox",
     "UPDATE shipments SET sandbox_due_at = $1 WHERE sandbox_due_at IS NOT NULL AND sandbox_due_at "
     "> $1"},
};

// How each kind of the catalogue is kept: its table, the columns an import
// writes, and the query that reads it back in a stable order.
struct catalogue_table {
    const char* table;
    std::vector<std::string> columns;
    const char* select;
};

const catalogue_table& table_of(catalogue_kind kind) {
    static const catalogue_table areas{
        "areas",
        {"code", "province", "city", "district", "subdistrict", "zip"},
        "SELECT code, province, city, district, subdistrict, zip FROM areas ORDER BY id"};
    static const catalogue_table origins{
        "origins", {"code", "name"}, "SELECT code, name FROM origins ORDER BY code"};
    static const catalogue_table branches{
        "branches", {"code", "name"}, "SELECT code, name FROM branches ORDER BY code"};
    static const catalogue_table services{
        "services",
        {"code", "display", "goods_type", "min_kilograms", "max_kilograms", "flat", "rank"},
        "SELECT code, display, goods_type, min_kilograms, max_kilograms, flat, rank FROM services "
        "ORDER BY rank, code"};
    static const catalogue_table tariffs{
        "tariffs",
        {"origin", "destination", "service", "price", "etd_from", "etd_thru"},
        "SELECT origin, destination, service, price, etd_from, etd_thru FROM tariffs "
        "ORDER BY origin, destination, service"};
    static const catalogue_table hubs{
        "hubs",
        {"code", "name", "latitude", "longitude"},
        "SELECT code, name, latitude, longitude FROM hubs ORDER BY code"};
    switch (kind) {
        case catalogue_kind::locations:
            return areas;
        case catalogue_kind::origins:
            return origins;
        case catalogue_kind::branches:
            return branches;
        case catalogue_kind::services:
            return services;
        case catalogue_kind::tariffs:
            return tariffs;
        case catalogue_kind::hubs:
            return hubs;
    }
    return areas;
}

std::optional<int> optional_int(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<int>(f.as<int>());
}

// Parameters known only at run time (a shipment's fifty columns), NULLs included.
class parameters {
public:
    void add(std::string value) { values_.emplace_back(std::move(value)); }
    void add(std::int64_t value) { values_.emplace_back(std::to_string(value)); }
    void add(bool value) { values_.emplace_back(value ? "true" : "false"); }
    template <class Number>
    void add(std::optional<Number> value) {
        value ? values_.emplace_back(std::to_string(*value)) : values_.emplace_back(std::nullopt);
    }
    /// The rows added, `columns` values each, as one array per column (PostgreSQL's array
    /// literals: every element quoted, NULL bare): unnest() turns them back into the rows.
    parameters as_arrays(std::size_t columns) const {
        parameters arrays;
        for (std::size_t c = 0; c < columns; ++c) {
            std::string array = "{";
            for (std::size_t i = c; i < values_.size(); i += columns) {
                if (i != c) array += ',';
                values_[i] ? quote(array, *values_[i]) : void(array += "NULL");
            }
            arrays.add(array + '}');
        }
        return arrays;
    }
    /// The rows added, `columns` values each, as one array of row literals
    /// ({"(\"a\",,\"b\")",…}: a row's fields quoted, NULL empty; each row quoted again as an
    /// element) for unnest() of a table's row type. One array is one function scan, where
    /// unnest() of an array per column materialises each column apart: in PostgreSQL 15 a
    /// tuplestore of 16 kB a column, allocated and freed with every batch, took a quarter of
    /// the database's time in creates.
    std::string as_rows(std::size_t columns) const {
        std::string array = "{", row;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            row += i % columns == 0 ? '(' : ',';
            if (values_[i]) quote(row, *values_[i]);
            if (i % columns != columns - 1) continue;
            if (i + 1 != columns) array += ',';
            quote(array, row + ')');
            row.clear();
        }
        return array + '}';
    }
    /// Pointers into the values, NULL for NULL, valid while this object lives unchanged.
    std::vector<const char*> pointers() const {
        std::vector<const char*> out;
        for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
        return out;
    }

private:
    // Double quotes around, a backslash before each quote and backslash: as arrays and rows
    // both read an element.
    static void quote(std::string& out, std::string_view value) {
        out += '"';
        for (const char ch : value) {
            if (ch == '"' || ch == '\\') out += '\\';
            out += ch;
        }
        out += '"';
    }

    std::vector<std::optional<std::string>> values_;
};

// The shipments table has this many columns (JNE_STORE_SHIPMENT_COLUMNS).
constexpr std::size_t shipment_columns = 50;

// Appends a shipment's columns, in JNE_STORE_SHIPMENT_COLUMNS' order.
void add_shipment(parameters& p, const core::shipment& s) {
    for (const std::string* f : {&s.airwaybill, &s.account, &s.order_id, &s.reference_number})
        p.add(*f);
    p.add(columns::channel_name(s.channel));
    for (const std::string* f :
         {&s.origin, &s.origin_name, &s.destination, &s.destination_name, &s.service_code,
          &s.service_display, &s.branch, &s.customer_number})
        p.add(*f);
    for (const std::string* f : columns::party_fields(s.shipper)) p.add(*f);
    for (const std::string* f : columns::party_fields(s.receiver)) p.add(*f);
    p.add(s.quantity);
    p.add(s.weight.value);
    p.add(s.chargeable_kilograms);
    p.add(s.goods_description);
    p.add(s.goods_value);
    p.add(s.goods_type);
    p.add(s.instructions);
    p.add(s.insured);
    p.add(s.cod);
    p.add(s.cost.price_per_kg);
    p.add(s.cost.freight);
    p.add(s.cost.insurance);
    p.add(s.cost.cod_amount);
    p.add(s.etd_from);
    p.add(s.etd_thru);
    p.add(s.created_at);
    p.add(s.pickup_details);
}

core::shipment read_shipment(const pqxx::row& row) {
    core::shipment s;
    pqxx::row::size_type i = 0;
    auto text = [&] { return row[i++].as<std::string>(); };
    auto number = [&] { return row[i++].as<std::int64_t>(); };
    for (std::string* f : {&s.airwaybill, &s.account, &s.order_id, &s.reference_number})
        *f = text();
    s.channel = columns::channel_of(text());
    for (std::string* f : {&s.origin, &s.origin_name, &s.destination, &s.destination_name,
                           &s.service_code, &s.service_display, &s.branch, &s.customer_number})
        *f = text();
    for (std::string* f : columns::party_fields(s.shipper)) *f = text();
    for (std::string* f : columns::party_fields(s.receiver)) *f = text();
    s.quantity = text();
    s.weight = core::grams{number()};
    s.chargeable_kilograms = number();
    s.goods_description = text();
    s.goods_value = number();
    s.goods_type = text();
    s.instructions = text();
    s.insured = row[i++].as<bool>();
    s.cod = row[i++].as<bool>();
    s.cost.price_per_kg = number();
    s.cost.freight = number();
    s.cost.insurance = number();
    s.cost.cod_amount = number();
    s.etd_from = optional_int(row[i++]);
    s.etd_thru = optional_int(row[i++]);
    s.created_at = number();
    s.pickup_details = text();
    return s;
}

// An event's seven columns, from column `first` of a row.
core::scan_event read_event(const pqxx::row& r, pqxx::row::size_type first = 0) {
    auto text = [&](pqxx::row::size_type i) { return r[first + i].as<std::string>(); };
    return core::scan_event{r[first].is_null() ? std::string() : text(0),
                            text(1),
                            text(2),
                            r[first + 3].as<std::int64_t>(),
                            text(4),
                            text(5),
                            text(6)};
}

webhook_delivery read_delivery(const pqxx::row& r) {
    webhook_delivery d;
    d.id = r[0].as<std::int64_t>();
    d.subscription_id = r[1].as<std::int64_t>();
    d.event_id = r[2].as<std::string>();
    d.airwaybill = r[3].as<std::string>();
    d.status = r[4].as<std::string>();
    d.payload = r[5].as<std::string>();
    d.state = columns::delivery_state_named(r[6].as<std::string>());
    d.attempts = r[7].as<int>();
    d.next_attempt_ms = r[8].as<std::int64_t>();
    d.last_code = r[9].as<int>();
    d.last_answer = r[10].as<std::string>();
    d.created_ms = r[11].as<std::int64_t>();
    d.updated_ms = r[12].as<std::int64_t>();
    d.url = r[13].as<std::string>();
    d.secret = r[14].as<std::string>();
    return d;
}

std::vector<core::scan_event> read_events(const pqxx::result& rows) {
    std::vector<core::scan_event> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(read_event(r));
    return out;
}

catalogue_row read_catalogue_row(catalogue_kind kind, const pqxx::row& r) {
    auto text = [&](int i) { return r[i].as<std::string>(); };
    switch (kind) {
        case catalogue_kind::locations:
            return core::area{text(0), text(1), text(2), text(3), text(4), text(5)};
        case catalogue_kind::origins:
            return core::origin{text(0), text(1)};
        case catalogue_kind::branches:
            return core::branch{text(0), text(1)};
        case catalogue_kind::services:
            return core::service{text(0),
                                 text(1),
                                 text(2),
                                 r[3].as<std::int64_t>(),
                                 r[4].as<std::int64_t>(),
                                 r[5].as<bool>(),
                                 r[6].as<int>()};
        case catalogue_kind::tariffs:
            return core::tariff_row{text(0), text(1),
                                    core::rate{text(2), r[3].as<std::int64_t>(), optional_int(r[4]),
                                               optional_int(r[5])}};
        case catalogue_kind::hubs:
            return core::hub{text(0), text(1), r[2].as<double>(), r[3].as<double>()};
    }
    return core::origin{};
}

// Reads a whole kind in its order through a cursor: ten million tariff rows
// never sit in memory at once.
void visit_catalogue(pqxx::transaction_base& tx, catalogue_kind kind,
                     const std::function<void(const catalogue_row&)>& visit) {
    tx.exec(std::string("DECLARE catalogue_rows NO SCROLL CURSOR FOR ") + table_of(kind).select);
    for (;;) {
        const pqxx::result chunk = tx.exec("FETCH 10000 FROM catalogue_rows");
        if (chunk.empty()) break;
        for (const auto& row : chunk) visit(read_catalogue_row(kind, row));
    }
    tx.exec("CLOSE catalogue_rows");
}

// Connections, opened when first needed and reused; a connection serves one
// user at a time. One that broke is dropped when returned, and replaced.
class connection_pool {
public:
    connection_pool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {}

    class lease {
    public:
        lease(connection_pool& pool, std::unique_ptr<pqxx::connection> c)
            : pool_(pool), c_(std::move(c)) {}
        ~lease() { pool_.give_back(std::move(c_)); }
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        pqxx::connection& operator*() { return *c_; }

    private:
        connection_pool& pool_;
        std::unique_ptr<pqxx::connection> c_;
    };

    lease acquire() {
        std::unique_lock lock(mutex_);
        if (idle_.empty() && open_ >= size_) {
            waits_.fetch_add(1, std::memory_order_relaxed);
            returned_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
        }
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return lease(*this, std::move(c));
        }
        ++open_;
        lock.unlock();
        try {
            return lease(*this, connect());
        } catch (...) {
            give_back(nullptr);
            throw;
        }
    }

    /// How many acquisitions found every connection in use and waited.
    std::uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }

private:
    std::unique_ptr<pqxx::connection> connect() {
        auto c = std::make_unique<pqxx::connection>(url_);
        // An acknowledged write must survive a crash, whatever the server's default.
        c->set_variable("synchronous_commit", "on");
        for (const statement& s : statements) c->prepare(s.name, s.sql);
        return c;
    }

    void give_back(std::unique_ptr<pqxx::connection> c) {
        {
            std::lock_guard lock(mutex_);
            if (c && c->is_open())
                idle_.push_back(std::move(c));
            else
                --open_;
        }
        returned_.notify_one();
    }

    std::string url_;
    std::size_t size_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::atomic<std::uint64_t> waits_{0};
    std::vector<std::unique_ptr<pqxx::connection>> idle_;
    std::size_t open_ = 0;
};

// PostgreSQL's failures (connection, constraint, timeout) become storage_error; a transaction
// it rolled back to break a deadlock between two processes' batches, a write_conflict (to run
// again, not an incident).
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const pqxx::deadlock_detected& e) {
        throw write_conflict(e.what());
    } catch (const pqxx::serialization_failure& e) {
        throw write_conflict(e.what());
    } catch (const pqxx::failure& e) {
        throw storage_error(e.what());
    }
}

std::int64_t single_number(const pqxx::result& r) {
    return r.empty() ? 0 : r[0][0].as<std::int64_t>();
}

using snapshot = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

class postgres_database final : public database {
public:
    postgres_database(std::string url, std::size_t connections)
        : pool_(std::move(url), connections) {
        migrate();
    }

    // -- catalogue_store

    std::int64_t version() override { return read_number("version"); }

    core::catalogue_data load_catalogue() override {
        return with_connection([&](pqxx::connection& c) {
            snapshot tx(c);  // one consistent read across the tables
            core::catalogue_data data;
            // Reserved: grown by doubling, the sandbox's 84,000 areas would need half as much
            // again.
            data.areas.reserve(
                static_cast<std::size_t>(single_number(tx.exec("SELECT count(*) FROM areas"))));
            visit_catalogue(tx, catalogue_kind::locations, [&](const catalogue_row& r) {
                data.areas.push_back(std::get<core::area>(r));
            });
            visit_catalogue(tx, catalogue_kind::origins, [&](const catalogue_row& r) {
                data.origins.push_back(std::get<core::origin>(r));
            });
            visit_catalogue(tx, catalogue_kind::branches, [&](const catalogue_row& r) {
                data.branches.push_back(std::get<core::branch>(r));
            });
            visit_catalogue(tx, catalogue_kind::services, [&](const catalogue_row& r) {
                data.services.push_back(std::get<core::service>(r));
            });
            visit_catalogue(tx, catalogue_kind::hubs, [&](const catalogue_row& r) {
                data.hubs.push_back(std::get<core::hub>(r));
            });
            // By one probe of the tariffs' key per origin, never a scan of every tariff row.
            for (const auto& row : tx.exec("SELECT code FROM origins WHERE EXISTS "
                                           "(SELECT 1 FROM tariffs WHERE origin = origins.code)"))
                data.rated_origins.push_back(row[0].as<std::string>());
            return data;
        });
    }

    std::vector<core::rate> rates(std::string_view origin, std::string_view destination) override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            const auto rows =
                tx.exec_prepared("rates", std::string(origin), std::string(destination));
            std::vector<core::rate> out;
            for (const auto& r : rows)
                out.push_back({r[0].as<std::string>(), r[1].as<std::int64_t>(), optional_int(r[2]),
                               optional_int(r[3])});
            return out;
        });
    }

    std::unique_ptr<catalogue_writer> replace(catalogue_kind kind) override;

    void for_each(catalogue_kind kind,
                  const std::function<void(const catalogue_row&)>& visit) override {
        with_connection([&](pqxx::connection& c) {
            snapshot tx(c);
            visit_catalogue(tx, kind, visit);
            return 0;
        });
    }

    std::int64_t count(catalogue_kind kind) override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            return single_number(
                tx.exec(std::string("SELECT count(*) FROM ") + table_of(kind).table));
        });
    }

    // -- account_store

    std::int64_t accounts_version() override { return read_number("accounts_version"); }

    std::vector<core::account> accounts() override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            std::vector<core::account> out;
            for (const auto& r : tx.exec_prepared("accounts")) {
                core::account a;
                a.username = r[0].as<std::string>();
                a.key_hash = r[1].as<std::string>();
                a.role = r[2].as<std::string>() == "operator" ? core::role::operator_
                                                              : core::role::merchant;
                a.customer_numbers = columns::split(r[3].as<std::string>());
                a.branches = columns::split(r[4].as<std::string>());
                a.disabled = r[5].as<bool>();
                a.rate = {r[6].as<std::uint32_t>(), r[7].as<std::uint32_t>()};
                a.service_codes = static_cast<core::service_year>(r[8].as<int>());
                out.push_back(std::move(a));
            }
            return out;
        });
    }

    bool add_account(const core::account& a) override {
        return change_accounts([&](pqxx::work& tx) {
            return tx.exec_prepared(
                "add_account", a.username, a.key_hash, std::string(core::role_name(a.role)),
                columns::join(a.customer_numbers), columns::join(a.branches), a.disabled,
                static_cast<std::int64_t>(a.rate.events), static_cast<std::int64_t>(a.rate.seconds),
                static_cast<int>(a.service_codes));
        });
    }

    bool set_key_hash(std::string_view username, std::string_view key_hash) override {
        return change_accounts([&](pqxx::work& tx) {
            return tx.exec_prepared("set_key_hash", std::string(username), std::string(key_hash));
        });
    }

    bool set_disabled(std::string_view username, bool disabled) override {
        return change_accounts([&](pqxx::work& tx) {
            return tx.exec_prepared("set_disabled", std::string(username), disabled);
        });
    }

    bool set_rate(std::string_view username, core::request_rate rate) override {
        return change_accounts([&](pqxx::work& tx) {
            return tx.exec_prepared("set_rate", std::string(username),
                                    static_cast<std::int64_t>(rate.events),
                                    static_cast<std::int64_t>(rate.seconds));
        });
    }

    bool set_service_codes(std::string_view username, core::service_year year) override {
        return change_accounts([&](pqxx::work& tx) {
            return tx.exec_prepared("set_service_codes", std::string(username),
                                    static_cast<int>(year));
        });
    }

    // -- shipment_store

    std::unique_ptr<write_batch> begin_writes() override;

    std::optional<core::shipment> find_shipment(std::string_view airwaybill) override {
        return with_connection([&](pqxx::connection& c) -> std::optional<core::shipment> {
            pqxx::nontransaction tx(c);
            const auto rows = tx.exec_prepared("find_shipment", std::string(airwaybill));
            if (rows.empty()) return std::nullopt;
            return read_shipment(rows[0]);
        });
    }

    std::optional<std::string> airwaybill_for_reference(std::string_view account,
                                                        std::string_view reference) override {
        return with_connection([&](pqxx::connection& c) -> std::optional<std::string> {
            pqxx::nontransaction tx(c);
            const auto rows = tx.exec_prepared("airwaybill_for_reference", std::string(account),
                                               std::string(reference));
            if (rows.empty()) return std::nullopt;
            return rows[0][0].as<std::string>();
        });
    }

    std::vector<core::scan_event> events(std::string_view airwaybill) override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            return read_events(tx.exec_prepared("events", std::string(airwaybill)));
        });
    }

    std::optional<tracked> find_tracked(std::string_view airwaybill) override {
        return with_connection([&](pqxx::connection& c) -> std::optional<tracked> {
            pqxx::nontransaction tx(c);
            const auto rows = tx.exec_prepared("find_tracked", std::string(airwaybill));
            if (rows.empty()) return std::nullopt;
            tracked t{read_shipment(rows[0]), {}};
            constexpr auto first_event_column = static_cast<pqxx::row::size_type>(shipment_columns);
            for (const auto& r : rows)  // the event's columns follow the shipment's
                if (!r[first_event_column + 2].is_null())
                    t.events.push_back(read_event(r, first_event_column));
            return t;
        });
    }

    std::vector<generation_counter> tracking_generations() override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            std::vector<generation_counter> counters;
            for (const auto& row : tx.exec_prepared("tracking_generations"))
                counters.push_back({row[0].as<int>(), row[1].as<std::int64_t>()});
            return counters;
        });
    }

    std::vector<std::string> sandbox_due(core::unix_seconds now, std::size_t limit) override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            std::vector<std::string> out;
            for (const auto& r :
                 tx.exec_prepared("sandbox_due", now, static_cast<std::int64_t>(limit)))
                out.push_back(r[0].as<std::string>());
            return out;
        });
    }

    std::uint64_t connection_waits() const override { return pool_.waits(); }
    // Two: one batch fills and runs while the other waits for its commit's WAL flush. More
    // split the waiting writes into smaller batches (more commits); four measured slower.
    std::size_t concurrent_batches() const override { return 2; }

    // -- webhook_store

    backlog webhook_backlog() override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            const auto r = tx.exec_prepared("webhook_backlog");
            return backlog{r[0][0].as<std::int64_t>(), r[0][1].as<std::int64_t>()};
        });
    }

    std::int64_t webhooks_version() override { return read_number("webhooks_version"); }

    std::vector<webhook_subscription> webhook_subscriptions() override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            std::vector<webhook_subscription> out;
            for (const auto& r : tx.exec_prepared("webhook_subscriptions"))
                out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(),
                               r[2].as<std::string>(), columns::split(r[3].as<std::string>()),
                               r[4].as<std::string>(), r[5].as<std::int64_t>()});
            return out;
        });
    }

    std::vector<webhook_delivery> webhook_deliveries(const delivery_filter& f) override {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            std::vector<webhook_delivery> out;
            for (const auto& r : tx.exec_prepared("webhook_deliveries", f.airwaybill, f.failed_only,
                                                  static_cast<std::int64_t>(f.limit))) {
                out.push_back(read_delivery(r));
                out.back().secret.clear();  // a listing never shows a secret
            }
            return out;
        });
    }

private:
    friend class postgres_catalogue_writer;
    friend class postgres_write_batch;

    template <class F>
    auto with_connection(F&& f) -> decltype(f(std::declval<pqxx::connection&>())) {
        return guarded([&] {
            auto c = pool_.acquire();
            return f(*c);
        });
    }

    std::int64_t read_number(const char* statement) {
        return with_connection([&](pqxx::connection& c) {
            pqxx::nontransaction tx(c);
            return single_number(tx.exec_prepared(statement));
        });
    }

    // An account change that servers must notice: one transaction with its version's bump.
    template <class F>
    bool change_accounts(F&& change) {
        return with_connection([&](pqxx::connection& c) {
            pqxx::work tx(c);
            const bool changed = change(tx).affected_rows() == 1;
            if (changed) tx.exec_prepared("bump", std::string("accounts_version"));
            tx.commit();
            return changed;
        });
    }

    // Every process migrates on start; the lock lets one do it while the others wait.
    void migrate() {
        with_connection([&](pqxx::connection& c) {
            pqxx::work tx(c);
            tx.exec("SELECT pg_advisory_xact_lock(" + std::to_string(migration_lock) + ")");
            tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY)");
            const auto& all = migrations();
            for (std::size_t i = 0; i < all.size(); ++i) {
                const auto version = static_cast<int>(i + 1);
                if (!tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", version)
                         .empty())
                    continue;
                tx.exec(std::string(all[i]));
                tx.exec_params("INSERT INTO schema_migrations (version) VALUES ($1)", version);
            }
            tx.commit();
            return 0;
        });
    }

    // Sequence numbers are taken a block at a time: one round trip for many airwaybills.
    // Numbers a process had not handed out when it stops are skipped, never reused.
    std::int64_t next_sequence(pqxx::transaction_base& tx) {
        std::lock_guard lock(sequence_mutex_);
        if (sequence_block_.empty()) {
            for (const auto& r : tx.exec_prepared("next_sequences", sequence_block_size))
                sequence_block_.push_back(r[0].as<std::int64_t>());
            std::reverse(sequence_block_.begin(), sequence_block_.end());
        }
        const std::int64_t n = sequence_block_.back();
        sequence_block_.pop_back();
        return n;
    }

    static constexpr int sequence_block_size = 64;
    connection_pool pool_;
    std::mutex sequence_mutex_;
    std::vector<std::int64_t> sequence_block_;  // next number last
};

// One transaction for the whole import, fed through COPY: readers see the old
// catalogue until the new one is committed whole.
class postgres_catalogue_writer final : public catalogue_writer {
public:
    postgres_catalogue_writer(postgres_database& owner, catalogue_kind kind)
        : connection_(owner.pool_.acquire()), tx_(*connection_) {
        guarded([&] {
            const catalogue_table& t = table_of(kind);
            // One import of a kind at a time (readers are not blocked): a second waits,
            // then replaces what the first committed instead of colliding with it.
            tx_.exec(std::string("LOCK TABLE ") + t.table + " IN SHARE ROW EXCLUSIVE MODE");
            tx_.exec(std::string("DELETE FROM ") + t.table);
            stream_.emplace(tx_, t.table, t.columns);
        });
    }

    void add(const catalogue_row& row) override {
        guarded([&] { std::visit([this](const auto& r) { write(r); }, row); });
    }

    void commit() override {
        guarded([&] {
            stream_->complete();
            tx_.exec_prepared("bump", std::string("version"));
            tx_.commit();
        });
    }

private:
    // COPY's text format: nullable numbers travel as text, NULL as a null pointer.
    static std::optional<std::string> text(std::optional<int> v) {
        return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
    }
    static const char* pointer(const std::optional<std::string>& v) {
        return v ? v->c_str() : nullptr;
    }

    void write(const core::area& a) {
        *stream_ << std::make_tuple(a.code, a.province, a.city, a.district, a.subdistrict, a.zip);
    }
    void write(const core::origin& o) { *stream_ << std::make_tuple(o.code, o.name); }
    void write(const core::branch& b) { *stream_ << std::make_tuple(b.code, b.name); }
    void write(const core::service& s) {
        *stream_ << std::make_tuple(s.code, s.display, s.goods_type, s.min_kilograms,
                                    s.max_kilograms, s.flat, s.rank);
    }
    void write(const core::tariff_row& t) {
        const auto from = text(t.rate.etd_from), thru = text(t.rate.etd_thru);
        *stream_ << std::make_tuple(t.origin, t.destination, t.rate.service, t.rate.price,
                                    pointer(from), pointer(thru));
    }
    void write(const core::hub& h) {
        *stream_ << std::make_tuple(h.code, h.name, h.latitude, h.longitude);
    }

    connection_pool::lease connection_;
    pqxx::work tx_;
    std::optional<pqxx::stream_to> stream_;
};

// One transaction on one connection, until commit; PostgreSQL's synchronous commit makes
// it durable. The batches of several processes run at once, kept apart by the database
// itself: airwaybill numbers from a sequence, a shipment's events written under its row's
// lock (find_shipment), event ids and order ids unique, a new shipment inserted only if its
// order id is still free (ON CONFLICT DO NOTHING, which waits for a batch that holds the same
// id to end): when another process's batch took it first, commit() throws write_conflict and
// the write queue runs the writes again, to find the other's shipment.
//
// Writes nobody waits on (a new shipment, the system's own events, sandbox
// schedules) are held in memory and sent as one statement per kind (an array per
// column), before any write that must run at once and at commit: a batch of a
// hundred creates costs one order-id read and a handful of writes, not five
// hundred round trips. Reads look at the held writes first.
class postgres_write_batch final : public write_batch,
                                   public sandbox_schedule_writes,
                                   public webhook_writes {
public:
    explicit postgres_write_batch(postgres_database& owner)
        : owner_(owner), connection_(owner.pool_.acquire()), tx_(*connection_) {}

    // One statement for the whole batch's order ids instead of one round trip each.
    void expect_orders(const std::vector<order_key>& keys) override {
        guarded([&] {
            parameters p;
            for (const order_key& k : keys) {
                p.add(k.account);
                p.add(k.order_id);
                expected_orders_.emplace(k.account, k.order_id);
            }
            const auto arrays = p.as_arrays(2);
            for (const auto& r : tx_.exec_prepared(
                     "expected_orders", pqxx::prepare::make_dynamic_params(arrays.pointers())))
                known_orders_[{r[0].as<std::string>(), r[1].as<std::string>()}] =
                    r[2].as<std::string>();
        });
    }

    std::optional<std::string> order_airwaybill(std::string_view account,
                                                std::string_view order_id) override {
        for (const core::shipment& s : held_shipments_)
            if (s.account == account && s.order_id == order_id) return s.airwaybill;
        const std::pair<std::string, std::string> key{account, order_id};
        if (expected_orders_.contains(key)) {  // fetched with the batch's others
            const auto known = known_orders_.find(key);
            return known == known_orders_.end() ? std::nullopt
                                                : std::optional<std::string>(known->second);
        }
        return guarded([&]() -> std::optional<std::string> {
            const auto rows =
                tx_.exec_prepared("order_airwaybill", std::string(account), std::string(order_id));
            if (rows.empty()) return std::nullopt;
            return rows[0][0].as<std::string>();
        });
    }

    std::int64_t next_sequence(core::unix_seconds) override {
        return guarded([&] { return owner_.next_sequence(tx_); });
    }

    bool claim_reserved(std::string_view airwaybill, std::string_view account) override {
        return guarded([&] {
            flush();
            return tx_.exec_prepared("claim_reserved", std::string(airwaybill),
                                     std::string(account))
                       .affected_rows() == 1;
        });
    }

    void reserve(std::string_view airwaybill, std::string_view account,
                 core::unix_seconds now) override {
        guarded([&] {
            flush();
            tx_.exec_prepared("reserve", std::string(airwaybill), std::string(account), now);
        });
    }

    void insert_shipment(const core::shipment& s) override { held_shipments_.push_back(s); }

    std::optional<core::shipment> find_shipment(std::string_view airwaybill) override {
        for (const core::shipment& s : held_shipments_)
            if (s.airwaybill == airwaybill) return s;
        return guarded([&]() -> std::optional<core::shipment> {
            const auto rows = tx_.exec_prepared("lock_shipment", std::string(airwaybill));
            if (rows.empty()) return std::nullopt;
            return read_shipment(rows[0]);
        });
    }

    std::vector<core::scan_event> events(std::string_view airwaybill) override {
        return guarded([&] {
            auto out = read_events(tx_.exec_prepared("events", std::string(airwaybill)));
            for (const core::scan_event& e : held_events_)  // recorded after every stored one
                if (e.airwaybill == airwaybill) out.push_back(e);
            return out;
        });
    }

    bool insert_event(const core::scan_event& e) override {
        changes_.airwaybills.push_back(e.airwaybill);  // a keyed event may be a repeat: no harm
        if (e.event_id.empty()) {                      // the system's own: nothing to conflict with
            held_events_.push_back(e);
            return true;
        }
        return guarded([&] {
            flush();  // keeps the events of an airwaybill in the order they were recorded
            const bool recorded = tx_.exec_prepared("insert_event", e.event_id, e.airwaybill,
                                                    e.code, e.at, e.place, e.receiver, e.note)
                                      .affected_rows() == 1;
            return recorded;
        });
    }

    sandbox_schedule_writes& sandbox() override { return *this; }

    void schedule(std::string_view airwaybill, std::optional<core::unix_seconds> due) override {
        held_schedules_.insert_or_assign(std::string(airwaybill), due);
    }

    void reschedule_all(core::unix_seconds now) override {
        guarded([&] {
            flush();
            tx_.exec_prepared("reschedule_sandbox", now);
        });
    }

    webhook_writes& webhooks() override { return *this; }

    std::int64_t subscribe(const webhook_subscription& w) override {
        return guarded([&] {
            subscriptions_changed_ = true;
            return single_number(tx_.exec_prepared(
                "subscribe", w.account, w.url, columns::join(w.statuses), w.secret, w.created_at));
        });
    }

    bool unsubscribe(std::int64_t id) override {
        return guarded([&] {
            if (tx_.exec_prepared("unsubscribe", id).affected_rows() != 1) return false;
            tx_.exec_prepared("orphan_deliveries", id);
            subscriptions_changed_ = true;
            return true;
        });
    }

    bool set_webhook_secret(std::int64_t id, std::string_view secret) override {
        return guarded([&] {
            const bool changed =
                tx_.exec_prepared("set_webhook_secret", id, std::string(secret)).affected_rows() ==
                1;
            subscriptions_changed_ |= changed;
            return changed;
        });
    }

    void enqueue(const webhook_delivery& d) override {
        guarded([&] {
            tx_.exec_prepared("enqueue_delivery", d.subscription_id, d.event_id, d.airwaybill,
                              d.status, d.payload, d.created_ms);
        });
    }

    std::vector<webhook_delivery> claim(std::int64_t now_ms, std::int64_t lease_until_ms,
                                        std::size_t limit, std::size_t per_subscription) override {
        return guarded([&] {
            std::vector<webhook_delivery> out;
            for (const auto& r :
                 tx_.exec_prepared("claim_deliveries", now_ms, static_cast<std::int64_t>(limit),
                                   lease_until_ms, static_cast<std::int64_t>(per_subscription)))
                out.push_back(read_delivery(r));
            std::sort(
                out.begin(), out.end(),
                [](const webhook_delivery& a, const webhook_delivery& b) { return a.id < b.id; });
            return out;
        });
    }

    void record_attempt(std::int64_t id, const delivery_outcome& o) override {
        guarded([&] {
            tx_.exec_prepared("record_attempt", id,
                              std::string(columns::delivery_state_name(o.state)), o.next_attempt_ms,
                              o.code, o.answer, o.at_ms);
            tx_.exec_prepared("promote_next", id);
        });
    }

    void release(std::int64_t id) override {
        guarded([&] { tx_.exec_prepared("release_delivery", id); });
    }

    std::size_t replay(std::optional<std::int64_t> id, std::int64_t since_ms,
                       std::int64_t now_ms) override {
        return guarded([&] {
            const auto replayed =
                static_cast<std::size_t>(tx_.exec_prepared(id ? "replay_delivery" : "replay_since",
                                                           id.value_or(since_ms), now_ms)
                                             .affected_rows());
            tx_.exec_prepared("recount_heads", id.value_or(since_ms), !id);
            return replayed;
        });
    }

    void commit() override {
        guarded([&] {
            if (auto moved = write_held(!changes_.airwaybills.empty())) changes_.moved = moved;
            if (subscriptions_changed_) tx_.exec_prepared("bump", std::string("webhooks_version"));
            tx_.commit();
        });
    }

    const tracking_changes& changed_tracking() const override { return changes_; }

private:
    // Before a statement that must see what the batch holds.
    void flush() { write_held(false); }

    // Writes what the batch holds: its new shipments and the system's events in one statement,
    // with `bump` the tracking generation's bump too (returned), then the schedules of shipments
    // stored before. A batch of creates makes one round trip at commit where it made three.
    std::optional<generation_counter> write_held(bool bump) {
        std::optional<generation_counter> moved;
        if (bump || !held_shipments_.empty() || !held_events_.empty()) {
            parameters shipments;
            for (const core::shipment& s : held_shipments_) {
                add_shipment(shipments, s);
                // A new shipment's schedule goes in with it: an UPDATE of the row just inserted
                // would write it, and every index entry of it, twice.
                auto schedule = held_schedules_.extract(s.airwaybill);
                shipments.add(schedule ? schedule.mapped() : std::nullopt);
            }
            parameters events;
            for (const core::scan_event& e : held_events_) {
                events.add(std::optional<std::int64_t>{});  // id: the table's to give
                events.add(std::optional<std::int64_t>{});  // event_id: none, the system's own
                events.add(e.airwaybill), events.add(e.code), events.add(e.at), events.add(e.place),
                    events.add(e.receiver), events.add(e.note);
            }
            const auto written = tx_.exec_prepared(
                "write_rows", shipments.as_rows(shipment_columns + 1),  // and sandbox_due_at
                events.as_rows(8), bump);                               // the events' columns
            if (written[0][0].as<std::size_t>() != held_shipments_.size())
                throw write_conflict(
                    "an order id of this batch was taken by another process's batch");
            if (!written[0][1].is_null())
                moved = {written[0][1].as<int>(), written[0][2].as<std::int64_t>()};
            held_shipments_.clear();
            held_events_.clear();
        }

        if (!held_schedules_.empty()) {
            parameters p;
            for (const auto& [airwaybill, due] : held_schedules_) {
                p.add(airwaybill);
                p.add(due);
            }
            const auto arrays = p.as_arrays(2);
            tx_.exec_prepared("schedule_sandboxes",
                              pqxx::prepare::make_dynamic_params(arrays.pointers()));
            held_schedules_.clear();
        }
        return moved;
    }

    postgres_database& owner_;
    connection_pool::lease connection_;
    pqxx::work tx_;
    std::vector<core::shipment> held_shipments_;
    std::vector<core::scan_event> held_events_;
    std::map<std::string, std::optional<core::unix_seconds>>
        held_schedules_;                                             // the last word per airwaybill
    std::set<std::pair<std::string, std::string>> expected_orders_;  // fetched by expect_orders
    std::map<std::pair<std::string, std::string>, std::string>
        known_orders_;  // those of them that exist
    tracking_changes changes_;
    bool subscriptions_changed_ = false;
};

std::unique_ptr<write_batch> postgres_database::begin_writes() {
    return guarded([&] { return std::make_unique<postgres_write_batch>(*this); });
}

std::unique_ptr<catalogue_writer> postgres_database::replace(catalogue_kind kind) {
    return guarded([&] { return std::make_unique<postgres_catalogue_writer>(*this, kind); });
}

}  // namespace

std::unique_ptr<database> open(const std::string& url, std::size_t connections) {
    try {
        return std::make_unique<postgres_database>(url, connections);
    } catch (const pqxx::failure& e) {
        throw storage_error("cannot open PostgreSQL database: " + std::string(e.what()));
    }
}

}  // namespace jne::store::postgres
