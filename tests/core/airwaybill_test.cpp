#include "core/airwaybill.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace jne::core;

TEST(Airwaybill, AcceptsTheDocumentsExample) { EXPECT_TRUE(valid_airwaybill("5403212200022724")); }

TEST(Airwaybill, RefusesAnyMistypedDigit) {
    const std::string good = airwaybill_from_sequence(123456789);
    ASSERT_TRUE(valid_airwaybill(good));
    for (std::size_t i = 0; i < good.size(); ++i)
        for (char d = '0'; d <= '9'; ++d) {
            if (d == good[i]) continue;
            std::string typo = good;
            typo[i] = d;
            EXPECT_FALSE(valid_airwaybill(typo)) << typo;
        }
}

TEST(Airwaybill, RefusesSwappedNeighbours) {
    const std::string good = "5403212200022724";
    for (std::size_t i = 0; i + 1 < good.size(); ++i) {
        std::string swapped = good;
        std::swap(swapped[i], swapped[i + 1]);
        if (swapped == good || (good[i] == '0' && good[i + 1] == '9') ||
            (good[i] == '9' && good[i + 1] == '0'))
            continue;
        EXPECT_FALSE(valid_airwaybill(swapped)) << swapped;
    }
}

TEST(Airwaybill, IsSixteenDigitsOnly) {
    EXPECT_FALSE(valid_airwaybill("540321220002272"));
    EXPECT_FALSE(valid_airwaybill("54032122000227240"));
    EXPECT_FALSE(valid_airwaybill("540321220002272A"));
    EXPECT_FALSE(valid_airwaybill(""));
}

TEST(Airwaybill, IssuesDistinctNumbersFromTheSequence) {
    EXPECT_EQ(airwaybill_from_sequence(1), "8800000000000013");
    std::set<std::string> seen;
    for (std::int64_t i = 1; i <= 10000; ++i) {
        auto a = airwaybill_from_sequence(i);
        EXPECT_TRUE(valid_airwaybill(a));
        EXPECT_TRUE(seen.insert(a).second);
    }
    EXPECT_THROW(airwaybill_from_sequence(0), std::out_of_range);
    EXPECT_THROW(airwaybill_from_sequence(10'000'000'000'000), std::out_of_range);
}
