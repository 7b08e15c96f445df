// Accounts: read by every server, changed with a bump of their version so that servers reload.
#include "store/columns.hpp"
#include "store/postgres/database.hpp"

namespace jne::store::postgres {

std::vector<core::account> postgres_database::accounts() {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        std::vector<core::account> out;
        for (const auto& r : tx.exec_prepared("accounts")) {
            core::account a;
            a.username = r[0].as<std::string>();
            a.key_hash = r[1].as<std::string>();
            a.role =
                r[2].as<std::string>() == "operator" ? core::role::operator_ : core::role::merchant;
            a.customer_numbers = columns::split(r[3].as<std::string>());
            a.branches = columns::split(r[4].as<std::string>());
            a.disabled = r[5].as<bool>();
            a.rate = {r[6].as<std::uint32_t>(), r[7].as<std::uint32_t>()};
            a.service_codes = static_cast<core::service_year>(r[8].as<int>());
            out.push_back(std::move(a));
        }
        return out;
    });
}

bool postgres_database::add_account(const core::account& a) {
    return change_accounts([&](pqxx::work& tx) {
        return tx.exec_prepared(
            "add_account", a.username, a.key_hash, std::string(core::role_name(a.role)),
            columns::join(a.customer_numbers), columns::join(a.branches), a.disabled,
            static_cast<std::int64_t>(a.rate.events), static_cast<std::int64_t>(a.rate.seconds),
            static_cast<int>(a.service_codes));
    });
}

bool postgres_database::set_key_hash(std::string_view username, std::string_view key_hash) {
    return change_accounts([&](pqxx::work& tx) {
        return tx.exec_prepared("set_key_hash", std::string(username), std::string(key_hash));
    });
}

bool postgres_database::set_disabled(std::string_view username, bool disabled) {
    return change_accounts([&](pqxx::work& tx) {
        return tx.exec_prepared("set_disabled", std::string(username), disabled);
    });
}

bool postgres_database::set_rate(std::string_view username, core::request_rate rate) {
    return change_accounts([&](pqxx::work& tx) {
        return tx.exec_prepared("set_rate", std::string(username),
                                static_cast<std::int64_t>(rate.events),
                                static_cast<std::int64_t>(rate.seconds));
    });
}

bool postgres_database::set_service_codes(std::string_view username, core::service_year year) {
    return change_accounts([&](pqxx::work& tx) {
        return tx.exec_prepared("set_service_codes", std::string(username), static_cast<int>(year));
    });
}

}  // namespace jne::store::postgres
