#include "service/catalogue_service.hpp"

#include <malloc.h>

namespace jne::service {

namespace {
// Building a catalogue reads every area and builds the search index: tens of megabytes freed
// once it is built, which the allocator would otherwise keep for the life of the process.
void give_back_freed_memory() { malloc_trim(0); }
}  // namespace

catalogue_service::catalogue_service(store::catalogue_store& store, cache::budgets caches)
    : store_(store), caches_(caches) {
    const std::int64_t version = store_.version();
    current_.store(
        std::make_shared<const catalogue_snapshot>(version, store_.load_catalogue(), caches_));
    give_back_freed_memory();
}

bool catalogue_service::refresh() {
    const std::int64_t version = store_.version();
    if (version == current_.load()->version()) return false;
    current_.store(
        std::make_shared<const catalogue_snapshot>(version, store_.load_catalogue(), caches_));
    give_back_freed_memory();
    return true;
}

catalogue_snapshot::rate_list catalogue_service::rates(const catalogue_snapshot& snapshot,
                                                       std::string_view origin,
                                                       std::string_view destination) const {
    // Most origins of a sandbox have no stored rows: nothing to ask the database, nor to keep.
    static const catalogue_snapshot::rate_list none =
        std::make_shared<const std::vector<core::rate>>();
    if (!snapshot.catalogue().has_stored_rates(origin)) return none;
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
