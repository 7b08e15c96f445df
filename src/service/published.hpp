#pragma once

#include <memory>
#include <mutex>

namespace jne::service {

/// A value every request reads and a refresh replaces now and then (the accounts, the
/// catalogue): a reader takes the current one and keeps it as long as it needs it, whatever
/// replaces it meanwhile.
///
/// A mutex around the pointer rather than std::atomic<std::shared_ptr>: GCC 12's atomic
/// shared_ptr locks with the pointer's low bit, which ThreadSanitizer reports as a data race
/// and UBSan as a call through a pointer to no object; held for one reference count, the
/// mutex costs about the same, and every tool understands it.
template <class T>
class published {
public:
    std::shared_ptr<const T> load() const {
        std::lock_guard lock(mutex_);
        return current_;
    }

    /// The one replaced is freed by the caller, after the lock is given back.
    void store(std::shared_ptr<const T> next) {
        std::lock_guard lock(mutex_);
        current_.swap(next);
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const T> current_;
};

}  // namespace jne::service
