#pragma once

#include "store/postgres/connection.hpp"
#include "store/postgres/rows.hpp"

#include <map>
#include <set>
#include <utility>

// The PostgreSQL backend's classes, one interface's members to a file: database.cpp (the pool,
// migrations and airwaybill numbers), catalogue.cpp, accounts.cpp, shipments.cpp,
// sandbox_schedule.cpp, webhooks.cpp and write_batch.cpp (what a batch holds and writes at once).
namespace jne::store::postgres {

using snapshot = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

class postgres_database final : public database {
public:
    postgres_database(std::string url, std::size_t connections);

    // database.cpp
    std::unique_ptr<write_batch> begin_writes() override;
    std::uint64_t connection_waits() const override { return pool_.waits(); }
    // Two: one batch fills and runs while the other waits for its commit's WAL flush. More
    // split the waiting writes into smaller batches (more commits); four measured slower.
    std::size_t concurrent_batches() const override { return 2; }

    // catalogue.cpp
    std::int64_t version() override { return read_number("version"); }
    core::catalogue_data load_catalogue() override;
    std::vector<core::rate> rates(std::string_view origin, std::string_view destination) override;
    std::unique_ptr<catalogue_writer> replace(catalogue_kind kind) override;
    void for_each(catalogue_kind kind,
                  const std::function<void(const catalogue_row&)>& visit) override;
    std::int64_t count(catalogue_kind kind) override;

    // accounts.cpp
    std::int64_t accounts_version() override { return read_number("accounts_version"); }
    std::vector<core::account> accounts() override;
    bool add_account(const core::account& a) override;
    bool set_key_hash(std::string_view username, std::string_view key_hash) override;
    bool set_disabled(std::string_view username, bool disabled) override;
    bool set_rate(std::string_view username, core::request_rate rate) override;
    bool set_service_codes(std::string_view username, core::service_year year) override;

    // shipments.cpp
    std::optional<core::shipment> find_shipment(std::string_view airwaybill) override;
    std::optional<std::string> airwaybill_for_reference(std::string_view account,
                                                        std::string_view reference) override;
    std::vector<core::scan_event> events(std::string_view airwaybill) override;
    std::optional<tracked> find_tracked(std::string_view airwaybill) override;
    std::optional<stored_answer> find_answer(std::string_view airwaybill, int format) override;
    void store_answers(std::span<const stored_answer> answers) override;
    std::vector<generation_counter> tracking_generations() override;

    // sandbox_schedule.cpp
    std::vector<std::string> sandbox_due(core::unix_seconds now, std::size_t limit) override;

    // webhooks.cpp
    backlog webhook_backlog() override;
    std::int64_t webhooks_version() override { return read_number("webhooks_version"); }
    std::vector<webhook_subscription> webhook_subscriptions() override;
    std::vector<webhook_delivery> webhook_deliveries(const delivery_filter& f) override;

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

    void migrate();
    std::int64_t next_sequence(pqxx::transaction_base& tx);

    static constexpr int sequence_block_size = 64;
    connection_pool pool_;
    std::mutex sequence_mutex_;
    std::vector<std::int64_t> sequence_block_;  // next number last
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

    // write_batch.cpp
    void commit() override;
    const tracking_changes& changed_tracking() const override { return changes_; }
    sandbox_schedule_writes& sandbox() override { return *this; }
    webhook_writes& webhooks() override { return *this; }

    // shipments.cpp
    void expect_orders(const std::vector<order_key>& keys) override;
    std::optional<std::string> order_airwaybill(std::string_view account,
                                                std::string_view order_id) override;
    std::int64_t next_sequence(core::unix_seconds) override;
    bool claim_reserved(std::string_view airwaybill, std::string_view account) override;
    void reserve(std::string_view airwaybill, std::string_view account,
                 core::unix_seconds now) override;
    void insert_shipment(const core::shipment& s) override { held_shipments_.push_back(s); }
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
    // Before a statement that must see what the batch holds.
    void flush() { write_held(false); }
    std::optional<generation_counter> write_held(bool bump);

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

}  // namespace jne::store::postgres
