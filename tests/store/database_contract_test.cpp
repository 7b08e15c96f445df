// One contract for every storage backend: each backend is a parameter.
#include "store/store.hpp"

#include "store/sqlite/sqlite_database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <functional>

using namespace jne;
using store::catalogue_kind;

namespace {

struct backend {
    std::string name;
    std::function<std::unique_ptr<store::database>(const test::temp_dir&)> open;
};

class DatabaseContract : public ::testing::TestWithParam<backend> {
protected:
    test::temp_dir dir;
    std::unique_ptr<store::database> db = GetParam().open(dir);

    void replace(catalogue_kind kind, std::vector<store::catalogue_row> rows) {
        auto w = db->replace(kind);
        for (const auto& r : rows) w->add(r);
        w->commit();
    }
};

}  // namespace

TEST_P(DatabaseContract, StartsEmptyAndVersionsGrowWithTheirChanges) {
    EXPECT_EQ(db->count(catalogue_kind::locations), 0);
    const auto catalogue0 = db->version(), accounts0 = db->accounts_version();
    replace(catalogue_kind::origins, {core::origin{"CGK10000", "JAKARTA"}});
    const auto catalogue1 = db->version();
    EXPECT_GT(catalogue1, catalogue0);
    EXPECT_EQ(db->accounts_version(), accounts0);
    core::account a{"shop", "hash", core::role::merchant, {"1"}, {"CGK000"}, false};
    EXPECT_TRUE(db->add_account(a));
    const auto accounts1 = db->accounts_version();
    EXPECT_GT(accounts1, accounts0);
    EXPECT_EQ(db->version(), catalogue1);  // an account change reloads no catalogue
    EXPECT_FALSE(db->add_account(a));
    EXPECT_EQ(db->accounts_version(), accounts1);  // nothing changed: no bump
}

TEST_P(DatabaseContract, ReplacesAKindWholeAndOnlyOnCommit) {
    replace(catalogue_kind::origins, {core::origin{"CGK10000", "JAKARTA"}, core::origin{"BDO10000", "BANDUNG"}});
    {
        auto w = db->replace(catalogue_kind::origins);
        w->add(core::origin{"SUB10000", "SURABAYA"});
        // destroyed without commit: rolled back
    }
    EXPECT_EQ(db->count(catalogue_kind::origins), 2);
    replace(catalogue_kind::origins, {core::origin{"SUB10000", "SURABAYA"}});
    auto data = db->load_catalogue();
    ASSERT_EQ(data.origins.size(), 1u);
    EXPECT_EQ(data.origins[0].code, "SUB10000");
}

TEST_P(DatabaseContract, LooksUpTheRatesOfOneRoute) {
    replace(catalogue_kind::tariffs,
            {
                core::tariff_row{"CGK10000", "BDO10000", {"REG19", 12000, 1, 2}},
                core::tariff_row{"CGK10000", "BDO10000", {"JTR250", 850000, std::nullopt, std::nullopt}},
                core::tariff_row{"CGK10000", "SUB10000", {"REG19", 20000, 2, 3}},
            });
    auto rates = db->rates("CGK10000", "BDO10000");
    ASSERT_EQ(rates.size(), 2u);
    auto reg = std::find_if(rates.begin(), rates.end(), [](const core::rate& r) { return r.service == "REG19"; });
    ASSERT_NE(reg, rates.end());
    EXPECT_EQ(reg->price, 12000);
    EXPECT_EQ(reg->etd_thru, 2);
    auto flat = std::find_if(rates.begin(), rates.end(), [](const core::rate& r) { return r.service == "JTR250"; });
    EXPECT_FALSE(flat->etd_from.has_value());
    EXPECT_TRUE(db->rates("BDO10000", "CGK10000").empty());
}

TEST_P(DatabaseContract, KeepsEveryKindOfTheCatalogue) {
    replace(catalogue_kind::locations, {core::area{"BDO10000", "JAWA BARAT", "BANDUNG", "BANDUNG", "-", "40614"}});
    replace(catalogue_kind::branches, {core::branch{"CGK000", "JNE JAKARTA"}});
    replace(catalogue_kind::services, {core::service{"REG19", "REG", "Document/Paket", 1, 999, false, 10}});
    replace(catalogue_kind::hubs, {core::hub{"BDO", "BANDUNG", -6.91, 107.61}});
    auto data = db->load_catalogue();
    ASSERT_EQ(data.areas.size(), 1u);
    EXPECT_EQ(data.areas[0].zip, "40614");
    EXPECT_EQ(data.branches.at(0).name, "JNE JAKARTA");
    EXPECT_EQ(data.services.at(0).max_kilograms, 999);
    EXPECT_DOUBLE_EQ(data.hubs.at(0).latitude, -6.91);
    int seen = 0;
    db->for_each(catalogue_kind::locations,
                 [&](const store::catalogue_row& r) { seen += std::holds_alternative<core::area>(r); });
    EXPECT_EQ(seen, 1);
}

TEST_P(DatabaseContract, KeepsAccountsAndRefusesATakenName) {
    core::account a{"shop", "h1", core::role::operator_, {"1", "2"}, {"CGK000"}, false};
    EXPECT_TRUE(db->add_account(a));
    EXPECT_FALSE(db->add_account(a));
    EXPECT_TRUE(db->set_key_hash("shop", "h2"));
    EXPECT_TRUE(db->set_disabled("shop", true));
    EXPECT_FALSE(db->set_disabled("nobody", true));
    auto all = db->accounts();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].key_hash, "h2");
    EXPECT_EQ(all[0].role, core::role::operator_);
    EXPECT_EQ(all[0].customer_numbers, (std::vector<std::string>{"1", "2"}));
    EXPECT_TRUE(all[0].disabled);
}

INSTANTIATE_TEST_SUITE_P(Backends, DatabaseContract,
                         ::testing::Values(backend{"sqlite",
                                                   [](const test::temp_dir& d) {
                                                       return store::sqlite::open((d / "contract.db").string());
                                                   }}),
                         [](const auto& backend_info) { return backend_info.param.name; });
