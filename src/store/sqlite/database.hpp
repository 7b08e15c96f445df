#pragma once

#include "store/sqlite/connection.hpp"
#include "store/sqlite/statements.hpp"
#include "store/store.hpp"

#include <sqlite3.h>

#include <chrono>

// The SQLite backend's classes, one interface's members to a file: database.cpp (the connection,
// migrations and the write probe), catalogue.cpp, accounts.cpp, shipments.cpp,
// sandbox_schedule.cpp, webhooks.cpp and write_batch.cpp (a batch's own transaction).
namespace jne::store::sqlite {

class sqlite_write_batch;

class sqlite_database final : public database {
public:
    explicit sqlite_database(const std::string& path);

    // database.cpp
    std::unique_ptr<write_batch> begin_writes() override;
    bool writable_now() override;
    std::int64_t version() override;
    std::uint64_t connection_waits() const override { return readers_->waits(); }

    // shipments.cpp
    std::optional<core::shipment> find_shipment(std::string_view airwaybill) override;
    std::vector<core::scan_event> events(std::string_view airwaybill) override;
    std::vector<generation_counter> tracking_generations() override;
    std::optional<tracked> find_tracked(std::string_view airwaybill) override;
    std::optional<stored_answer> find_answer(std::string_view airwaybill, int format) override;
    void store_answers(std::span<const stored_answer> answers) override;
    std::optional<std::string> airwaybill_for_reference(std::string_view account,
                                                        std::string_view reference) override;

    // sandbox_schedule.cpp
    std::vector<std::string> sandbox_due(core::unix_seconds now, std::size_t limit) override;

    // catalogue.cpp
    core::catalogue_data load_catalogue() override;
    std::vector<core::rate> rates(std::string_view origin, std::string_view destination) override;
    std::unique_ptr<catalogue_writer> replace(catalogue_kind kind) override;
    void for_each(catalogue_kind kind,
                  const std::function<void(const catalogue_row&)>& visit) override;
    std::int64_t count(catalogue_kind kind) override;

    // accounts.cpp
    std::int64_t accounts_version() override;
    std::vector<core::account> accounts() override;
    bool add_account(const core::account& a) override;
    bool set_key_hash(std::string_view username, std::string_view key_hash) override;
    bool set_disabled(std::string_view username, bool disabled) override;
    bool set_rate(std::string_view username, core::request_rate rate) override;
    bool set_service_codes(std::string_view username, core::service_year year) override;

    // webhooks.cpp
    backlog webhook_backlog() override;
    std::int64_t webhooks_version() override;
    std::vector<webhook_subscription> webhook_subscriptions() override;
    std::vector<webhook_delivery> webhook_deliveries(const delivery_filter& f) override;

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
    bool write_account(F&& f) {
        return guarded([&] {
            SQLite::Transaction tx(writer_->db, SQLite::TransactionBehavior::IMMEDIATE);
            bool changed = f();
            if (changed) writer_->db.exec(sql::bump_accounts_version);
            tx.commit();
            return changed;
        });
    }

    bool schema_current();
    void migrate();
    void for_each_locked(catalogue_kind kind,
                         const std::function<void(const catalogue_row&)>& visit);

    // The one writing connection. SQLite opens a file it may not write read-only, silently: such
    // a connection is replaced when the probe finds the file writable again (writable_now).
    struct writer {
        explicit writer(const std::string& path);
        bool read_only() const { return sqlite3_db_readonly(db.getHandle(), "main") == 1; }
        SQLite::Database db;
        statement_cache statements{db};
    };

    bool writable_locked();
    bool write_probe();
    void note_failed_write(int code);
    SQLite::Database& writing_connection();

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

// One transaction on the writing connection, held (with its lock) until commit. Its writes are
// defined beside the reads of the same interface (shipments.cpp, sandbox_schedule.cpp,
// webhooks.cpp); the transaction itself in write_batch.cpp.
class sqlite_write_batch final : public write_batch,
                                 public sandbox_schedule_writes,
                                 public webhook_writes {
public:
    explicit sqlite_write_batch(sqlite_database& owner);

    // write_batch.cpp
    bool wrote() const override;
    void commit() override;
    const tracking_changes& changed_tracking() const override { return changes_; }
    sandbox_schedule_writes& sandbox() override { return *this; }
    webhook_writes& webhooks() override { return *this; }

    // shipments.cpp
    std::optional<std::string> order_airwaybill(std::string_view account,
                                                std::string_view order_id) override;
    std::int64_t next_sequence(core::unix_seconds now) override;
    bool claim_reserved(std::string_view airwaybill, std::string_view account) override;
    void reserve(std::string_view airwaybill, std::string_view account,
                 core::unix_seconds now) override;
    void insert_shipment(const core::shipment& shipment) override;
    std::optional<core::shipment> find_shipment(std::string_view airwaybill) override;
    std::vector<core::scan_event> events(std::string_view airwaybill) override;
    bool insert_event(const core::scan_event& e) override;

    // sandbox_schedule.cpp
    void schedule(std::string_view airwaybill, std::optional<core::unix_seconds> due) override;
    void reschedule_all(core::unix_seconds now) override;

    // webhooks.cpp
    std::int64_t subscribe(const webhook_subscription& w) override;
    bool unsubscribe(std::int64_t id) override;
    bool set_webhook_secret(std::int64_t id, std::string_view secret) override;
    void enqueue(const webhook_delivery& d) override;
    std::vector<webhook_delivery> claim(std::int64_t now_ms, std::int64_t lease_until_ms,
                                        std::size_t limit, std::size_t per_subscription) override;
    void record_attempt(std::int64_t id, const delivery_outcome& o) override;
    void release(std::int64_t id) override;
    std::size_t replay(std::optional<std::int64_t> id, std::int64_t since_ms,
                       std::int64_t now_ms) override;

private:
    // Runs f, telling the database when SQLite refused the write (readiness asks again).
    template <class F>
    auto guard(F&& f) -> decltype(f()) {
        try {
            return f();
        } catch (const SQLite::Exception& e) {
            owner_.note_failed_write(e.getErrorCode());
            throw storage_error(e.what());
        }
    }

    tracking_changes changes_;
    bool subscriptions_changed_ = false;
    sqlite_database& owner_;
    sqlite3_int64 changes_at_begin_ = 0;
    std::unique_lock<std::mutex> lock_;
    SQLite::Database& db_;
    statement_cache& statements_;
    std::optional<SQLite::Transaction> tx_;
};

}  // namespace jne::store::sqlite
