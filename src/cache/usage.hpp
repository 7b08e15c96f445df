#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace jne::cache {

/// How often a named cache answered and missed, for the metrics. Counted on a stripe per
/// thread, so that threads hitting one hot cache do not all write one cache line.
class usage {
public:
    void hit() { stripe().hits.fetch_add(1, std::memory_order_relaxed); }
    void miss() { stripe().misses.fetch_add(1, std::memory_order_relaxed); }
    std::uint64_t hits() const { return sum(&line::hits); }
    std::uint64_t misses() const { return sum(&line::misses); }

    /// What the caches of this name hold and may hold, in bytes (changed by inserts,
    /// evictions and caches made or dropped, never by a hit).
    void held(std::int64_t change) { held_.fetch_add(change, std::memory_order_relaxed); }
    void limited(std::int64_t change) { limit_.fetch_add(change, std::memory_order_relaxed); }
    std::int64_t held_bytes() const { return held_.load(std::memory_order_relaxed); }
    std::int64_t limit_bytes() const { return limit_.load(std::memory_order_relaxed); }

private:
    struct alignas(64) line {
        std::atomic<std::uint64_t> hits{0};
        std::atomic<std::uint64_t> misses{0};
    };
    line& stripe() {
        thread_local const std::size_t mine =
            std::hash<const void*>{}(&mine) % stripes_.size();  // a thread's own address
        return stripes_[mine];
    }
    std::uint64_t sum(std::atomic<std::uint64_t> line::*counter) const {
        std::uint64_t n = 0;
        for (const line& l : stripes_) n += (l.*counter).load(std::memory_order_relaxed);
        return n;
    }
    std::array<line, 8> stripes_;
    std::atomic<std::int64_t> held_{0};
    std::atomic<std::int64_t> limit_{0};
};

/// The usage of a server's caches by name, for its metrics: made in serve(), handed to the caches
/// (through their budgets) and to the metrics, and outliving both.
class usage_registry {
public:
    /// The usage of the caches named `name` (caches of one name add up).
    usage& of(std::string_view name);
    /// Every named cache's usage, in name order.
    void for_each(const std::function<void(const std::string&, const usage&)>& visit) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::unique_ptr<usage>, std::less<>> by_name_;
};

}  // namespace jne::cache
