#include "store/sqlite/sqlite_database.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <mutex>
#include <sstream>

namespace jne::store::sqlite {

const std::vector<std::string_view>& migrations();  // generated from migrations/*.sql

namespace {

namespace sql {
constexpr const char* version = "SELECT value FROM meta WHERE key = 'version'";
constexpr const char* bump_version = "UPDATE meta SET value = value + 1 WHERE key = 'version'";
constexpr const char* rates =
    "SELECT service, price, etd_from, etd_thru FROM tariffs WHERE origin = ?1 AND destination = ?2";
constexpr const char* areas = "SELECT code, province, city, district, subdistrict, zip FROM areas ORDER BY id";
constexpr const char* origins = "SELECT code, name FROM origins ORDER BY code";
constexpr const char* branches = "SELECT code, name FROM branches ORDER BY code";
constexpr const char* services =
    "SELECT code, display, goods_type, min_kilograms, max_kilograms, flat, rank FROM services ORDER BY rank, code";
constexpr const char* hubs = "SELECT code, name, latitude, longitude FROM hubs ORDER BY code";
constexpr const char* tariffs =
    "SELECT origin, destination, service, price, etd_from, etd_thru FROM tariffs ORDER BY origin, destination, service";
constexpr const char* insert_area =
    "INSERT INTO areas (code, province, city, district, subdistrict, zip) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* insert_origin = "INSERT OR REPLACE INTO origins (code, name) VALUES (?1, ?2)";
constexpr const char* insert_branch = "INSERT OR REPLACE INTO branches (code, name) VALUES (?1, ?2)";
constexpr const char* insert_service =
    "INSERT OR REPLACE INTO services (code, display, goods_type, min_kilograms, max_kilograms, flat, rank) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* insert_hub =
    "INSERT OR REPLACE INTO hubs (code, name, latitude, longitude) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* insert_tariff =
    "INSERT OR REPLACE INTO tariffs (origin, destination, service, price, etd_from, etd_thru) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* accounts =
    "SELECT username, key_hash, role, customer_numbers, branches, disabled FROM accounts ORDER BY username";
constexpr const char* insert_account =
    "INSERT OR IGNORE INTO accounts (username, key_hash, role, customer_numbers, branches, disabled) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* set_key_hash = "UPDATE accounts SET key_hash = ?2 WHERE username = ?1";
constexpr const char* set_disabled = "UPDATE accounts SET disabled = ?2 WHERE username = ?1";
}  // namespace sql

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

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

std::optional<int> optional_int(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}

void bind_optional(SQLite::Statement& s, int index, std::optional<int> value) {
    value ? s.bind(index, *value) : s.bind(index);
}

class sqlite_catalogue_writer;

class sqlite_database final : public database {
public:
    explicit sqlite_database(const std::string& path)
        : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX, 10000) {
        db_.exec("PRAGMA journal_mode = WAL");
        db_.exec("PRAGMA synchronous = FULL");
        db_.exec("PRAGMA foreign_keys = ON");
        migrate();
    }

    std::int64_t version() override {
        return guarded([&] {
            SQLite::Statement q(db_, sql::version);
            return q.executeStep() ? q.getColumn(0).getInt64() : 0;
        });
    }

    core::catalogue_data load_catalogue() override {
        return guarded([&] {
            SQLite::Transaction snapshot(db_);  // one consistent read across the tables
            core::catalogue_data data;
            for_each_locked(catalogue_kind::locations,
                            [&](const catalogue_row& r) { data.areas.push_back(std::get<core::area>(r)); });
            for_each_locked(catalogue_kind::origins,
                            [&](const catalogue_row& r) { data.origins.push_back(std::get<core::origin>(r)); });
            for_each_locked(catalogue_kind::branches,
                            [&](const catalogue_row& r) { data.branches.push_back(std::get<core::branch>(r)); });
            for_each_locked(catalogue_kind::services,
                            [&](const catalogue_row& r) { data.services.push_back(std::get<core::service>(r)); });
            for_each_locked(catalogue_kind::hubs,
                            [&](const catalogue_row& r) { data.hubs.push_back(std::get<core::hub>(r)); });
            return data;
        });
    }

    std::vector<core::rate> rates(std::string_view origin, std::string_view destination) override {
        return guarded([&] {
            if (!rates_) rates_.emplace(db_, sql::rates);
            SQLite::Statement& q = *rates_;
            q.reset();
            q.bind(1, std::string(origin));
            q.bind(2, std::string(destination));
            std::vector<core::rate> out;
            while (q.executeStep())
                out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), optional_int(q.getColumn(2)),
                               optional_int(q.getColumn(3))});
            return out;
        });
    }

    std::unique_ptr<catalogue_writer> replace(catalogue_kind kind) override;

    void for_each(catalogue_kind kind, const std::function<void(const catalogue_row&)>& visit) override {
        guarded([&] {
            for_each_locked(kind, visit);
            return 0;
        });
    }

    std::int64_t count(catalogue_kind kind) override {
        return guarded([&] {
            SQLite::Statement q(db_, std::string("SELECT count(*) FROM ") + table_of(kind));
            return q.executeStep() ? q.getColumn(0).getInt64() : 0;
        });
    }

    std::vector<core::account> accounts() override {
        return guarded([&] {
            SQLite::Statement q(db_, sql::accounts);
            std::vector<core::account> out;
            while (q.executeStep()) {
                core::account a;
                a.username = q.getColumn(0).getString();
                a.key_hash = q.getColumn(1).getString();
                a.role = q.getColumn(2).getString() == "operator" ? core::role::operator_ : core::role::merchant;
                a.customer_numbers = split(q.getColumn(3).getString());
                a.branches = split(q.getColumn(4).getString());
                a.disabled = q.getColumn(5).getInt() != 0;
                out.push_back(std::move(a));
            }
            return out;
        });
    }

    bool add_account(const core::account& a) override {
        return write([&] {
            SQLite::Statement q(db_, sql::insert_account);
            q.bind(1, a.username);
            q.bind(2, a.key_hash);
            q.bind(3, std::string(core::role_name(a.role)));
            q.bind(4, join(a.customer_numbers));
            q.bind(5, join(a.branches));
            q.bind(6, a.disabled ? 1 : 0);
            return q.exec() == 1;
        });
    }

    bool set_key_hash(std::string_view username, std::string_view key_hash) override {
        return write([&] {
            SQLite::Statement q(db_, sql::set_key_hash);
            q.bind(1, std::string(username));
            q.bind(2, std::string(key_hash));
            return q.exec() == 1;
        });
    }

    bool set_disabled(std::string_view username, bool disabled) override {
        return write([&] {
            SQLite::Statement q(db_, sql::set_disabled);
            q.bind(1, std::string(username));
            q.bind(2, disabled ? 1 : 0);
            return q.exec() == 1;
        });
    }

private:
    friend class sqlite_catalogue_writer;

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

    // A change that servers must notice: done in one transaction with the version bump.
    template <class F>
    bool write(F&& f) {
        return guarded([&] {
            SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
            bool changed = f();
            if (changed) db_.exec(sql::bump_version);
            tx.commit();
            return changed;
        });
    }

    void migrate() {
        db_.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)");
        const auto& all = migrations();
        for (std::size_t i = 0; i < all.size(); ++i) {
            SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
            SQLite::Statement applied(db_, "SELECT 1 FROM schema_migrations WHERE version = ?1");
            applied.bind(1, static_cast<int>(i + 1));
            if (applied.executeStep()) continue;
            db_.exec(std::string(all[i]));
            SQLite::Statement record(db_, "INSERT INTO schema_migrations (version) VALUES (?1)");
            record.bind(1, static_cast<int>(i + 1));
            record.exec();
            tx.commit();
        }
    }

    void for_each_locked(catalogue_kind kind, const std::function<void(const catalogue_row&)>& visit) {
        switch (kind) {
            case catalogue_kind::locations: {
                SQLite::Statement q(db_, sql::areas);
                while (q.executeStep())
                    visit(core::area{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                                     q.getColumn(3).getString(), q.getColumn(4).getString(),
                                     q.getColumn(5).getString()});
                break;
            }
            case catalogue_kind::origins: {
                SQLite::Statement q(db_, sql::origins);
                while (q.executeStep()) visit(core::origin{q.getColumn(0).getString(), q.getColumn(1).getString()});
                break;
            }
            case catalogue_kind::branches: {
                SQLite::Statement q(db_, sql::branches);
                while (q.executeStep()) visit(core::branch{q.getColumn(0).getString(), q.getColumn(1).getString()});
                break;
            }
            case catalogue_kind::services: {
                SQLite::Statement q(db_, sql::services);
                while (q.executeStep())
                    visit(core::service{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                        q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                                        q.getColumn(4).getInt64(), q.getColumn(5).getInt() != 0,
                                        q.getColumn(6).getInt()});
                break;
            }
            case catalogue_kind::tariffs: {
                SQLite::Statement q(db_, sql::tariffs);
                while (q.executeStep())
                    visit(core::tariff_row{q.getColumn(0).getString(), q.getColumn(1).getString(),
                                           core::rate{q.getColumn(2).getString(), q.getColumn(3).getInt64(),
                                                      optional_int(q.getColumn(4)), optional_int(q.getColumn(5))}});
                break;
            }
            case catalogue_kind::hubs: {
                SQLite::Statement q(db_, sql::hubs);
                while (q.executeStep())
                    visit(core::hub{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getDouble(),
                                    q.getColumn(3).getDouble()});
                break;
            }
        }
    }

    std::mutex mutex_;
    SQLite::Database db_;
    std::optional<SQLite::Statement> rates_;
};

// Holds the connection for the whole import: one transaction, so readers see
// the old catalogue until the new one is complete.
class sqlite_catalogue_writer final : public catalogue_writer {
public:
    sqlite_catalogue_writer(sqlite_database& owner, catalogue_kind kind)
        : lock_(owner.mutex_), db_(owner.db_), insert_(db_, insert_sql(kind)) {
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
        insert_.bind(4, s.min_kilograms), insert_.bind(5, s.max_kilograms), insert_.bind(6, s.flat ? 1 : 0);
        insert_.bind(7, s.rank);
    }
    void bind(const core::tariff_row& t) {
        insert_.bind(1, t.origin), insert_.bind(2, t.destination), insert_.bind(3, t.rate.service);
        insert_.bind(4, t.rate.price);
        bind_optional(insert_, 5, t.rate.etd_from);
        bind_optional(insert_, 6, t.rate.etd_thru);
    }
    void bind(const core::hub& h) {
        insert_.bind(1, h.code), insert_.bind(2, h.name), insert_.bind(3, h.latitude), insert_.bind(4, h.longitude);
    }

    std::unique_lock<std::mutex> lock_;
    SQLite::Database& db_;
    SQLite::Statement insert_;
    std::optional<SQLite::Transaction> tx_;
};

std::unique_ptr<catalogue_writer> sqlite_database::replace(catalogue_kind kind) {
    return std::make_unique<sqlite_catalogue_writer>(*this, kind);
}

}  // namespace

std::unique_ptr<database> open(const std::string& path) {
    try {
        return std::make_unique<sqlite_database>(path);
    } catch (const SQLite::Exception& e) {
        throw storage_error("cannot open SQLite database " + path + ": " + e.what());
    }
}

}  // namespace jne::store::sqlite
