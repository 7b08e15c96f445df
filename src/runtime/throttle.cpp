#include "runtime/throttle.hpp"

#include <algorithm>
#include <functional>

namespace jne::runtime {

namespace {

using clock = throttle_clock;

// A username as a key: anything longer than a real one is hashed, so that a flood of huge
// names cannot fill memory.
std::string key_of(std::string_view text) {
    constexpr std::size_t longest = 64;
    if (text.size() <= longest) return std::string(text);
    return "#" + std::to_string(std::hash<std::string_view>{}(text));
}

// Whole seconds, rounded up, at least one: what Retry-After says.
std::chrono::seconds retry_after(clock::duration wait) {
    return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(wait));
}

}  // namespace

allowance_table::allowance_table(std::size_t most_keys)
    : most_per_stripe_(std::max<std::size_t>(1, most_keys / stripes)) {}

allowance_table::stripe& allowance_table::stripe_of(std::string_view key) {
    return stripes_[std::hash<std::string_view>{}(key) % stripes];
}

clock::duration allowance_table::wait(std::string_view key, core::request_rate r,
                                      clock::time_point now) {
    if (!r.limited() || empty()) return {};
    stripe& s = stripe_of(key);
    const std::scoped_lock hold(s.lock);
    const auto found = s.spent_until.find(std::string(key));
    if (found == s.spent_until.end()) return {};
    // Allowed while what is spent is within the burst: spent_until - now <= period - interval.
    const clock::duration tolerance = std::chrono::seconds(r.seconds) - r.interval();
    const clock::duration ahead = found->second - now;
    return ahead > tolerance ? ahead - tolerance : clock::duration{};
}

void allowance_table::spend(std::string_view key, core::request_rate r, clock::time_point now) {
    if (!r.limited()) return;
    stripe& s = stripe_of(key);
    const std::scoped_lock hold(s.lock);
    clock::time_point& spent_until = entry(s, key, now);
    // Never more than one period ahead: a client hammering while it waits does not wait longer.
    const clock::time_point from = std::max(spent_until, now);
    spent_until = std::min(from + r.interval(), now + std::chrono::seconds(r.seconds));
}

clock::duration allowance_table::take(std::string_view key, core::request_rate r,
                                      clock::time_point now) {
    if (!r.limited()) return {};
    stripe& s = stripe_of(key);
    const std::scoped_lock hold(s.lock);
    clock::time_point& spent_until = entry(s, key, now);
    const clock::time_point next = std::max(spent_until, now) + r.interval();
    const clock::duration period = std::chrono::seconds(r.seconds);
    if (next - now > period) return next - now - period;
    spent_until = next;
    return {};
}

clock::time_point& allowance_table::entry(stripe& s, std::string_view key, clock::time_point now) {
    const auto found = s.spent_until.find(std::string(key));
    if (found != s.spent_until.end()) return found->second;
    make_room(s, now);
    keys_.fetch_add(1, std::memory_order_relaxed);
    return s.spent_until.emplace(std::string(key), now).first->second;
}

bool allowance_table::spent_some(std::string_view key, clock::time_point now) {
    if (empty()) return false;
    stripe& s = stripe_of(key);
    const std::scoped_lock hold(s.lock);
    const auto found = s.spent_until.find(std::string(key));
    return found != s.spent_until.end() && found->second > now;
}

void allowance_table::make_room(stripe& s, clock::time_point now) {
    if (s.spent_until.size() < most_per_stripe_) return;
    const std::size_t before = s.spent_until.size();
    std::erase_if(s.spent_until, [now](const auto& entry) { return entry.second <= now; });
    if (s.spent_until.size() >= most_per_stripe_) {
        s.spent_until.erase(
            std::min_element(s.spent_until.begin(), s.spent_until.end(),
                             [](const auto& a, const auto& b) { return a.second < b.second; }));
    }
    keys_.fetch_sub(before - s.spent_until.size(), std::memory_order_relaxed);
}

void allowance_table::forget_whole(clock::time_point now) {
    if (empty()) return;
    for (stripe& s : stripes_) {
        const std::scoped_lock hold(s.lock);
        const std::size_t gone =
            std::erase_if(s.spent_until, [now](const auto& entry) { return entry.second <= now; });
        keys_.fetch_sub(gone, std::memory_order_relaxed);
    }
}

throttle::throttle(throttle_limits limits, std::size_t most_keys)
    : limits_(limits),
      addresses_(most_keys),
      usernames_(most_keys),
      accounts_(most_keys),
      public_callers_(most_keys) {}

std::chrono::seconds throttle::before_login(std::string_view address, std::string_view username,
                                            clock::time_point now) {
    if (addresses_.empty()) return {};  // nobody failed lately: nothing to look up
    if (const auto wait = addresses_.wait(address, limits_.failures_per_address, now);
        wait > clock::duration{})
        return retry_after(wait);
    if (!addresses_.spent_some(address, now)) return {};
    const auto wait = usernames_.wait(key_of(username), limits_.failures_per_username, now);
    return wait > clock::duration{} ? retry_after(wait) : std::chrono::seconds{};
}

void throttle::login_failed(std::string_view address, std::string_view username,
                            clock::time_point now) {
    addresses_.spend(address, limits_.failures_per_address, now);
    usernames_.spend(key_of(username), limits_.failures_per_username, now);
}

std::chrono::seconds throttle::request(const core::account& a, clock::time_point now) {
    if (!a.rate.limited()) return {};
    const auto wait = accounts_.take(a.username, a.rate, now);
    return wait > clock::duration{} ? retry_after(wait) : std::chrono::seconds{};
}

std::chrono::seconds throttle::public_request(std::string_view address, clock::time_point now) {
    if (!limits_.public_per_address.limited()) return {};
    const auto wait = public_callers_.take(address, limits_.public_per_address, now);
    return wait > clock::duration{} ? retry_after(wait) : std::chrono::seconds{};
}

void throttle::sweep(clock::time_point now) {
    public_callers_.forget_whole(now);
    addresses_.forget_whole(now);
    usernames_.forget_whole(now);
    accounts_.forget_whole(now);
}

}  // namespace jne::runtime
