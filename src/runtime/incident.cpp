#include "runtime/incident.hpp"

#include <spdlog/spdlog.h>

namespace jne::runtime {

namespace {
constexpr auto reminder_every = std::chrono::minutes(1);

// An error as one line: libpq's messages end in a newline and carry hints on lines of their own.
std::string one_line(std::string_view why) {
    std::string out;
    for (char c : why) {
        const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

double seconds_between(std::chrono::steady_clock::time_point a,
                       std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}
}  // namespace

void incident::failed(std::string_view during, std::string_view raw_why) {
    const std::string why = one_line(raw_why);
    std::lock_guard lock(mutex_);
    const auto now = now_();
    ++failures_;
    if (!open_.load(std::memory_order_relaxed)) {
        open_.store(true, std::memory_order_relaxed);
        since_ = last_said_ = now;
        reminded_at_ = failures_;
        spdlog::error("{} is failing ({}): {}; one line a minute until it recovers", subject_,
                      during, why);
        return;
    }
    if (now - last_said_ >= reminder_every) {
        spdlog::error("{} still failing: {} failures in {:.0f} s (latest, {}: {})", subject_,
                      failures_, seconds_between(since_, now), during, why);
        last_said_ = now;
        reminded_at_ = failures_;
    }
}

void incident::close() {
    std::lock_guard lock(mutex_);
    if (!open_.load(std::memory_order_relaxed)) return;
    open_.store(false, std::memory_order_relaxed);
    spdlog::warn("{} recovered after {} failures in {:.1f} s", subject_, failures_,
                 seconds_between(since_, now_()));
    failures_ = 0;
}

std::uint64_t incident::failures_so_far() const {
    std::lock_guard lock(mutex_);
    return failures_;
}

}  // namespace jne::runtime
