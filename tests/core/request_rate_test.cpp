#include "core/request_rate.hpp"

#include <gtest/gtest.h>

using jne::core::format_rate;
using jne::core::parse_rate;
using jne::core::request_rate;

TEST(RequestRate, ReadsWhatOperatorsWrite) {
    EXPECT_EQ(parse_rate("100/s"), (request_rate{100, 1}));
    EXPECT_EQ(parse_rate("20/min"), (request_rate{20, 60}));
    EXPECT_EQ(parse_rate("5000/h"), (request_rate{5000, 3600}));
    EXPECT_EQ(parse_rate("7/30s"), (request_rate{7, 30}));
    EXPECT_EQ(parse_rate("none"), request_rate{});
    EXPECT_EQ(parse_rate("off"), request_rate{});
    EXPECT_FALSE(parse_rate("none")->limited());
}

TEST(RequestRate, RefusesAnythingElse) {
    for (const char* bad : {"", "100", "/s", "0/s", "-1/s", "1/", "1/d", "1/0s", "1/86401s",
                            "1000001/s", "1.5/s", "1/s ", " 1/s", "1/1m", "99999999999999999999/s"})
        EXPECT_FALSE(parse_rate(bad).has_value()) << bad;
}

TEST(RequestRate, WritesTheShapeItReads) {
    for (const char* text : {"100/s", "20/min", "5000/h", "7/30s", "none"})
        EXPECT_EQ(format_rate(*parse_rate(text)), text);
}

TEST(RequestRate, SpendsItsPeriodEvenly) {
    EXPECT_EQ(request_rate(20, 60).interval(), std::chrono::seconds(3));
    EXPECT_EQ(request_rate(3, 1).interval(), std::chrono::nanoseconds(333'333'333));
}
