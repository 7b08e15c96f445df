#pragma once

#include "store/columns.hpp"
#include "store/sqlite/lookups.hpp"

// Every statement the SQLite backend runs, in one place: what each interface's file runs, and
// what the schema's indexes are there for.
namespace jne::store::sqlite::sql {

inline constexpr const char* version = "SELECT value FROM meta WHERE key = 'version'";
inline constexpr const char* bump_version =
    "UPDATE meta SET value = value + 1 WHERE key = 'version'";
inline constexpr const char* accounts_version =
    "SELECT value FROM meta WHERE key = 'accounts_version'";
inline constexpr const char* bump_accounts_version =
    "UPDATE meta SET value = value + 1 WHERE key = 'accounts_version'";
inline constexpr const char* tracking_generation =
    "SELECT value FROM meta WHERE key = 'tracking_generation'";
inline constexpr const char* bump_tracking_generation =
    "UPDATE meta SET value = value + 1 WHERE key = 'tracking_generation' RETURNING value";
inline constexpr const char* webhooks_version =
    "SELECT value FROM meta WHERE key = 'webhooks_version'";
inline constexpr const char* bump_webhooks_version =
    "UPDATE meta SET value = value + 1 WHERE key = 'webhooks_version'";
inline constexpr const char* webhook_subscriptions =
    "SELECT id, account, url, statuses, secret, created_at FROM webhook_subscriptions ORDER BY id";
inline constexpr const char* subscribe =
    "INSERT INTO webhook_subscriptions (account, url, statuses, secret, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr const char* unsubscribe = "DELETE FROM webhook_subscriptions WHERE id = ?1";
inline constexpr const char* orphan_deliveries =
    "UPDATE webhook_deliveries SET state = 'dead', head = 0, last_answer = 'subscription removed', "
    "updated_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) "
    "WHERE subscription_id = ?1 AND state = 'pending'";
inline constexpr const char* set_webhook_secret =
    "UPDATE webhook_subscriptions SET secret = ?2 WHERE id = ?1";
// The head of its queue when nothing of the same subscription and airwaybill is pending.
inline constexpr const char* enqueue_delivery =
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
inline constexpr const char* claimable =
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
inline constexpr const char* lease_delivery =
    "UPDATE webhook_deliveries SET locked_until = ?2 WHERE id = ?1";
inline constexpr const char* record_attempt =
    "UPDATE webhook_deliveries SET state = ?2, attempts = attempts + 1, next_attempt_at = ?3, "
    "last_code = ?4, last_answer = ?5, updated_at = ?6, locked_until = 0, "
    "head = (?2 = 'pending') WHERE id = ?1";
// After a delivery left its queue (sent, dead): the next pending one of its queue is the head.
inline constexpr const char* promote_next =
    "UPDATE webhook_deliveries SET head = 1 WHERE id = (SELECT min(e.id) FROM webhook_deliveries "
    "AS e WHERE e.state = 'pending' AND e.subscription_id = (SELECT subscription_id FROM "
    "webhook_deliveries WHERE id = ?1) AND e.airwaybill = (SELECT airwaybill FROM "
    "webhook_deliveries WHERE id = ?1))";
// After a replay: the heads of the queues it touched, again. ?1 is the replayed delivery's id,
// or (?2 = 1) the time from which every delivery was replayed.
inline constexpr const char* recount_heads =
    "UPDATE webhook_deliveries AS d SET head = (d.id = (SELECT min(e.id) FROM webhook_deliveries "
    "AS e WHERE e.state = 'pending' AND e.subscription_id = d.subscription_id AND e.airwaybill = "
    "d.airwaybill)) WHERE d.state = 'pending' AND EXISTS (SELECT 1 FROM webhook_deliveries AS r "
    "WHERE r.subscription_id = d.subscription_id AND r.airwaybill = d.airwaybill AND "
    "(CASE WHEN ?2 = 1 THEN r.created_at >= ?1 ELSE r.id = ?1 END))";
inline constexpr const char* release_delivery =
    "UPDATE webhook_deliveries SET locked_until = 0 WHERE id = ?1";
inline constexpr const char* replay_delivery =
    "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?2, "
    "locked_until = 0, updated_at = ?2 WHERE id = ?1";
inline constexpr const char* replay_since =
    "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?2, "
    "locked_until = 0, updated_at = ?2 WHERE created_at >= ?1";
inline constexpr const char* webhook_backlog =
    "SELECT count(*), coalesce(min(created_at), 0) FROM webhook_deliveries WHERE state = "
    "'pending'";
inline constexpr const char* webhook_deliveries =
    "SELECT " JNE_DELIVERY_COLUMNS
    " FROM webhook_deliveries AS d LEFT JOIN webhook_subscriptions AS s "
    "ON s.id = d.subscription_id WHERE (?1 = '' OR d.airwaybill = ?1) "
    "AND (?2 = 0 OR d.state = 'dead' OR (d.state = 'pending' AND d.attempts > 0)) "
    "ORDER BY d.id DESC LIMIT ?3";
#undef JNE_DELIVERY_COLUMNS
inline constexpr const char* area_count = "SELECT count(*) FROM areas";
// By one probe of the tariffs' key per origin, never a scan of every tariff row.
inline constexpr const char* rated_origins =
    "SELECT code FROM origins WHERE EXISTS (SELECT 1 FROM tariffs WHERE origin = origins.code)";
inline constexpr const char* rates =
    "SELECT service, price, etd_from, etd_thru FROM tariffs WHERE origin = ?1 AND destination = ?2";
inline constexpr const char* areas =
    "SELECT code, province, city, district, subdistrict, zip FROM areas ORDER BY id";
inline constexpr const char* origins = "SELECT code, name FROM origins ORDER BY code";
inline constexpr const char* branches = "SELECT code, name FROM branches ORDER BY code";
inline constexpr const char* services =
    "SELECT code, display, goods_type, min_kilograms, max_kilograms, flat, rank FROM services "
    "ORDER BY rank, code";
inline constexpr const char* hubs =
    "SELECT code, name, latitude, longitude FROM hubs ORDER BY code";
inline constexpr const char* tariffs =
    "SELECT origin, destination, service, price, etd_from, etd_thru FROM tariffs ORDER BY origin, "
    "destination, service";
inline constexpr const char* insert_area =
    "INSERT INTO areas (code, province, city, district, subdistrict, zip) VALUES (?1, ?2, ?3, ?4, "
    "?5, ?6)";
inline constexpr const char* insert_origin =
    "INSERT OR REPLACE INTO origins (code, name) VALUES (?1, ?2)";
inline constexpr const char* insert_branch =
    "INSERT OR REPLACE INTO branches (code, name) VALUES (?1, ?2)";
inline constexpr const char* insert_service =
    "INSERT OR REPLACE INTO services (code, display, goods_type, min_kilograms, max_kilograms, "
    "flat, rank) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
inline constexpr const char* insert_hub =
    "INSERT OR REPLACE INTO hubs (code, name, latitude, longitude) VALUES (?1, ?2, ?3, ?4)";
inline constexpr const char* insert_tariff =
    "INSERT OR REPLACE INTO tariffs (origin, destination, service, price, etd_from, etd_thru) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr const char* accounts =
    "SELECT username, key_hash, role, customer_numbers, branches, disabled, rate_requests, "
    "rate_seconds, service_codes FROM accounts ORDER BY username";
inline constexpr const char* insert_account =
    "INSERT OR IGNORE INTO accounts (username, key_hash, role, customer_numbers, branches, "
    "disabled, rate_requests, rate_seconds, service_codes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
    "?9)";
inline constexpr const char* set_key_hash = "UPDATE accounts SET key_hash = ?2 WHERE username = ?1";
inline constexpr const char* set_disabled = "UPDATE accounts SET disabled = ?2 WHERE username = ?1";
inline constexpr const char* set_rate =
    "UPDATE accounts SET rate_requests = ?2, rate_seconds = ?3 WHERE username = ?1";
inline constexpr const char* set_service_codes =
    "UPDATE accounts SET service_codes = ?2 WHERE username = ?1";

inline constexpr const char* insert_shipment =
    "INSERT INTO shipments (" JNE_STORE_SHIPMENT_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, "
    "?32, ?33, ?34, ?35, "
    "?36, ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50)";
inline constexpr const char* find_shipment =
    "SELECT " JNE_STORE_SHIPMENT_COLUMNS " FROM shipments WHERE airwaybill = ?1";
using lookups::airwaybill_for_reference;
using lookups::order_airwaybill;
inline constexpr const char* next_sequence =
    "INSERT INTO airwaybill_sequence (issued_at) VALUES (?1)";
inline constexpr const char* claim_reserved =
    "UPDATE reserved_airwaybills SET used = 1 WHERE airwaybill = ?1 AND account = ?2 AND used = 0";
inline constexpr const char* reserve =
    "INSERT INTO reserved_airwaybills (airwaybill, account, reserved_at) VALUES (?1, ?2, ?3)";
#define JNE_SQLITE_EVENT_COLUMNS "event_id, airwaybill, code, happened_at, place, receiver, note"
inline constexpr const char* events =
    "SELECT " JNE_SQLITE_EVENT_COLUMNS " FROM events WHERE airwaybill = ?1 ORDER BY id";
// A shipment and its events in one statement, one row per event (one with NULL events if it has
// none): one implicit read transaction, and neither BEGIN nor its end to parse for each read.
inline constexpr const char* find_tracked =
    "SELECT " JNE_STORE_SHIPMENT_COLUMNS ", " JNE_SQLITE_EVENT_COLUMNS
    " FROM shipments LEFT JOIN events USING (airwaybill) "
    "WHERE airwaybill = ?1 ORDER BY events.id";
#undef JNE_SQLITE_EVENT_COLUMNS
// Current while made from as many events as there are now (the covering index counts them).
inline constexpr const char* find_answer =
    "SELECT account, body, events FROM tracking_answers WHERE airwaybill = ?1 AND format = ?2 "
    "AND events = (SELECT count(*) FROM events WHERE airwaybill = ?1)";
inline constexpr const char* store_answer =
    "INSERT INTO tracking_answers (airwaybill, account, format, events, body) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (airwaybill) DO UPDATE SET account = "
    "excluded.account, format = excluded.format, events = excluded.events, body = excluded.body "
    "WHERE excluded.format <> tracking_answers.format OR excluded.events > tracking_answers.events";
inline constexpr const char* insert_event =
    "INSERT OR IGNORE INTO events (event_id, airwaybill, code, happened_at, place, receiver, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
inline constexpr const char* sandbox_due =
    "SELECT airwaybill FROM shipments WHERE sandbox_due_at IS NOT NULL AND sandbox_due_at <= ?1 "
    "ORDER BY sandbox_due_at LIMIT ?2";
inline constexpr const char* schedule_sandbox =
    "UPDATE shipments SET sandbox_due_at = ?2 WHERE airwaybill = ?1";
inline constexpr const char* reschedule_sandbox =
    "UPDATE shipments SET sandbox_due_at = ?1 WHERE sandbox_due_at IS NOT NULL AND sandbox_due_at "
    "> ?1";

}  // namespace jne::store::sqlite::sql
