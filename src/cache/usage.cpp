#include "cache/usage.hpp"

#include <map>
#include <memory>
#include <mutex>

namespace jne::cache {

namespace {
struct registry {
    std::mutex mutex;
    std::map<std::string, std::unique_ptr<usage>, std::less<>> by_name;
};
registry& all() {
    static registry r;
    return r;
}
}  // namespace

usage& usage_of(std::string_view name) {
    registry& r = all();
    std::lock_guard lock(r.mutex);
    auto it = r.by_name.find(name);
    if (it == r.by_name.end())
        it = r.by_name.emplace(std::string(name), std::make_unique<usage>()).first;
    return *it->second;
}

void for_each_usage(const std::function<void(const std::string&, const usage&)>& visit) {
    registry& r = all();
    std::lock_guard lock(r.mutex);
    for (const auto& [name, u] : r.by_name) visit(name, *u);
}

}  // namespace jne::cache
