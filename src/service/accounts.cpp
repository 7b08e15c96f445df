#include "service/accounts.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace jne::service {

namespace {

std::string to_hex(const unsigned char* bytes, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    return out;
}

// A hash nobody's key has, compared when the username is unknown, so that a
// wrong name takes as long as a wrong key.
const std::string& decoy_hash() {
    static const std::string hash = hash_key("no such account");
    return hash;
}

}  // namespace

std::string hash_key(std::string_view key) {
    // Fetched once: OpenSSL 3 looks the algorithm up on every call otherwise.
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (sha256 == nullptr ||
        EVP_Digest(key.data(), key.size(), digest, &length, sha256, nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return to_hex(digest, length);
}

std::string new_api_key() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        throw std::runtime_error("no randomness for a new API key");
    return to_hex(bytes, sizeof bytes);
}

account_service::account_service(store::account_store& store) : store_(store) { reload(); }

void account_service::reload() {
    // The version first: a change made while reading is picked up by the next refresh.
    loaded_version_.store(store_.accounts_version());
    auto fresh = std::make_shared<directory>();
    for (core::account& a : store_.accounts()) {
        std::string name = a.username;
        fresh->emplace(std::move(name), std::make_shared<const core::account>(std::move(a)));
    }
    accounts_.store(std::move(fresh));
}

bool account_service::refresh() {
    if (store_.accounts_version() == loaded_version_.load()) return false;
    reload();
    return true;
}

namespace {

// The last keys this thread saw verified, each against the directory it was verified in:
// a merchant sends the same key on every request, and SHA-256 of it was a sixth of a tariff
// request's instructions. Keyed by the directory, so a key rotated, an account disabled or
// removed (each a new directory) is verified afresh. Compared in constant time like the hash.
struct verified_key {
    std::shared_ptr<const void> directory;  // kept alive so its address is never reused
    std::string username;
    std::string api_key;
    std::shared_ptr<const core::account> account;
};
constexpr std::size_t verified_keys_per_thread = 4;
thread_local std::array<verified_key, verified_keys_per_thread> verified_keys;
thread_local std::size_t next_verified_key = 0;

bool same_secret(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

api::result<std::shared_ptr<const core::account>> account_service::authenticate(
    const api::credentials& caller) const {
    if (!caller.username || !caller.api_key) return api::fail(api::error::credentials_missing);
    auto accounts = accounts_.load();
    for (const verified_key& known : verified_keys)
        if (known.directory.get() == accounts.get() && known.username == *caller.username &&
            same_secret(known.api_key, *caller.api_key))
            return known.account;
    auto it = accounts->find(*caller.username);
    const std::string presented = hash_key(*caller.api_key);
    const std::string& expected = it != accounts->end() ? it->second->key_hash : decoy_hash();
    const bool key_matches = same_secret(expected, presented);
    if (it == accounts->end() || !key_matches || it->second->disabled)
        return api::fail(api::error::bad_credentials);
    verified_key& slot = verified_keys[next_verified_key++ % verified_keys_per_thread];
    slot = {accounts, std::string(*caller.username), std::string(*caller.api_key), it->second};
    return it->second;
}

api::result<std::string> account_service::add(core::account a) {
    std::string key = new_api_key();
    a.key_hash = hash_key(key);
    if (!store_.add_account(a))
        return api::fail_saying(api::error::refused, "account " + a.username + " exists already");
    reload();
    return key;
}

api::result<std::string> account_service::rotate_key(std::string_view username) {
    std::string key = new_api_key();
    if (!store_.set_key_hash(username, hash_key(key)))
        return api::fail_saying(api::error::refused, "no account " + std::string(username));
    reload();
    return key;
}

api::result<void> account_service::set_enabled(std::string_view username, bool enabled) {
    if (!store_.set_disabled(username, !enabled))
        return api::fail_saying(api::error::refused, "no account " + std::string(username));
    reload();
    return {};
}

api::result<void> account_service::set_rate(std::string_view username, core::request_rate rate) {
    if (!store_.set_rate(username, rate))
        return api::fail_saying(api::error::refused, "no account " + std::string(username));
    reload();
    return {};
}

api::result<void> account_service::set_service_codes(std::string_view username,
                                                     core::service_year year) {
    if (!store_.set_service_codes(username, year))
        return api::fail_saying(api::error::refused, "no account " + std::string(username));
    reload();
    return {};
}

void account_service::ensure(core::account a, std::string_view key) {
    a.key_hash = hash_key(key);
    if (store_.add_account(a)) reload();
}

}  // namespace jne::service
