#include "core/weight.hpp"

#include <gtest/gtest.h>

using jne::core::chargeable_kilograms;
using jne::core::grams;
using jne::core::parse_weight;
namespace core = jne::core;

TEST(Weight, ParsesWholeAndDecimalKilograms) {
    EXPECT_EQ(parse_weight("1"), grams{1000});
    EXPECT_EQ(parse_weight("1.5"), grams{1500});
    EXPECT_EQ(parse_weight("0.2"), grams{200});
    EXPECT_EQ(parse_weight(" 2 "), grams{2000});
    EXPECT_EQ(parse_weight(".5"), grams{500});
    EXPECT_EQ(parse_weight("3."), grams{3000});
}

TEST(Weight, RoundsDigitsBeyondTheGramUp) {
    EXPECT_EQ(parse_weight("1.3001"), grams{1301});
    EXPECT_EQ(parse_weight("1.3000"), grams{1300});
}

TEST(Weight, RefusesWhatIsNotAPositiveFiniteNumber) {
    for (const char* bad : {"", "0", "0.0", "-1", "abc", "1e3", "inf", "nan", "NaN", "1,5", "1.2.3",
                            "0x10", "--1", "1 kg", "99999999999999999999"})
        EXPECT_FALSE(parse_weight(bad).has_value()) << bad;
}

TEST(Weight, RefusesAbsurdWeights) { EXPECT_FALSE(parse_weight("100001").has_value()); }

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
    EXPECT_EQ(chargeable_kilograms(*parse_weight("1.31")), 2);
    EXPECT_EQ(chargeable_kilograms(*parse_weight("1.30")), 1);
}

TEST(Weight, VolumetricWeightIsTheVolumeOverSixThousand) {
    EXPECT_EQ(core::volumetric_weight("30", "30", "30"), core::grams{4500});
    EXPECT_EQ(core::volumetric_weight("10", "10", "6"), core::grams{100});
    EXPECT_EQ(core::volumetric_weight("12.5", "10", "10"), core::grams{209});  // 208.33…, up
    EXPECT_EQ(core::volumetric_weight("0.1", "0.1", "0.1"), core::grams{1});   // never nothing
    EXPECT_FALSE(core::volumetric_weight("30", "0", "30"));
    EXPECT_FALSE(core::volumetric_weight("30", "", "30"));
    EXPECT_FALSE(core::volumetric_weight("1e3", "30", "30"));
    EXPECT_FALSE(core::volumetric_weight("10000", "10000", "10000"));  // 166,667 t: a typo
    EXPECT_EQ(core::chargeable_kilograms(*core::volumetric_weight("30", "30", "30")), 5);
}
