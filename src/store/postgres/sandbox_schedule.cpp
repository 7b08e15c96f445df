// The sandbox's schedule: which shipments move next, and when.
#include "store/postgres/database.hpp"

namespace jne::store::postgres {

std::vector<std::string> postgres_database::sandbox_due(core::unix_seconds now, std::size_t limit) {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        std::vector<std::string> out;
        for (const auto& r : tx.exec_prepared("sandbox_due", now, static_cast<std::int64_t>(limit)))
            out.push_back(r[0].as<std::string>());
        return out;
    });
}

void postgres_write_batch::schedule(std::string_view airwaybill,
                                    std::optional<core::unix_seconds> due) {
    held_schedules_.insert_or_assign(std::string(airwaybill), due);
}

void postgres_write_batch::reschedule_all(core::unix_seconds now) {
    guarded([&] {
        flush();
        tx_.exec_prepared("reschedule_sandbox", now);
    });
}

}  // namespace jne::store::postgres
