#include "core/pricing.hpp"

#include <gtest/gtest.h>

using namespace jne::core;

namespace {
catalogue services_only() {
    catalogue_data data;
    data.services = {{"REG19", "REG", "Document/Paket", 1, 999, false, 10},
                     {"JTR5", "JTR", "Paket", 10, 9999, false, 20},
                     {"JTR250", "JTR250", "Paket", 1, 999, true, 70}};
    return catalogue(std::move(data));
}
}  // namespace

TEST(Pricing, ChargesPerChargeableKilogram) {
    auto c = services_only();
    std::vector<rate> rates{{"REG19", 12000, 1, 2}};
    auto lines = price_route(rates, c, grams{2400});
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].amount, 36000);
    EXPECT_EQ(price_route(rates, c, grams{2300})[0].amount, 24000);
}

TEST(Pricing, AppliesTheServiceMinimumWeight) {
    auto c = services_only();
    std::vector<rate> rates{{"JTR5", 1800, 3, 4}};
    EXPECT_EQ(price_route(rates, c, grams{1000})[0].amount, 18000);
    EXPECT_EQ(price_route(rates, c, grams{12000})[0].amount, 21600);
}

TEST(Pricing, FlatServicesIgnoreWeight) {
    auto c = services_only();
    std::vector<rate> rates{{"JTR250", 850000, std::nullopt, std::nullopt}};
    EXPECT_EQ(price_route(rates, c, grams{1000})[0].amount, 850000);
    EXPECT_EQ(price_route(rates, c, grams{80000})[0].amount, 850000);
}

TEST(Pricing, OrdersByServiceRankAndDropsUnknownServices) {
    auto c = services_only();
    std::vector<rate> rates{{"JTR5", 1800, 3, 4}, {"XYZ", 1, 1, 1}, {"REG19", 12000, 1, 2}};
    auto lines = price_route(rates, c, grams{1000});
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].offered->code, "REG19");
    EXPECT_EQ(lines[1].offered->code, "JTR5");
}

TEST(Pricing, ParcelServicesRefuseWeightsAboveTheirMaximum) {
    auto c = services_only();
    std::vector<rate> rates{{"REG19", 12000, 1, 2}, {"JTR5", 1800, 3, 4}};
    auto lines = price_route(rates, c, grams{1'000'000});
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0].offered->code, "JTR5");
}
