#include "service/catalogue_service.hpp"

namespace jne::service {

catalogue_snapshot::rate_list catalogue_snapshot::cached_rates(const std::string& route_key) const {
    std::shared_lock lock(cache_mutex_);
    auto it = route_cache_.find(route_key);
    return it != route_cache_.end() ? it->second : nullptr;
}

void catalogue_snapshot::remember_rates(std::string route_key, rate_list rates) const {
    std::lock_guard lock(cache_mutex_);
    // Bounded: a crawler walking every route empties it rather than growing it.
    if (route_cache_.size() >= max_cached_routes) route_cache_.clear();
    route_cache_.emplace(std::move(route_key), std::move(rates));
}

std::shared_ptr<const void> catalogue_snapshot::cached_answer(const std::string& key) const {
    std::shared_lock lock(cache_mutex_);
    auto it = answer_cache_.find(key);
    return it != answer_cache_.end() ? it->second : nullptr;
}

void catalogue_snapshot::remember_answer(std::string key,
                                         std::shared_ptr<const void> answer) const {
    std::lock_guard lock(cache_mutex_);
    if (answer_cache_.size() >= max_cached_routes) answer_cache_.clear();
    answer_cache_.emplace(std::move(key), std::move(answer));
}

catalogue_service::catalogue_service(store::catalogue_store& store) : store_(store) {
    const std::int64_t version = store_.version();
    current_.store(std::make_shared<const catalogue_snapshot>(version, store_.load_catalogue()));
}

bool catalogue_service::refresh() {
    const std::int64_t version = store_.version();
    if (version == current_.load()->version()) return false;
    current_.store(std::make_shared<const catalogue_snapshot>(version, store_.load_catalogue()));
    return true;
}

catalogue_snapshot::rate_list catalogue_service::rates(const catalogue_snapshot& snapshot,
                                                       std::string_view origin,
                                                       std::string_view destination) const {
    std::string key;
    key.reserve(origin.size() + destination.size() + 1);
    key.append(origin).append(1, '>').append(destination);
    if (auto cached = snapshot.cached_rates(key)) return cached;
    auto rates = std::make_shared<const std::vector<core::rate>>(store_.rates(origin, destination));
    snapshot.remember_rates(std::move(key), rates);
    return rates;
}

}  // namespace jne::service
