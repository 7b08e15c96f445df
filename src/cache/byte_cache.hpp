#pragma once

#include "cache/usage.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

namespace jne::cache {

/// Immutable answers shared by key, bounded by the bytes they hold rather than by
/// their number: a tracking answer can be fifty times a tariff's, and a count that
/// suits one lets the other take the process past its memory.
///
/// Finding takes a shared lock and marks the entry used; inserting past the budget
/// sweeps the entries "second chance" style (an entry used since the last sweep is
/// spared once) down to three quarters of it. So hits never write the map, and a
/// sweep's cost is spread over the inserts that filled a quarter of the budget.
///
/// A cache of answers to many different questions (every checkout's route, every parcel's
/// airwaybill) can admit a key only the second time it is inserted (`admit::on_second_insert`):
/// most such answers are asked for once, and keeping each would cost an entry, a sweep and a
/// cold free for nothing, and push out the ones asked again. The first inserts are remembered
/// as hashes in a table of fixed size (an 8-byte slot per 256 bytes of budget, about 3 % of it:
/// several times as many slots as the budget holds answers), each slot overwritten by the next
/// key that lands on it.
enum class admit { on_every_insert, on_second_insert };

template <class Key, class Value, class Hash = std::hash<Key>>
class byte_cache {
public:
    /// `counted`: where its hits, misses and bytes are counted for the metrics; none: nowhere.
    explicit byte_cache(std::size_t max_bytes, usage* counted = nullptr,
                        admit admission = admit::on_every_insert)
        : max_bytes_(max_bytes),
          usage_(counted),
          first_inserts_(admission == admit::on_second_insert ? slots_for(max_bytes) : 0) {
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
        return find(key, [](const Value&) { return true; });
    }

    /// What the key holds if `still_true` says it still is (a stale value counts as a miss, and
    /// is left unmarked for the next sweep).
    template <class StillTrue>
    std::shared_ptr<const Value> find(const Key& key, StillTrue&& still_true) const {
        std::shared_lock lock(mutex_);
        auto it = entries_.find(key);
        if (it == entries_.end() || !still_true(*it->second.value)) {
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
    /// larger than the whole budget is not kept, nor, with `admit::on_second_insert`, the
    /// value of a key not inserted before (while its first insert is remembered).
    void insert(const Key& key, std::shared_ptr<const Value> value, std::size_t bytes) {
        if (bytes > max_bytes_ || !admitted(key)) return;
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

    /// Drops what the key holds, if anything (its answer changed).
    void erase(const Key& key) {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(key);
        if (it == entries_.end()) return;
        const std::size_t before = bytes_;
        bytes_ -= it->second.bytes;
        entries_.erase(it);
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

    static std::size_t slots_for(std::size_t max_bytes) {
        std::size_t slots = 64;
        while (slots * 256 < max_bytes) slots *= 2;
        return slots;
    }

    /// Whether the key was inserted before, as far as the table remembers; remembers it now.
    /// Lock-free: a refused insert takes no lock. Two keys sharing a slot and a hash is
    /// harmless (one is admitted a time early).
    bool admitted(const Key& key) {
        if (first_inserts_.empty()) return true;
        const std::uint64_t hash = std::max<std::uint64_t>(Hash{}(key), 1);  // 0: an empty slot
        // Fibonacci hashing: the slot from every bit (std::hash of an integer is itself).
        const std::uint64_t mixed = hash * 0x9E3779B97F4A7C15ULL;
        auto& slot =
            first_inserts_[static_cast<std::size_t>(mixed >> 32) & (first_inserts_.size() - 1)];
        if (slot.load(std::memory_order_relaxed) == hash) return true;
        slot.store(hash, std::memory_order_relaxed);
        return false;
    }

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
    std::vector<std::atomic<std::uint64_t>> first_inserts_;  // empty: every insert admitted
};

}  // namespace jne::cache
