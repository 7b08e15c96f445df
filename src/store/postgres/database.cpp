// The database: its pool of connections, migrations and airwaybill numbers, and the factory.
#include "store/postgres/database.hpp"
#include "store/postgres/postgres_database.hpp"

#include <algorithm>

namespace jne::store::postgres {

const std::vector<std::string_view>& migrations();  // generated from migrations/*.sql

postgres_database::postgres_database(std::string url, std::size_t connections)
    : pool_(std::move(url), connections) {
    migrate();
}

// Every process migrates on start; the lock lets one do it while the others wait.
void postgres_database::migrate() {
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
std::int64_t postgres_database::next_sequence(pqxx::transaction_base& tx) {
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

std::unique_ptr<write_batch> postgres_database::begin_writes() {
    return guarded([&] { return std::make_unique<postgres_write_batch>(*this); });
}

std::unique_ptr<database> open(const std::string& url, std::size_t connections) {
    try {
        return std::make_unique<postgres_database>(url, connections);
    } catch (const pqxx::failure& e) {
        throw storage_error("cannot open PostgreSQL database: " + std::string(e.what()));
    }
}

}  // namespace jne::store::postgres
