// The catalogue: its reads, and an import that replaces a kind of row through COPY.
#include "store/postgres/database.hpp"

#include <tuple>
#include <variant>

namespace jne::store::postgres {

core::catalogue_data postgres_database::load_catalogue() {
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

std::vector<core::rate> postgres_database::rates(std::string_view origin,
                                                 std::string_view destination) {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        const auto rows = tx.exec_prepared("rates", std::string(origin), std::string(destination));
        std::vector<core::rate> out;
        for (const auto& r : rows)
            out.push_back({r[0].as<std::string>(), r[1].as<std::int64_t>(), optional_int(r[2]),
                           optional_int(r[3])});
        return out;
    });
}

void postgres_database::for_each(catalogue_kind kind,
                                 const std::function<void(const catalogue_row&)>& visit) {
    with_connection([&](pqxx::connection& c) {
        snapshot tx(c);
        visit_catalogue(tx, kind, visit);
        return 0;
    });
}

std::int64_t postgres_database::count(catalogue_kind kind) {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        return single_number(tx.exec(std::string("SELECT count(*) FROM ") + table_of(kind).table));
    });
}

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

std::unique_ptr<catalogue_writer> postgres_database::replace(catalogue_kind kind) {
    return guarded([&] { return std::make_unique<postgres_catalogue_writer>(*this, kind); });
}

}  // namespace jne::store::postgres
