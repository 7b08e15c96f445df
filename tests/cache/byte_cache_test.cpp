#include "cache/byte_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

using jne::cache::admit;
using jne::cache::byte_cache;

namespace {
std::shared_ptr<const std::string> text(std::size_t n) {
    return std::make_shared<const std::string>(n, 'x');
}
}  // namespace

TEST(ByteCache, FindsWhatItKept) {
    byte_cache<std::string, std::string> cache(1000);
    EXPECT_EQ(cache.find("a"), nullptr);
    auto value = text(10);
    cache.insert("a", value, 10);
    EXPECT_EQ(cache.find("a"), value);
    EXPECT_EQ(cache.bytes(), 10u);
}

TEST(ByteCache, ReplacingAKeyCountsOnlyTheNewValuesBytes) {
    byte_cache<std::string, std::string> cache(1000);
    cache.insert("a", text(100), 100);
    cache.insert("a", text(30), 30);
    EXPECT_EQ(cache.bytes(), 30u);
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_EQ(cache.find("a")->size(), 30u);
}

TEST(ByteCache, ErasesOneKeyAndItsBytes) {
    byte_cache<std::string, std::string> cache(1000);
    cache.insert("a", text(100), 100);
    cache.insert("b", text(30), 30);
    cache.erase("a");
    cache.erase("never kept");
    EXPECT_EQ(cache.find("a"), nullptr);
    EXPECT_EQ(cache.find("b")->size(), 30u);
    EXPECT_EQ(cache.bytes(), 30u);
    EXPECT_EQ(cache.size(), 1u);
}

TEST(ByteCache, AValueNoLongerTrueIsNotFound) {
    byte_cache<std::string, std::string> cache(1000);
    cache.insert("a", text(10), 10);
    auto still = [](bool answer) { return [answer](const std::string&) { return answer; }; };
    EXPECT_NE(cache.find("a", still(true)), nullptr);
    EXPECT_EQ(cache.find("a", still(false)), nullptr);
    EXPECT_EQ(cache.find("b", still(true)), nullptr);
}

TEST(ByteCache, NeverHoldsMoreThanItsBudget) {
    byte_cache<int, std::string> cache(10'000);
    for (int i = 0; i < 5'000; ++i) {
        cache.insert(i, text(static_cast<std::size_t>(1 + i % 300)),
                     static_cast<std::size_t>(1 + i % 300));
        ASSERT_LE(cache.bytes(), cache.max_bytes()) << i;
    }
    EXPECT_GT(cache.size(), 0u);
}

TEST(ByteCache, RefusesAValueLargerThanTheWholeBudget) {
    byte_cache<int, std::string> cache(100);
    cache.insert(1, text(101), 101);
    EXPECT_EQ(cache.find(1), nullptr);
    EXPECT_EQ(cache.bytes(), 0u);
}

TEST(ByteCache, SparesWhatWasUsedSinceTheLastSweep) {
    byte_cache<int, std::string> cache(1000);
    for (int i = 0; i < 10; ++i) cache.insert(i, text(100), 100);  // full, nothing swept yet
    cache.insert(99, text(100), 100);  // the first sweep: all new, so all equal
    cache.insert(100, text(100), 100);
    // Keep touching key 100 while others come: it stays, the untouched ones go.
    for (int i = 200; i < 240; ++i) {
        ASSERT_NE(cache.find(100), nullptr) << i;
        cache.insert(i, text(100), 100);
    }
    EXPECT_NE(cache.find(100), nullptr);
    EXPECT_EQ(cache.find(3), nullptr);
    EXPECT_LE(cache.bytes(), 1000u);
}

TEST(ByteCache, ValuesHandedOutOutliveTheirEviction) {
    byte_cache<int, std::string> cache(100);
    cache.insert(1, text(80), 80);
    auto held = cache.find(1);
    cache.insert(2, text(80), 80);
    cache.insert(3, text(80), 80);
    EXPECT_EQ(held->size(), 80u);  // still ours, whatever the cache did
}

TEST(ByteCache, ServesManyThreadsAtOnce) {
    byte_cache<int, std::string> cache(50'000);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 20'000; ++i) {
                const int key = (i * 7 + t) % 2'000;
                if (auto v = cache.find(key))
                    ASSERT_EQ(v->size(), static_cast<std::size_t>(key % 50 + 1));
                else
                    cache.insert(key, text(static_cast<std::size_t>(key % 50 + 1)),
                                 static_cast<std::size_t>(key % 50 + 1));
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_LE(cache.bytes(), 50'000u);
}

TEST(ByteCache, AdmitsAKeyOnItsSecondInsertWhenAskedTo) {
    byte_cache<std::string, std::string> cache(1 << 20, {}, admit::on_second_insert);
    cache.insert("CGK10000>BDO10000/1", text(10), 10);
    EXPECT_EQ(cache.find("CGK10000>BDO10000/1"), nullptr);  // asked once: not kept
    EXPECT_EQ(cache.bytes(), 0u);
    auto value = text(10);
    cache.insert("CGK10000>BDO10000/1", value, 10);
    EXPECT_EQ(cache.find("CGK10000>BDO10000/1"), value);
    cache.insert("CGK10000>BDO10000/1", text(20), 20);  // once kept, replaced at once
    EXPECT_EQ(cache.find("CGK10000>BDO10000/1")->size(), 20u);
}

TEST(ByteCache, KeysInsertedOnceTakeNoRoomAndPushOutNothing) {
    byte_cache<int, std::string> cache(64 << 10, {}, admit::on_second_insert);
    for (int round = 0; round < 2; ++round)
        for (int hot = 0; hot < 10; ++hot) cache.insert(hot, text(100), 100);
    for (int once = 1000; once < 101'000; ++once) cache.insert(once, text(100), 100);
    EXPECT_EQ(cache.size(), 10u);  // only the keys asked again
    for (int hot = 0; hot < 10; ++hot) EXPECT_NE(cache.find(hot), nullptr) << hot;
    // A key asked again soon after its first ask is kept, whatever came between.
    for (int key = 200'000; key < 200'100; ++key) {
        cache.insert(key, text(100), 100);
        cache.insert(key + 1'000'000, text(100), 100);
        cache.insert(key, text(100), 100);
        EXPECT_NE(cache.find(key), nullptr) << key;
    }
}

TEST(ByteCache, AdmitsOnEveryInsertByDefault) {
    byte_cache<int, std::string> cache(1 << 20);
    cache.insert(1, text(10), 10);
    EXPECT_NE(cache.find(1), nullptr);
}
