#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace jne::runtime {

/// A fault logged once per incident rather than once per request: the first failure says
/// what failed and why; while it lasts, a reminder a minute counts the failures since; the
/// first success after says how many there were and for how long, each on one line. A full disk
/// under load is a few lines, not tens of thousands. Faults that recover apart are incidents
/// apart (the group commits', a refresh's, the sandbox's), so that one's success does not close
/// another's and the log does not alternate "failing" and "recovered".
class incident {
public:
    using clock = std::chrono::steady_clock::time_point (*)();
    /// `now` is the steady clock's; a test gives its own, to pass minutes at once.
    explicit incident(std::string subject, clock now = &std::chrono::steady_clock::now)
        : subject_(std::move(subject)), now_(now) {}

    /// `during`: what was being done ("a tracking read"); `why`: the error.
    void failed(std::string_view during, std::string_view why);
    /// Cheap when nothing is failing: one relaxed load.
    void succeeded() {
        if (open_.load(std::memory_order_relaxed)) close();
    }
    std::uint64_t failures_so_far() const;

private:
    void close();

    std::string subject_;
    clock now_;
    std::atomic<bool> open_{false};
    mutable std::mutex mutex_;
    std::uint64_t failures_ = 0;
    std::uint64_t reminded_at_ = 0;
    std::chrono::steady_clock::time_point since_;
    std::chrono::steady_clock::time_point last_said_;
};

}  // namespace jne::runtime
