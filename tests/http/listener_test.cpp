// The listener's own rules, without sockets: how many idle connections make room at the cap.
#include "http/listener.hpp"

#include <gtest/gtest.h>

using jne::http::connections_to_shed;

TEST(Listener, ShedsNothingBelowTheCapAndASixteenthOfItAtTheCap) {
    EXPECT_EQ(connections_to_shed(0, 0), 0u);          // no cap
    EXPECT_EQ(connections_to_shed(100'000, 0), 0u);    // no cap, however many
    EXPECT_EQ(connections_to_shed(998, 1000), 0u);     // the next one fits
    EXPECT_EQ(connections_to_shed(999, 1000), 0u);     // and makes it full
    EXPECT_EQ(connections_to_shed(1000, 1000), 63u);   // 1000 / 16 + 1, not one at a time
    EXPECT_EQ(connections_to_shed(1200, 1000), 201u);  // over the cap (a cap lowered): all of it
    EXPECT_EQ(connections_to_shed(1, 1), 1u);          // the smallest cap still makes room
}
