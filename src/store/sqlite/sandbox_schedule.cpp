// The sandbox's schedule: which shipments move next, and when.
#include "store/sqlite/database.hpp"

namespace jne::store::sqlite {

std::vector<std::string> sqlite_database::sandbox_due(core::unix_seconds now, std::size_t limit) {
    return read_with([&](statement_cache& db) {
        auto q = db.get(sql::sandbox_due);
        bind_values(*q, now, limit);
        std::vector<std::string> out;
        while (q->executeStep()) out.push_back(q->getColumn(0).getString());
        return out;
    });
}

void sqlite_write_batch::schedule(std::string_view airwaybill,
                                  std::optional<core::unix_seconds> due) {
    guard([&] {
        auto q = statements_.get(sql::schedule_sandbox);
        run(*q, airwaybill, due);
    });
}

void sqlite_write_batch::reschedule_all(core::unix_seconds now) {
    guard([&] {
        auto q = statements_.get(sql::reschedule_sandbox);
        run(*q, now);
    });
}

}  // namespace jne::store::sqlite
