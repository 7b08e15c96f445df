#include "core/text.hpp"

#include <gtest/gtest.h>

using jne::core::mask_name;

TEST(MaskName, EachWordsFirstLetterAndThreeStarsWhateverItsLength) {
    EXPECT_EQ(mask_name("Budi Santoso"), "B*** S***");
    EXPECT_EQ(mask_name("A YANI"), "A*** Y***");
    EXPECT_EQ(mask_name("  Ana\t "), "A***");
    EXPECT_EQ(mask_name("Muhammad Rizky Pratama Putra"), "M*** R*** P*** P***");
}

TEST(MaskName, PunctuationNamesNobodyAndUtf8StaysWhole) {
    EXPECT_EQ(mask_name("PT - ABC & Co"), "P*** A*** C***");
    EXPECT_EQ(mask_name("Éva Ñoño"), "\xC3\x89*** \xC3\x91***");
    EXPECT_EQ(mask_name("李小龙"), "\xE6\x9D\x8E***");  // one character, never half of one
    EXPECT_EQ(mask_name(""), "");
    EXPECT_EQ(mask_name(" - "), "");
    EXPECT_EQ(mask_name("08123456789"), "0***");  // a phone typed as a name shows one digit
}
