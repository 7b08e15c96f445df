// Shipments and their scan events: the readers' look-ups, and a batch's writes.
#include "store/sqlite/database.hpp"
#include "store/sqlite/rows.hpp"

namespace jne::store::sqlite {

std::optional<core::shipment> sqlite_database::find_shipment(std::string_view airwaybill) {
    return read_with([&](statement_cache& db) { return query_shipment(db, airwaybill); });
}

std::vector<core::scan_event> sqlite_database::events(std::string_view airwaybill) {
    return read_with([&](statement_cache& db) { return query_events(db, airwaybill); });
}

std::vector<generation_counter> sqlite_database::tracking_generations() {
    return read_with([&](statement_cache& db) {
        auto q = db.get(sql::tracking_generation);
        // One counter: SQLite's batches take turns anyway.
        return std::vector<generation_counter>{
            {0, q->executeStep() ? q->getColumn(0).getInt64() : 0}};
    });
}

std::optional<shipment_store::tracked> sqlite_database::find_tracked(std::string_view airwaybill) {
    return read_with([&](statement_cache& db) { return query_tracked(db, airwaybill); });
}

std::optional<shipment_store::stored_answer> sqlite_database::find_answer(
    std::string_view airwaybill, int format) {
    return read_with([&](statement_cache& db) -> std::optional<stored_answer> {
        auto q = db.get(sql::find_answer);
        bind_values(*q, airwaybill, format);
        if (!q->executeStep()) return std::nullopt;
        return stored_answer{std::string(airwaybill), q->getColumn(0).getString(), format,
                             q->getColumn(2).getInt64(), q->getColumn(1).getString()};
    });
}

void sqlite_database::store_answers(std::span<const stored_answer> answers) {
    guarded([&] {
        SQLite::Database& db = writing_connection();
        // A cache: its commit does not wait for the disk (the next durable commit's flush takes
        // these pages along: the log is one file, written in order), nor for another process's
        // lock (this process's creates would wait behind it); one not stored is made again.
        const auto as_before = [&db] {
            db.exec("PRAGMA synchronous = FULL");
            db.setBusyTimeout(busy_timeout_ms);
        };
        db.setBusyTimeout(0);
        try {
            db.exec("PRAGMA synchronous = OFF");
            SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
            auto q = writer_->statements.get(sql::store_answer);
            for (const stored_answer& a : answers) {
                run(*q, a.airwaybill, a.account, a.format, a.events, a.body);
                q->reset();
            }
            tx.commit();
        } catch (...) {
            as_before();
            throw;
        }
        as_before();
    });
}

std::optional<std::string> sqlite_database::airwaybill_for_reference(std::string_view account,
                                                                     std::string_view reference) {
    return read_with([&](statement_cache& db) -> std::optional<std::string> {
        auto q = db.get(sql::airwaybill_for_reference);
        bind_values(*q, account, reference);
        if (!q->executeStep()) return std::nullopt;
        return q->getColumn(0).getString();
    });
}

std::optional<std::string> sqlite_write_batch::order_airwaybill(std::string_view account,
                                                                std::string_view order_id) {
    return guard([&]() -> std::optional<std::string> {
        auto q = statements_.get(sql::order_airwaybill);
        bind_values(*q, account, order_id);
        if (!q->executeStep()) return std::nullopt;
        return q->getColumn(0).getString();
    });
}

std::int64_t sqlite_write_batch::next_sequence(core::unix_seconds now) {
    return guard([&] {
        auto q = statements_.get(sql::next_sequence);
        run(*q, now);
        return db_.getLastInsertRowid();
    });
}

bool sqlite_write_batch::claim_reserved(std::string_view airwaybill, std::string_view account) {
    return guard([&] {
        auto q = statements_.get(sql::claim_reserved);
        return run(*q, airwaybill, account) == 1;
    });
}

void sqlite_write_batch::reserve(std::string_view airwaybill, std::string_view account,
                                 core::unix_seconds now) {
    guard([&] {
        auto q = statements_.get(sql::reserve);
        run(*q, airwaybill, account, now);
    });
}

void sqlite_write_batch::insert_shipment(const core::shipment& shipment) {
    guard([&] {
        auto q = statements_.get(sql::insert_shipment);
        bind_shipment(*q, shipment);
        q->exec();
    });
}

std::optional<core::shipment> sqlite_write_batch::find_shipment(std::string_view airwaybill) {
    return guard([&] { return query_shipment(statements_, airwaybill); });
}

std::vector<core::scan_event> sqlite_write_batch::events(std::string_view airwaybill) {
    return guard([&] { return query_events(statements_, airwaybill); });
}

bool sqlite_write_batch::insert_event(const core::scan_event& e) {
    return guard([&] {
        auto q = statements_.get(sql::insert_event);
        const auto event_id =
            e.event_id.empty() ? std::nullopt : std::optional<std::string>(e.event_id);
        const bool recorded =
            run(*q, event_id, e.airwaybill, e.code, e.at, e.place, e.receiver, e.note) == 1;
        if (recorded) changes_.airwaybills.push_back(e.airwaybill);
        return recorded;
    });
}

}  // namespace jne::store::sqlite
