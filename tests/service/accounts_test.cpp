#include "service/accounts.hpp"

#include "store/sqlite/sqlite_database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace jne;

namespace {
struct Accounts : ::testing::Test {
    test::temp_dir dir;
    std::unique_ptr<store::database> db = store::sqlite::open((dir / "a.db").string());
    service::account_service accounts{*db};

    api::error refusal(const char* user, const char* key) {
        std::string u = user, k = key;
        auto r = accounts.authenticate({u, k});
        EXPECT_FALSE(r.has_value());
        return r ? api::error::refused : r.error().code;
    }
};
}  // namespace

TEST(ApiKeys, AreStoredAsSha256) {
    EXPECT_EQ(service::hash_key("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    auto key = service::new_api_key();
    EXPECT_EQ(key.size(), 32u);
    EXPECT_NE(key, service::new_api_key());
}

TEST_F(Accounts, AuthenticatesWithTheKeyShownOnce) {
    auto key =
        accounts.add({"shop", {}, core::role::merchant, {"80519800"}, {"CGK000"}, false, {}});
    ASSERT_TRUE(key.has_value());
    std::string user = "shop";
    auto who = accounts.authenticate({user, *key});
    ASSERT_TRUE(who.has_value());
    EXPECT_EQ((*who)->username, "shop");
    EXPECT_NE(db->accounts().at(0).key_hash, *key);  // only the hash is stored
}

TEST_F(Accounts, TellsMissingCredentialsFromWrongOnes) {
    auto key = accounts.add({"shop", {}, core::role::merchant, {}, {}, false, {}});
    std::string user = "shop";
    EXPECT_EQ(accounts.authenticate({{}, *key}).error().code, api::error::credentials_missing);
    EXPECT_EQ(accounts.authenticate({user, {}}).error().code, api::error::credentials_missing);
    EXPECT_EQ(refusal("shop", "wrong"), api::error::bad_credentials);
    EXPECT_EQ(refusal("nobody", key->c_str()), api::error::bad_credentials);
    EXPECT_EQ(refusal("shop", ""), api::error::bad_credentials);
    EXPECT_EQ(refusal("SHOP", key->c_str()), api::error::bad_credentials);
}

TEST_F(Accounts, RotatingAKeyRetiresTheOldOne) {
    auto old_key = accounts.add({"shop", {}, core::role::merchant, {}, {}, false, {}});
    auto new_key = accounts.rotate_key("shop");
    ASSERT_TRUE(new_key.has_value());
    EXPECT_EQ(refusal("shop", old_key->c_str()), api::error::bad_credentials);
    std::string user = "shop";
    EXPECT_TRUE(accounts.authenticate({user, *new_key}).has_value());
    EXPECT_FALSE(accounts.rotate_key("nobody").has_value());
}

TEST_F(Accounts, ADisabledAccountIsRefused) {
    auto key = accounts.add({"shop", {}, core::role::merchant, {}, {}, false, {}});
    ASSERT_TRUE(accounts.disable("shop").has_value());
    EXPECT_EQ(refusal("shop", key->c_str()), api::error::bad_credentials);
}

TEST_F(Accounts, RefusesATakenUsername) {
    ASSERT_TRUE(accounts.add({"shop", {}, core::role::merchant, {}, {}, false, {}}).has_value());
    EXPECT_FALSE(accounts.add({"shop", {}, core::role::merchant, {}, {}, false, {}}).has_value());
}

// A verified key is remembered per thread (no SHA-256 on every request): whatever changes the
// accounts must still be seen on the very next request, here and in other processes.
TEST_F(Accounts, ARememberedKeyIsForgottenWhenTheAccountsChange) {
    auto key = accounts.add({"shop", {}, core::role::merchant, {}, {}, false, {}});
    std::string user = "shop";
    ASSERT_TRUE(accounts.authenticate({user, *key}).has_value());
    ASSERT_TRUE(accounts.authenticate({user, *key}).has_value());  // now remembered

    std::string near = *key;
    near.back() = near.back() == '0' ? '1' : '0';
    EXPECT_EQ(refusal("shop", near.c_str()), api::error::bad_credentials);
    EXPECT_EQ(refusal("shop", key->substr(0, 31).c_str()), api::error::bad_credentials);
    EXPECT_EQ(refusal("shop", (*key + "0").c_str()), api::error::bad_credentials);

    ASSERT_TRUE(accounts.disable("shop").has_value());
    EXPECT_EQ(refusal("shop", key->c_str()), api::error::bad_credentials);
    ASSERT_TRUE(accounts.set_enabled("shop", true).has_value());
    ASSERT_TRUE(accounts.authenticate({user, *key}).has_value());

    // Another process (its own service on the same database) rotates the key.
    service::account_service other{*db};
    ASSERT_TRUE(other.rotate_key("shop").has_value());
    EXPECT_TRUE(accounts.refresh());
    EXPECT_EQ(refusal("shop", key->c_str()), api::error::bad_credentials);
}

TEST_F(Accounts, RemembersKeysOfSeveralAccountsAtOnce) {
    std::vector<std::pair<std::string, std::string>> shops;
    for (int i = 0; i < 6; ++i) {  // more than a thread remembers
        std::string name = "shop" + std::to_string(i);
        shops.emplace_back(name,
                           *accounts.add({name, {}, core::role::merchant, {}, {}, false, {}}));
    }
    for (int round = 0; round < 3; ++round)
        for (std::size_t i = 0; i < shops.size(); ++i) {
            const auto& [name, key] = shops[i];
            auto who = accounts.authenticate({name, key});
            ASSERT_TRUE(who.has_value()) << name;
            EXPECT_EQ((*who)->username, name);
            const std::string& someone_elses = shops[(i + 1) % shops.size()].second;
            EXPECT_EQ(refusal(name.c_str(), someone_elses.c_str()), api::error::bad_credentials);
        }
}
