#include "sandbox/tariff_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace jne::core;
using namespace jne::sandbox;

namespace {
const hub jakarta{"CGK", "JAKARTA", -6.20, 106.85};
const hub bandung{"BDO", "BANDUNG", -6.91, 107.61};
const hub jayapura{"DJJ", "JAYAPURA", -2.53, 140.72};

const rate* find(const std::vector<rate>& rates, std::string_view service) {
    auto it = std::find_if(rates.begin(), rates.end(),
                           [&](const rate& r) { return r.service == service; });
    return it == rates.end() ? nullptr : &*it;
}
}  // namespace

TEST(SandboxTariffModel, MatchesTheDocumentedJakartaToBandungPrices) {
    auto rates = model_rates("BDO10000", jakarta, bandung);
    EXPECT_EQ(find(rates, "REG19")->price, 12000);
    EXPECT_EQ(find(rates, "YES19")->price, 24000);
    EXPECT_EQ(find(rates, "JTR5")->price, 1800);
    EXPECT_EQ(find(rates, "JTR18")->price, 4500);
    EXPECT_EQ(find(rates, "JTR<130")->price, 500000);
    EXPECT_EQ(find(rates, "JTR250")->price, 850000);
}

TEST(SandboxTariffModel, OffersRegAndOkeEverywhereAndCityCourierOnlyWithinACity) {
    for (const hub* to : {&bandung, &jayapura, &jakarta}) {
        auto rates = model_rates(to->code + "10000", jakarta, *to);
        EXPECT_NE(find(rates, "REG19"), nullptr);
        EXPECT_NE(find(rates, "OKE19"), nullptr);
        EXPECT_EQ(find(rates, "CTC19") != nullptr, to == &jakarta);
    }
}

TEST(SandboxTariffModel, FartherAndRemoterCostsMoreAndTakesLonger) {
    auto near = model_rates("BDO10000", jakarta, bandung);
    auto far = model_rates("DJJ10000", jakarta, jayapura);
    auto remote = model_rates("DJJ21506", jakarta, jayapura);
    EXPECT_LT(find(near, "REG19")->price, find(far, "REG19")->price);
    EXPECT_LT(find(far, "REG19")->price, find(remote, "REG19")->price);
    EXPECT_LT(*find(far, "REG19")->etd_thru, *find(remote, "REG19")->etd_thru);
    EXPECT_EQ(find(far, "YES19"), nullptr);  // no next day across the country
    EXPECT_EQ(find(far, "JTR250"), nullptr);
}

TEST(SandboxTariffModel, IsDeterministic) {
    auto a = model_rates("DJJ21506", jakarta, jayapura);
    auto b = model_rates("DJJ21506", jakarta, jayapura);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].price, b[i].price);
}
