#include "service/tracking_cache.hpp"

namespace jne::service {

tracking_cache::tracking_cache(const cache::budgets& caches,
                               std::span<const store::generation_counter> counters)
    // Kept when asked again: most parcels are tracked now and then, a few by a polling client.
    : answers_(caches.tracking, caches.counted("tracking"), cache::admit::on_second_insert),
      references_(caches.tracking_references, caches.counted("tracking_references")) {
    refresh(counters);
}

std::shared_ptr<const tracking_cache::entry> tracking_cache::find(
    const std::string& airwaybill) const {
    const std::int64_t epoch = epoch_.load();
    return answers_.find(airwaybill, [epoch](const entry& e) { return e.epoch == epoch; });
}

std::shared_ptr<const tracking_cache::entry> tracking_cache::keep(const read_start& start,
                                                                  const std::string& airwaybill,
                                                                  std::string owner,
                                                                  body_ptr body) const {
    // The entry, its control blocks and the map's node besides the strings.
    const std::size_t bytes = body->size() + owner.size() + 2 * airwaybill.size() + 192;
    auto kept =
        std::make_shared<const entry>(entry{start.epoch, std::move(owner), std::move(body)});
    answers_.insert(airwaybill, kept, bytes);
    // A commit of this process that began meanwhile may have recorded events for it, and
    // forgotten the airwaybill before this insert: then this answer may be stale. (One that
    // forgets after the insert removes it itself.)
    if (local_commits_.load() != start.local_commits) answers_.erase(airwaybill);
    return kept;
}

std::string tracking_cache::reference_key(std::string_view username, std::string_view reference) {
    std::string key(username);
    key.append(1, '\n').append(reference);
    return key;
}

std::optional<std::string> tracking_cache::airwaybill_for(std::string_view username,
                                                          std::string_view reference) const {
    if (auto known = references_.find(reference_key(username, reference))) return *known;
    return std::nullopt;
}

void tracking_cache::remember(std::string_view username, std::string_view reference,
                              const std::string& airwaybill) const {
    std::string key = reference_key(username, reference);
    const std::size_t bytes = key.size() + airwaybill.size() + 96;
    references_.insert(key, std::make_shared<const std::string>(airwaybill), bytes);
}

bool tracking_cache::account_for(const store::generation_counter& counter) {
    // Caller holds counters_mutex_. A value at or below the known one is accounted for already
    // (a refresh read it first, and dropped everything); one above it by one is this process's
    // own commit; more means moves by others in between.
    auto [known, fresh] = known_counters_.try_emplace(counter.id, 0);
    if (counter.value <= known->second) return false;
    const bool others = fresh || counter.value > known->second + 1;
    known->second = counter.value;
    return others;
}

void tracking_cache::committed(const store::tracking_changes& changes) {
    if (!changes.moved) return;
    local_commits_.fetch_add(1);  // before forgetting: see keep()
    for (const std::string& airwaybill : changes.airwaybills) answers_.erase(airwaybill);
    std::lock_guard lock(counters_mutex_);
    if (account_for(*changes.moved)) epoch_.fetch_add(1);
}

void tracking_cache::refresh(std::span<const store::generation_counter> counters) {
    std::lock_guard lock(counters_mutex_);
    bool others = false;
    for (const store::generation_counter& c : counters) {
        // A counter read here first is accounted for from its value on: nothing was kept before.
        auto [known, fresh] = known_counters_.try_emplace(c.id, c.value);
        if (!fresh && c.value > known->second) {
            known->second = c.value;
            others = true;
        }
    }
    if (others) epoch_.fetch_add(1);
}

}  // namespace jne::service
