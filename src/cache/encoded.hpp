#pragma once

#include "cache/byte_cache.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace jne::cache {

/// Bytes made from values the server shares: the wire's bytes of a priced list or a tracking,
/// the gzip of a shared body. Such a value is immutable while it is shared, so its bytes are
/// made once and shared by every later answer, never copied. Kept by the value's address for
/// as long as that value lives; bounded in bytes. A value nothing else holds (a service's cache
/// did not keep it) dies with its answer, and its bytes are not kept either.
template <class T, void (*Encode)(std::string&, const T&)>
class encoded_bodies {
public:
    explicit encoded_bodies(std::size_t max_bytes, usage* counted = nullptr)
        : bodies_(max_bytes, counted) {}

    std::shared_ptr<const std::string> get(const std::shared_ptr<const T>& value) {
        if (auto hit = bodies_.find(value.get(),
                                    [&](const encoded& e) { return same_value(e.of, value); }))
            return hit->body;
        auto body = std::make_shared<std::string>();
        Encode(*body, *value);
        if (value.use_count() > 1)  // a cache holds it too (more holders only err towards keeping)
            bodies_.insert(value.get(), std::make_shared<const encoded>(encoded{value, body}),
                           body->size() + overhead);
        return body;
    }

private:
    struct encoded {
        std::weak_ptr<const T> of;  // an address can be reused once its value is gone
        std::shared_ptr<const std::string> body;
    };
    static constexpr std::size_t overhead = 128;  // the entry and its control blocks

    static bool same_value(const std::weak_ptr<const T>& a, const std::shared_ptr<const T>& b) {
        return !a.owner_before(b) && !b.owner_before(a);
    }

    byte_cache<const T*, encoded> bodies_;
};

/// One body that stays the same until a version moves (the whole catalogue's city
/// lists): made again only when the version it was made at is not the current one.
class body_per_version {
public:
    template <class Make>
    std::shared_ptr<const std::string> get(std::int64_t version, Make&& make) {
        std::lock_guard lock(mutex_);
        if (!body_ || version != version_) {
            auto body = std::make_shared<std::string>();
            make(*body);
            body_ = std::move(body);
            version_ = version;
        }
        return body_;
    }

private:
    std::mutex mutex_;  // a miss makes the body under it, so it is made once
    std::int64_t version_ = -1;
    std::shared_ptr<const std::string> body_;
};

}  // namespace jne::cache
