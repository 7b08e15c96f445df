// The catalogue: its reads, and an import that replaces a kind of row in one transaction.
#include "store/sqlite/database.hpp"
#include "store/sqlite/rows.hpp"

#include <variant>

namespace jne::store::sqlite {

core::catalogue_data sqlite_database::load_catalogue() {
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
        while (rated.executeStep()) data.rated_origins.push_back(rated.getColumn(0).getString());
        return data;
    });
}

std::vector<core::rate> sqlite_database::rates(std::string_view origin,
                                               std::string_view destination) {
    return guarded([&] {
        if (!rates_) rates_.emplace(writer_->db, sql::rates);
        SQLite::Statement& q = *rates_;
        q.reset();
        bind_values(q, origin, destination);
        std::vector<core::rate> out;
        while (q.executeStep())
            out.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(),
                           optional_int(q.getColumn(2)), optional_int(q.getColumn(3))});
        return out;
    });
}

void sqlite_database::for_each(catalogue_kind kind,
                               const std::function<void(const catalogue_row&)>& visit) {
    guarded([&] {
        for_each_locked(kind, visit);
        return 0;
    });
}

std::int64_t sqlite_database::count(catalogue_kind kind) {
    return guarded([&] {
        SQLite::Statement q(writer_->db, std::string("SELECT count(*) FROM ") + table_of(kind));
        return q.executeStep() ? q.getColumn(0).getInt64() : 0;
    });
}

void sqlite_database::for_each_locked(catalogue_kind kind,
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
            std::visit([this](const auto& r) { bind_row(r); }, row);
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

    void bind_row(const core::area& a) {
        bind_values(insert_, a.code, a.province, a.city, a.district, a.subdistrict, a.zip);
    }
    void bind_row(const core::origin& o) { bind_values(insert_, o.code, o.name); }
    void bind_row(const core::branch& b) { bind_values(insert_, b.code, b.name); }
    void bind_row(const core::service& s) {
        bind_values(insert_, s.code, s.display, s.goods_type, s.min_kilograms, s.max_kilograms,
                    s.flat, s.rank);
    }
    void bind_row(const core::tariff_row& t) {
        bind_values(insert_, t.origin, t.destination, t.rate.service, t.rate.price, t.rate.etd_from,
                    t.rate.etd_thru);
    }
    void bind_row(const core::hub& h) {
        bind_values(insert_, h.code, h.name, h.latitude, h.longitude);
    }

    std::unique_lock<std::mutex> lock_;
    SQLite::Database& db_;
    SQLite::Statement insert_;
    std::optional<SQLite::Transaction> tx_;
};

std::unique_ptr<catalogue_writer> sqlite_database::replace(catalogue_kind kind) {
    return std::make_unique<sqlite_catalogue_writer>(*this, kind);
}

}  // namespace jne::store::sqlite
