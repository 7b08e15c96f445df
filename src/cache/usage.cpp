#include "cache/usage.hpp"

namespace jne::cache {

usage& usage_registry::of(std::string_view name) {
    std::lock_guard lock(mutex_);
    auto it = by_name_.find(name);
    if (it == by_name_.end())
        it = by_name_.emplace(std::string(name), std::make_unique<usage>()).first;
    return *it->second;
}

void usage_registry::for_each(
    const std::function<void(const std::string&, const usage&)>& visit) const {
    std::lock_guard lock(mutex_);
    for (const auto& [name, u] : by_name_) visit(name, *u);
}

}  // namespace jne::cache
