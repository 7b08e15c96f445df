// Accounts: read by every server, changed with a bump of their version so that servers reload.
#include "store/columns.hpp"
#include "store/sqlite/database.hpp"

namespace jne::store::sqlite {

std::int64_t sqlite_database::accounts_version() {
    return read_with([&](statement_cache& db) {
        auto q = db.get(sql::accounts_version);
        return q->executeStep() ? q->getColumn(0).getInt64() : 0;
    });
}

std::vector<core::account> sqlite_database::accounts() {
    return guarded([&] {
        SQLite::Statement q(writer_->db, sql::accounts);
        std::vector<core::account> out;
        while (q.executeStep()) {
            core::account a;
            a.username = q.getColumn(0).getString();
            a.key_hash = q.getColumn(1).getString();
            a.role = q.getColumn(2).getString() == "operator" ? core::role::operator_
                                                              : core::role::merchant;
            a.customer_numbers = columns::split(q.getColumn(3).getString());
            a.branches = columns::split(q.getColumn(4).getString());
            a.disabled = q.getColumn(5).getInt() != 0;
            a.rate = {static_cast<std::uint32_t>(q.getColumn(6).getInt64()),
                      static_cast<std::uint32_t>(q.getColumn(7).getInt64())};
            a.service_codes = static_cast<core::service_year>(q.getColumn(8).getInt());
            out.push_back(std::move(a));
        }
        return out;
    });
}

bool sqlite_database::add_account(const core::account& a) {
    return write_account([&] {
        SQLite::Statement q(writer_->db, sql::insert_account);
        return run(q, a.username, a.key_hash, core::role_name(a.role),
                   columns::join(a.customer_numbers), columns::join(a.branches), a.disabled,
                   static_cast<std::int64_t>(a.rate.events),
                   static_cast<std::int64_t>(a.rate.seconds),
                   static_cast<int>(a.service_codes)) == 1;
    });
}

bool sqlite_database::set_key_hash(std::string_view username, std::string_view key_hash) {
    return write_account([&] {
        SQLite::Statement q(writer_->db, sql::set_key_hash);
        return run(q, username, key_hash) == 1;
    });
}

bool sqlite_database::set_disabled(std::string_view username, bool disabled) {
    return write_account([&] {
        SQLite::Statement q(writer_->db, sql::set_disabled);
        return run(q, username, disabled) == 1;
    });
}

bool sqlite_database::set_rate(std::string_view username, core::request_rate rate) {
    return write_account([&] {
        SQLite::Statement q(writer_->db, sql::set_rate);
        return run(q, username, static_cast<std::int64_t>(rate.events),
                   static_cast<std::int64_t>(rate.seconds)) == 1;
    });
}

bool sqlite_database::set_service_codes(std::string_view username, core::service_year year) {
    return write_account([&] {
        SQLite::Statement q(writer_->db, sql::set_service_codes);
        return run(q, username, static_cast<int>(year)) == 1;
    });
}

}  // namespace jne::store::sqlite
