#include "core/weight.hpp"

#include <gtest/gtest.h>

using jne::core::chargeable_kilograms;
using jne::core::grams;
namespace core = jne::core;
namespace api = jne::api;

namespace {
// A size from its sides in cm, as a merchant writes them.
api::parcel_size size(const char* length, const char* width, const char* height) {
    return {*api::read_centimetres(length), *api::read_centimetres(width),
            *api::read_centimetres(height)};
}
}  // namespace

TEST(Tariff, ChargesAtLeastOneKilogram) {
    EXPECT_EQ(chargeable_kilograms(grams{1}), 1);
    EXPECT_EQ(chargeable_kilograms(grams{200}), 1);
    EXPECT_EQ(chargeable_kilograms(grams{1000}), 1);
}

TEST(Tariff, DropsAFractionOfAtMostThreeTenthsOfAKilogram) {
    EXPECT_EQ(chargeable_kilograms(grams{1300}), 1);
    EXPECT_EQ(chargeable_kilograms(grams{2300}), 2);
}

TEST(Tariff, RoundsUpAboveThreeTenthsOfAKilogram) {
    EXPECT_EQ(chargeable_kilograms(grams{1301}), 2);
    EXPECT_EQ(chargeable_kilograms(grams{1310}), 2);
    EXPECT_EQ(chargeable_kilograms(grams{1999}), 2);
    EXPECT_EQ(chargeable_kilograms(api::read_kilograms("1.31").weight), 2);
    EXPECT_EQ(chargeable_kilograms(api::read_kilograms("1.30").weight), 1);
}

TEST(Weight, VolumetricWeightIsTheVolumeOverSixThousand) {
    EXPECT_EQ(core::volumetric_weight(size("30", "30", "30")), core::grams{4500});
    EXPECT_EQ(core::volumetric_weight(size("10", "10", "6")), core::grams{100});
    EXPECT_EQ(core::volumetric_weight(size("12.5", "10", "10")), core::grams{209});  // 208.33…, up
    EXPECT_EQ(core::volumetric_weight(size("0.1", "0.1", "0.1")), core::grams{1});  // never nothing
    EXPECT_FALSE(core::volumetric_weight(size("10000", "10000", "10000")));  // 166,667 t: a typo
    EXPECT_EQ(core::chargeable_kilograms(*core::volumetric_weight(size("30", "30", "30"))), 5);
}
