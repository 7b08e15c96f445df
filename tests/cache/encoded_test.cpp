#include "cache/encoded.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

namespace {

std::atomic<int> encodings{0};

void encode_number(std::string& out, const int& value) {
    ++encodings;
    out = "{\"n\":" + std::to_string(value) + "}";
}

using bodies = jne::cache::encoded_bodies<int, encode_number>;

}  // namespace

TEST(EncodedBodies, WriteAValuesBodyOnceAndShareIt) {
    bodies cache(1 << 20);
    encodings = 0;
    auto value = std::make_shared<const int>(7);
    const auto kept = value;  // as a service's cache holds it
    auto first = cache.get(value);
    auto second = cache.get(value);
    EXPECT_EQ(*first, "{\"n\":7}");
    EXPECT_EQ(first, second);  // the same bytes, not a copy
    EXPECT_EQ(encodings.load(), 1);
}

TEST(EncodedBodies, KeepNoBodyForAValueNothingElseHolds) {
    bodies cache(1 << 20);
    encodings = 0;
    auto value = std::make_shared<const int>(7);  // a service's cache did not keep it
    auto first = cache.get(value);
    auto second = cache.get(value);
    EXPECT_EQ(*second, "{\"n\":7}");
    EXPECT_NE(first, second);
    EXPECT_EQ(encodings.load(), 2);
    const auto kept = value;
    EXPECT_EQ(cache.get(value), cache.get(value));  // held twice now: kept
}

TEST(EncodedBodies, GiveEachLiveValueItsOwnBody) {
    bodies cache(1 << 20);
    auto one = std::make_shared<const int>(1);
    auto two = std::make_shared<const int>(2);
    const auto kept_one = one, kept_two = two;
    EXPECT_EQ(*cache.get(one), "{\"n\":1}");
    EXPECT_EQ(*cache.get(two), "{\"n\":2}");
    EXPECT_EQ(*cache.get(one), "{\"n\":1}");
}

TEST(BodyPerVersion, MakesTheBodyAgainOnlyWhenTheVersionMoves) {
    jne::cache::body_per_version list;
    int made = 0;
    auto make = [&](std::string& body) { body = "v" + std::to_string(++made); };
    auto a = list.get(1, make);
    auto b = list.get(1, make);
    EXPECT_EQ(a, b);
    EXPECT_EQ(*list.get(2, make), "v2");
    EXPECT_EQ(made, 2);
}
