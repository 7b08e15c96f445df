#pragma once

#include "cache/usage.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace jne::cache {

/// Immutable answers shared by key, bounded by the bytes they hold rather than by
/// their number: a tracking answer can be fifty times a tariff's, and a count that
/// suits one lets the other take the process past its memory.
///
/// Finding takes a shared lock and marks the entry used; inserting past the budget
/// sweeps the entries "second chance" style (an entry used since the last sweep is
/// spared once) down to three quarters of it. So hits never write the map, and a
/// sweep's cost is spread over the inserts that filled a quarter of the budget.
template <class Key, class Value, class Hash = std::hash<Key>>
class byte_cache {
public:
    /// `name`: what the metrics call its hits and misses; none: not counted.
    explicit byte_cache(std::size_t max_bytes, std::string_view name = {})
        : max_bytes_(max_bytes), usage_(name.empty() ? nullptr : &usage_of(name)) {
        if (usage_ != nullptr) usage_->limited(static_cast<std::int64_t>(max_bytes_));
    }
    ~byte_cache() {
        if (usage_ == nullptr) return;
        usage_->limited(-static_cast<std::int64_t>(max_bytes_));
        usage_->held(-static_cast<std::int64_t>(bytes_));
    }
    byte_cache(const byte_cache&) = delete;
    byte_cache& operator=(const byte_cache&) = delete;

    std::shared_ptr<const Value> find(const Key& key) const {
        std::shared_lock lock(mutex_);
        auto it = entries_.find(key);
        if (it == entries_.end()) {
            if (usage_ != nullptr) usage_->miss();
            return nullptr;
        }
        if (usage_ != nullptr) usage_->hit();
        // Written only when not set yet: a hot entry's line is then read by every
        // thread and written by none.
        if (!it->second.used.load(std::memory_order_relaxed))
            it->second.used.store(true, std::memory_order_relaxed);
        return it->second.value;
    }

    /// Keeps `value`, said to hold `bytes`, replacing what the key held. A value
    /// larger than the whole budget is not kept.
    void insert(const Key& key, std::shared_ptr<const Value> value, std::size_t bytes) {
        if (bytes > max_bytes_) return;
        std::lock_guard lock(mutex_);
        const std::size_t before = bytes_;
        auto [it, fresh] = entries_.try_emplace(key);
        if (!fresh) bytes_ -= it->second.bytes;
        it->second.value = std::move(value);
        it->second.bytes = bytes;
        it->second.used.store(true,
                              std::memory_order_relaxed);  // the newest is spared by the next sweep
        bytes_ += bytes;
        if (bytes_ > max_bytes_) sweep();
        count_held(before);
    }

    void clear() {
        std::lock_guard lock(mutex_);
        const std::size_t before = bytes_;
        entries_.clear();
        bytes_ = 0;
        count_held(before);
    }

    std::size_t bytes() const {
        std::shared_lock lock(mutex_);
        return bytes_;
    }
    std::size_t size() const {
        std::shared_lock lock(mutex_);
        return entries_.size();
    }
    std::size_t max_bytes() const { return max_bytes_; }

private:
    struct entry {
        std::shared_ptr<const Value> value;
        std::size_t bytes = 0;
        mutable std::atomic<bool> used{false};
    };

    void count_held(std::size_t before) {
        if (usage_ != nullptr)
            usage_->held(static_cast<std::int64_t>(bytes_) - static_cast<std::int64_t>(before));
    }

    void sweep() {
        const std::size_t low_water = max_bytes_ / 4 * 3;
        while (bytes_ > low_water) {
            for (auto it = entries_.begin(); it != entries_.end() && bytes_ > low_water;) {
                if (it->second.used.exchange(false, std::memory_order_relaxed)) {
                    ++it;
                    continue;
                }
                bytes_ -= it->second.bytes;
                it = entries_.erase(it);
            }
        }
    }

    const std::size_t max_bytes_;
    usage* usage_;
    mutable std::shared_mutex mutex_;  // every answer reads it; a new answer writes it
    std::unordered_map<Key, entry, Hash> entries_;
    std::size_t bytes_ = 0;
};

}  // namespace jne::cache
