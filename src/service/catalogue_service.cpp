#include "service/catalogue_service.hpp"

namespace jne::service {

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
    if (auto cached = snapshot.rates().find(key)) return cached;
    auto rates = std::make_shared<const std::vector<core::rate>>(store_.rates(origin, destination));
    snapshot.rates().insert(
        key, rates,
        key.size() + sizeof(std::vector<core::rate>) + rates->size() * sizeof(core::rate) + 64);
    return rates;
}

}  // namespace jne::service
