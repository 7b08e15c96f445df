#pragma once

#include "api/error.hpp"
#include "core/account.hpp"
#include "service/published.hpp"
#include "store/store.hpp"

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace jne::service {

/// SHA-256 of an API key, as lowercase hex: the only form in which keys are stored.
std::string hash_key(std::string_view key);

/// A new API key: 16 random bytes as 32 hex digits, the shape JNE issues.
std::string new_api_key();

/// Answers "who is calling" for every request, from an in-memory copy of the
/// accounts that is replaced when the database's version moves.
class account_service {
public:
    explicit account_service(store::account_store& store);

    /// The caller's account, from the `username` and `api_key` of a request.
    /// Absent fields: credentials_missing. Unknown, wrong or disabled: bad_credentials.
    /// The key's hash is compared in constant time.
    api::result<std::shared_ptr<const core::account>> authenticate(
        const api::credentials& caller) const;

    /// Whether an account of that name exists (enabled or not).
    bool has(std::string_view username) const { return accounts_.load()->contains(username); }

    /// Reloads the accounts from the store.
    void reload();
    /// Reloads when another process changed the accounts; true when it did.
    bool refresh();

    /// Creates an account and returns its API key, shown once. Fails when the name is taken.
    api::result<std::string> add(core::account a);
    /// Gives an account a new key (the old stops working) and returns it.
    api::result<std::string> rotate_key(std::string_view username);
    /// Disabled: every request refused as bad credentials, the key kept; enabled again: it works.
    api::result<void> set_enabled(std::string_view username, bool enabled);
    api::result<void> disable(std::string_view username) { return set_enabled(username, false); }
    /// The account's own request rate in each server process; a rate of none lifts it.
    api::result<void> set_rate(std::string_view username, core::request_rate rate);
    /// The tariff year its pricedev codes are written in (REG19 or REG23).
    api::result<void> set_service_codes(std::string_view username, core::service_year year);
    /// Creates the account with this exact key when absent (the sandbox's documented test account).
    void ensure(core::account a, std::string_view key);

private:
    using directory = std::map<std::string, std::shared_ptr<const core::account>, std::less<>>;

    store::account_store& store_;
    published<directory> accounts_;
    std::atomic<std::int64_t> loaded_version_{-1};
};

}  // namespace jne::service
