#pragma once

#include "store/columns.hpp"
#include "store/postgres/lookups.hpp"

namespace jne::store::postgres {

// The key of the transaction-scoped advisory lock under which one process migrates.
inline constexpr long long migration_lock = 0x4a4e4501;

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

inline constexpr statement statements[] = {
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
    // Current while made from as many events as there are now (counted in the events' index).
    {"find_answer",
     "SELECT account, body, events FROM tracking_answers WHERE airwaybill = $1 AND format = $2 "
     "AND events = (SELECT count(*) FROM events WHERE airwaybill = $1)"},
    {"store_answers",
     "INSERT INTO tracking_answers AS a (airwaybill, account, format, events, body) "
     "SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::text[]) "
     "ON CONFLICT (airwaybill) DO UPDATE SET account = excluded.account, format = "
     "excluded.format, events = excluded.events, body = excluded.body "
     "WHERE excluded.format <> a.format OR excluded.events > a.events"},
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
     "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO "
     "NOTHING"},
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
#undef JNE_DELIVERY_COLUMNS

}  // namespace jne::store::postgres
