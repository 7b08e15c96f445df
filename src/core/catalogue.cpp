#include "core/catalogue.hpp"
#include "core/service_codes.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace jne::core {

namespace {

template <class T>
const T* find_by_code(std::span<const T> sorted, std::string_view code) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), code,
                               [](const T& item, std::string_view c) { return item.code < c; });
    return it != sorted.end() && it->code == code ? &*it : nullptr;
}

template <class T>
void sort_by_code(std::vector<T>& items) {
    std::stable_sort(items.begin(), items.end(),
                     [](const T& a, const T& b) { return a.code < b.code; });
    items.erase(std::unique(items.begin(), items.end(),
                            [](const T& a, const T& b) { return a.code == b.code; }),
                items.end());
}

bool ends_with_city_digits(std::string_view code) {
    return code.size() == 8 && code.substr(3) == "10000";
}

}  // namespace

std::string destination_name(const area& a) {
    if (ends_with_city_digits(a.code) || a.district.empty() || a.district == a.city) return a.city;
    return a.district + "," + a.city;
}

catalogue::catalogue(catalogue_data data) : data_(std::move(data)) {
    sort_by_code(data_.origins);
    sort_by_code(data_.branches);
    sort_by_code(data_.services);
    sort_by_code(data_.hubs);
    std::sort(data_.rated_origins.begin(), data_.rated_origins.end());
    build_destinations();
    build_search_index();
    // The areas served only to build the index; the database keeps them.
    data_.areas.clear();
    data_.areas.shrink_to_fit();
}

void catalogue::build_destinations() {
    std::unordered_map<std::string_view, std::size_t> seen;
    for (const area& a : data_.areas) {
        if (seen.emplace(a.code, destinations_.size()).second)
            destinations_.push_back({a.code, destination_name(a), a.province, a.city});
    }
    std::sort(destinations_.begin(), destinations_.end(),
              [](const destination& a, const destination& b) { return a.code < b.code; });
}

void catalogue::build_search_index() {
    // rank: 0 the destination's own name or code, 1 another whole name, 3 a word inside a name.
    // `seen`: what was added for the destination at hand, so that a name its areas repeat (its
    // city, in every subdistrict) is added once: the index is never built with every duplicate
    // in it first (tens of megabytes at start, for the sandbox catalogue).
    std::vector<std::pair<std::string, std::uint8_t>> seen;
    auto push = [&](std::string text, std::uint32_t index, std::uint8_t rank) {
        for (const auto& [t, r] : seen)
            if (r == rank && t == text) return;
        seen.emplace_back(text, rank);
        search_keys_.push_back({std::move(text), index, rank});
    };
    auto add = [&](std::string_view value, std::uint32_t index, std::uint8_t rank) {
        std::string text = normalise(value);
        if (text.empty() || text == "-") return;
        for (std::size_t i = 1; i < text.size(); ++i) {
            if (text[i - 1] == ' ' || text[i - 1] == ',' || text[i - 1] == '(' ||
                text[i - 1] == '.')
                if (text[i] != ' ') push(text.substr(i), index, 3);
        }
        push(std::move(text), index, rank);
    };
    // The areas by destination, so that each destination's are seen together.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> areas;  // (destination, area)
    areas.reserve(data_.areas.size());
    for (std::uint32_t i = 0; i < data_.areas.size(); ++i)
        areas.emplace_back(static_cast<std::uint32_t>(find_destination(data_.areas[i].code) -
                                                      destinations_.data()),
                           i);
    std::sort(areas.begin(), areas.end());
    for (std::size_t k = 0; k < areas.size(); ++k) {
        const auto [index, i] = areas[k];
        if (k == 0 || areas[k - 1].first != index) seen.clear();
        const area& a = data_.areas[i];
        add(a.city, index, 1);
        add(a.district, index, 1);
        add(a.subdistrict, index, 1);
        add(a.zip, index, 1);
    }
    for (std::uint32_t i = 0; i < destinations_.size(); ++i) {
        seen.clear();
        add(destinations_[i].code, i, 0);
        add(destinations_[i].name, i, 0);
    }
    std::sort(search_keys_.begin(), search_keys_.end(),
              [](const search_key& a, const search_key& b) {
                  return std::tie(a.text, a.destination, a.rank) <
                         std::tie(b.text, b.destination, b.rank);
              });
    search_keys_.erase(std::unique(search_keys_.begin(), search_keys_.end(),
                                   [](const search_key& a, const search_key& b) {
                                       return a.text == b.text && a.destination == b.destination;
                                   }),
                       search_keys_.end());
    search_keys_.shrink_to_fit();

    std::vector<std::uint32_t> order(destinations_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [this](std::uint32_t a, std::uint32_t b) {
        return std::tie(destinations_[a].name, destinations_[a].code) <
               std::tie(destinations_[b].name, destinations_[b].code);
    });
    by_name_.resize(order.size());
    for (std::uint32_t place = 0; place < order.size(); ++place) by_name_[order[place]] = place;
}

const destination* catalogue::find_destination(std::string_view code) const {
    return find_by_code<destination>(destinations_, code);
}
const origin* catalogue::find_origin(std::string_view code) const {
    return find_by_code<origin>(data_.origins, code);
}
const branch* catalogue::find_branch(std::string_view code) const {
    return find_by_code<branch>(data_.branches, code);
}
const service* catalogue::find_service(std::string_view code) const {
    return find_by_code<service>(data_.services, code);
}

const service* catalogue::find_service_by_name(std::string_view name) const {
    if (const service* s = find_service(name)) return s;
    auto by_display = [this](std::string_view display) {
        const service* best = nullptr;
        for (const service& s : data_.services)
            if (s.display == display && (best == nullptr || s.rank < best->rank)) best = &s;
        return best;
    };
    if (const service* s = by_display(name)) return s;
    const std::string_view family = without_year(name);
    return family.size() < name.size() ? by_display(family) : nullptr;
}

const hub* catalogue::find_hub(std::string_view location_code) const {
    return find_by_code<hub>(data_.hubs, location_code.substr(0, 3));
}

bool catalogue::has_stored_rates(std::string_view origin_code) const {
    return std::binary_search(data_.rated_origins.begin(), data_.rated_origins.end(), origin_code,
                              std::less<>());
}

std::vector<const destination*> catalogue::search(std::string_view text, std::size_t limit) const {
    const std::string query = normalise(text);
    std::vector<const destination*> found;
    if (query.empty() || limit == 0) return found;

    constexpr std::uint8_t unmatched = 255;
    std::vector<std::uint8_t> best(destinations_.size(), unmatched);
    auto it =
        std::lower_bound(search_keys_.begin(), search_keys_.end(), query,
                         [](const search_key& k, const std::string& q) { return k.text < q; });
    for (; it != search_keys_.end() && std::string_view(it->text).starts_with(query); ++it) {
        // Exact (0 own name, 1 another name), then a name's prefix (2), then a word's (3).
        const bool exact = it->text.size() == query.size();
        const std::uint8_t rank = it->rank == 3 ? 3 : exact ? it->rank : 2;
        if (rank < best[it->destination]) best[it->destination] = rank;
    }
    for (std::size_t i = 0; i < best.size(); ++i)
        if (best[i] != unmatched) found.push_back(&destinations_[i]);
    auto order = [&](const destination* a, const destination* b) {
        const auto ia = static_cast<std::size_t>(a - destinations_.data());
        const auto ib = static_cast<std::size_t>(b - destinations_.data());
        return std::tie(best[ia], by_name_[ia]) < std::tie(best[ib], by_name_[ib]);
    };
    const std::size_t keep = std::min(limit, found.size());
    std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                      order);
    found.resize(keep);
    return found;
}

}  // namespace jne::core
