#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace jne::runtime {

/// Calls `work` on a thread of its own every `interval` until destroyed, at once
/// again while `work` says it has more to do. Destruction wakes the thread and
/// waits for the call under way to finish, so `work` may use what outlives this.
class periodic {
public:
    periodic(std::chrono::milliseconds interval, std::function<bool()> work);
    ~periodic();
    periodic(const periodic&) = delete;
    periodic& operator=(const periodic&) = delete;

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;  // last: started once the rest exists
};

}  // namespace jne::runtime
