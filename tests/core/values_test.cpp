// The API's one value grammar (api/values.hpp), which wire's request rules and core's weights
// both read with.
#include "api/values.hpp"

#include <gtest/gtest.h>

using namespace jne::api;

TEST(Values, KilogramsAreReadToTheGramRoundingUpBeyondIt) {
    EXPECT_EQ(read_kilograms("1").weight.value, 1000);
    EXPECT_EQ(read_kilograms("1.5").weight.value, 1500);
    EXPECT_EQ(read_kilograms(".25").weight.value, 250);
    EXPECT_EQ(read_kilograms("+2").weight.value, 2000);
    EXPECT_EQ(read_kilograms("1.").weight.value, 1000);
    EXPECT_EQ(read_kilograms("1.3001").weight.value, 1301);
    EXPECT_EQ(read_kilograms("0.0001").weight.value, 1);
    EXPECT_EQ(read_kilograms("000001.5").weight.value, 1500);
    EXPECT_EQ(read_kilograms("100000").weight.value, 100'000'000);
}

TEST(Values, KilogramsSayWhyTheyAreNone) {
    for (const char* none :
         {"", ".", "0", "0.000", "-1", "1e3", "inf", "nan", "1,5", "1.5.1", " 1", "abc", "+"})
        EXPECT_EQ(read_kilograms(none).fault, decimal_fault::not_positive) << none;
    for (const char* heavy : {"100000.001", "100001", "1000000", "99999999999999999999"})
        EXPECT_EQ(read_kilograms(heavy).fault, decimal_fault::too_heavy) << heavy;
}

TEST(Values, SidesAreReadAsKilogramsAreToTheThousandthOfACentimetre) {
    EXPECT_EQ(read_centimetres("30"), centimetres{30'000});
    EXPECT_EQ(read_centimetres("12.5"), centimetres{12'500});
    for (const char* none : {"", "0", "-30", "x", "1e3", "100001"})
        EXPECT_EQ(read_centimetres(none), std::nullopt) << none;
    EXPECT_EQ(format_centimetres(centimetres{12'500}), "12.5");
}

TEST(Values, DaysAndTimesAreWrittenAsJnesRequestsWriteThem) {
    EXPECT_EQ(format_date(calendar_date{2024, 2, 9}), "09-02-2024");
    EXPECT_EQ(format_clock_time(clock_time{9, 5}), "09:05");
    EXPECT_EQ(read_date(format_date(calendar_date{1999, 12, 31})), (calendar_date{1999, 12, 31}));
}

TEST(Values, WholeNumbersAreDigitsAloneUpToEighteen) {
    EXPECT_EQ(whole_number("0042"), 42);
    EXPECT_EQ(whole_number("0"), 0);
    EXPECT_EQ(whole_number("999999999999999999"), 999'999'999'999'999'999);
    EXPECT_EQ(whole_number("1000000000000000000"), std::nullopt);
    EXPECT_EQ(whole_number("00000000000000000000007"), 7);
    EXPECT_EQ(whole_number(""), std::nullopt);
    EXPECT_EQ(whole_number("-1"), std::nullopt);
    EXPECT_EQ(whole_number("1 "), std::nullopt);
}

TEST(Values, DatesAreRealDaysInTimeOrder) {
    EXPECT_EQ(read_date("29-02-2024"), (calendar_date{2024, 2, 29}));
    EXPECT_EQ(read_date("29-02-2026"), std::nullopt);  // not a leap year
    EXPECT_EQ(read_date("29-02-2000"), (calendar_date{2000, 2, 29}));
    EXPECT_EQ(read_date("29-02-1900"), std::nullopt);
    EXPECT_EQ(read_date("31-04-2026"), std::nullopt);
    EXPECT_EQ(read_date("2026-12-06"), std::nullopt);
    EXPECT_EQ(read_date("06-12-1899"), std::nullopt);
    EXPECT_LT(read_date("31-12-2025"), read_date("01-01-2026"));
    EXPECT_LT(read_date("05-12-2026"), read_date("06-12-2026"));
}

TEST(Values, TimesAreHoursAndMinutesOfOneDay) {
    EXPECT_EQ(read_clock_time("9:05"), (clock_time{9, 5}));
    EXPECT_EQ(read_clock_time("23:59"), (clock_time{23, 59}));
    EXPECT_EQ(read_clock_time("24:00"), std::nullopt);
    EXPECT_EQ(read_clock_time("12:60"), std::nullopt);
    EXPECT_EQ(read_clock_time("123:00"), std::nullopt);
    EXPECT_EQ(read_clock_time("12:5"), std::nullopt);
}

TEST(Values, TextIsTrimmedUpperCasedAndCheckedAsUtf8) {
    EXPECT_EQ(trim(" \tA B\t "), "A B");
    EXPECT_EQ(to_upper("jl. merdeka ü"), "JL. MERDEKA ü");
    EXPECT_TRUE(valid_utf8("林志强"));
    EXPECT_FALSE(valid_utf8("\xC3"));
    EXPECT_FALSE(valid_utf8("\x80"));
}

TEST(Values, TimesAreReadAndWrittenOnWibsClockByArithmetic) {
    EXPECT_EQ(parse_time("2022-01-09T01:26:16.000+07:00"), 1'641'666'376);
    EXPECT_EQ(format_wib_iso(1'641'666'376), "2022-01-09T01:26:16.000+07:00");
    EXPECT_EQ(format_wib_short(1'641'666'376), "09-01-2022 01:26");
    EXPECT_EQ(format_wib_seconds(1'641'666'376), "2022-01-09 01:26:16");
    EXPECT_EQ(parse_time("2000-02-29T23:59:59Z"), 951'868'799);
    EXPECT_EQ(format_wib_iso(951'868'799), "2000-03-01T06:59:59.000+07:00");
    EXPECT_EQ(format_wib_iso(-3600), "1970-01-01T06:00:00.000+07:00");  // before the epoch
    EXPECT_EQ(parse_time("01-03-2100 00:00"), 4'107'517'200);           // 2100 is no leap year
    EXPECT_EQ(parse_time("29-02-2100 00:00"), std::nullopt);
    EXPECT_EQ(parse_time("2026-12-06 10:00:00"), parse_time("06-12-2026 10:00"));
    EXPECT_EQ(parse_time("2026-12-06T03:00:00Z"), parse_time("06-12-2026 10:00"));
    EXPECT_EQ(parse_time("2026-12-06T10:00:00+0700"), std::nullopt);
    EXPECT_EQ(format_kilograms(grams{1500}), "1.5");
    EXPECT_EQ(format_kilograms(grams{1005}), "1.005");
    EXPECT_EQ(format_kilograms(grams{2000}), "2");
    // Every day of four centuries comes back as itself.
    for (unix_seconds t = -2'208'988'800; t < 10'000'000'000; t += 86'400 - 7)
        ASSERT_EQ(parse_time(format_wib_iso(t)), t) << t;
}
