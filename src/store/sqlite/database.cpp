// The connection: opening, migrations, the write probe and the factory.
#include "store/sqlite/database.hpp"
#include "store/sqlite/sidecars.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace jne::store::sqlite {

const std::vector<std::string_view>& migrations();  // generated from migrations/*.sql

sqlite_database::sqlite_database(const std::string& path)
    : path_(path), writer_(std::make_unique<writer>(path)) {
    // A file that cannot be written yet is served read-only until it can, if its schema is
    // current; one that needs migrating cannot be served at all. The probe migrates.
    const std::lock_guard lock(mutex_);
    if (!writable_locked() && !schema_current())
        throw storage_error("cannot write " + unwritable_file(path).value_or(path) +
                            " to bring its schema up to date: " + why_not_writable_);
    readers_.emplace(path, 4);
}

sqlite_database::writer::writer(const std::string& path)
    : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX,
         busy_timeout_ms) {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
}

std::unique_ptr<write_batch> sqlite_database::begin_writes() {
    return std::make_unique<sqlite_write_batch>(*this);
}

bool sqlite_database::writable_now() {
    // A probe must not wait behind a group commit: while writes succeed the flag says so; once
    // one failed (a read-only file, a full disk), a real write decides, when no batch holds the
    // writer.
    if (writable_.load(std::memory_order_acquire)) return true;
    const std::unique_lock lock(mutex_, std::try_to_lock);
    return lock.owns_lock() && writable_locked();
}

// Read by the refresher every second and by /readyz: from a reader, never behind a batch.
std::int64_t sqlite_database::version() {
    return read_with([&](statement_cache& db) {
        auto q = db.get(sql::version);
        return q->executeStep() ? q->getColumn(0).getInt64() : 0;
    });
}

bool sqlite_database::schema_current() {
    try {
        SQLite::Statement q(writer_->db, "SELECT count(*) FROM schema_migrations");
        return q.executeStep() &&
               q.getColumn(0).getInt64() == static_cast<std::int64_t>(migrations().size());
    } catch (const SQLite::Exception&) {
        return false;  // no schema at all
    }
}

void sqlite_database::migrate() {
    writer_->db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)");
    const auto& all = migrations();
    for (std::size_t i = 0; i < all.size(); ++i) {
        SQLite::Transaction tx(writer_->db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement applied(writer_->db,
                                  "SELECT 1 FROM schema_migrations WHERE version = ?1");
        bind_values(applied, i + 1);
        if (applied.executeStep()) continue;
        writer_->db.exec(std::string(all[i]));
        SQLite::Statement record(writer_->db,
                                 "INSERT INTO schema_migrations (version) VALUES (?1)");
        run(record, i + 1);
        tx.commit();
    }
}

// Whether the database takes writes: true while they succeed; after a failure (a batch's, or the
// last probe's), a real write decides, at most once a second. Holds mutex_.
bool sqlite_database::writable_locked() {
    if (writable_.load(std::memory_order_acquire)) return true;
    const auto now = std::chrono::steady_clock::now();
    if (probed_ && now - last_probe_ < std::chrono::seconds(1)) return false;
    probed_ = true;
    last_probe_ = now;
    const bool writable = write_probe();
    writable_.store(writable, std::memory_order_release);
    return writable;
}

// A write that must reach the disk as a create's does: a row of meta, committed. The sidecars
// are mended first and the connection reopened if SQLite opened it read-only.
bool sqlite_database::write_probe() {
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
void sqlite_database::note_failed_write(int code) {
    const int primary = code & 0xff;
    if (primary == SQLITE_READONLY || primary == SQLITE_FULL || primary == SQLITE_IOERR ||
        primary == SQLITE_CANTOPEN || primary == SQLITE_PERM)
        writable_.store(false, std::memory_order_release);
}

// The connection a batch or an import writes through, reopened first if it could not write. The
// caller holds mutex_.
SQLite::Database& sqlite_database::writing_connection() {
    writable_locked();
    return writer_->db;
}

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
