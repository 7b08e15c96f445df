#include "service/tracking_service.hpp"

#include "core/airwaybill.hpp"
#include "core/text.hpp"
#include "runtime/incident.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <iterator>
#include <tuple>

namespace jne::service {

namespace {

// Answers made and not yet stored, at most: about 3 MB. Past it one is dropped, and made again
// at its next ask.
constexpr std::size_t max_made_answers = 2048;
// Stored in one transaction: SQLite's one writer is held that long, ahead of a group commit.
constexpr std::size_t answers_per_transaction = 256;

}  // namespace

tracking_service::tracking_service(store::shipment_store& store, runtime::incident& database,
                                   answer_writer writer, const cache::budgets& caches)
    : store_(store),
      database_(database),
      writer_(writer),
      cache_(caches, store.tracking_generations()) {}

api::result<tracking_service::body_ptr> tracking_service::track(const core::account& caller,
                                                                std::string_view number) const {
    // A number with a wrong check digit is no airwaybill (a typo), but may be a reference.
    if (core::valid_airwaybill(number)) {
        auto found = track_airwaybill(caller, number);
        if (found || found.error().code != api::error::cnote_not_found) return found;
    }
    // Merchants' code tracks by the number it sent: the caller's own references only,
    // so another account's reference does not exist for it.
    auto airwaybill = airwaybill_for(caller, number);
    if (!airwaybill) return airwaybill.error();
    return track_airwaybill(caller, *airwaybill);
}

void tracking_service::track_async(const core::account& caller, std::string_view number,
                                   runtime::read_pool& reads,
                                   std::function<void(api::result<body_ptr>)> reply) const {
    if (auto answer = from_memory(caller, number)) return reply(std::move(*answer));
    // Tracking reads who the caller is and its role: its customer numbers and branches stay.
    core::account who;
    who.username = caller.username;
    who.role = caller.role;
    reads.post(
        [this, who = std::move(who), number = std::string(number), reply = std::move(reply)] {
            api::result<body_ptr> result = api::fail(api::error::unavailable);
            try {
                result = track(who, number);
            } catch (const std::exception& e) {  // never out of a pool thread, and answered
                spdlog::error("tracking {}: {}", number, e.what());
            }
            reply(std::move(result));
        });
}

std::optional<api::result<tracking_service::body_ptr>> tracking_service::from_memory(
    const core::account& caller, std::string_view number) const {
    std::optional<std::string> airwaybill;
    if (core::valid_airwaybill(number))
        airwaybill.emplace(number);
    else if (!number.empty())
        airwaybill = cache_.airwaybill_for(caller.username, number);
    if (!airwaybill) return std::nullopt;
    auto hit = cache_.find(*airwaybill);
    if (!hit) return std::nullopt;
    return answer_for(caller, *hit);
}

api::result<std::string> tracking_service::airwaybill_for(const core::account& caller,
                                                          std::string_view reference) const {
    if (reference.empty()) return api::fail(api::error::cnote_not_found);
    if (auto known = cache_.airwaybill_for(caller.username, reference)) return *known;
    std::optional<std::string> airwaybill;
    try {
        airwaybill = store_.airwaybill_for_reference(caller.username, reference);
    } catch (const store::storage_error& e) {
        database_.failed("a reference read", e.what());
        return api::fail(api::error::unavailable);
    }
    if (!airwaybill) return api::fail(api::error::cnote_not_found);
    cache_.remember(caller.username, reference, *airwaybill);
    return *airwaybill;
}

api::result<tracking_service::body_ptr> tracking_service::answer_for(
    const core::account& caller, const tracking_cache::entry& e) {
    if (e.owner != caller.username && caller.role != core::role::operator_)
        return api::fail(api::error::not_your_cnote);
    return e.body;
}

api::result<tracking_service::body_ptr> tracking_service::track_airwaybill(
    const core::account& caller, std::string_view airwaybill) const {
    const std::string key(airwaybill);
    if (auto hit = cache_.find(key)) return answer_for(caller, *hit);
    // Taken before reading: an answer read while another process's events were committed is
    // kept under the older epoch, and one read while this process's were is not kept.
    const auto start = cache_.start_read();
    std::optional<store::shipment_store::stored_answer> stored;
    std::optional<store::shipment_store::tracked> found;
    try {
        stored = store_.find_answer(airwaybill, writer_.format);
        if (!stored) found = store_.find_tracked(airwaybill);
    } catch (const store::storage_error& e) {
        database_.failed("a tracking read", e.what());
        return api::fail(api::error::unavailable);
    }
    if (stored) {
        auto body = std::make_shared<const std::string>(std::move(stored->body));
        return answer_for(caller,
                          *cache_.keep(start, key, std::move(stored->account), std::move(body)));
    }
    if (!found) return api::fail(api::error::cnote_not_found);
    const auto events = static_cast<std::int64_t>(found->events.size());
    auto body = std::make_shared<std::string>();
    writer_.encode(*body, tracking_of(found->shipment, std::move(found->events)));
    to_store({key, found->shipment.account, writer_.format, events, *body});
    return answer_for(caller, *cache_.keep(start, key, found->shipment.account, std::move(body)));
}

void tracking_service::to_store(made_answer made) const {
    const std::lock_guard lock(made_mutex_);
    if (made_.size() < max_made_answers)
        made_.push_back(std::move(made));
    else
        answer_counts_.dropped.fetch_add(1, std::memory_order_relaxed);
}

bool tracking_service::store_answers() {
    std::vector<made_answer> taken;
    bool more = false;
    {
        const std::lock_guard lock(made_mutex_);
        const std::size_t n = std::min(made_.size(), answers_per_transaction);
        taken.assign(std::make_move_iterator(made_.end() - static_cast<std::ptrdiff_t>(n)),
                     std::make_move_iterator(made_.end()));
        made_.resize(made_.size() - n);
        more = !made_.empty();
    }
    if (taken.empty()) return false;
    // One row per airwaybill (the one made from the most events), in the order of their keys:
    // two processes' transactions lock rows in the same order, never in a cycle.
    std::sort(taken.begin(), taken.end(), [](const made_answer& a, const made_answer& b) {
        return std::tie(a.airwaybill, b.events) < std::tie(b.airwaybill, a.events);
    });
    std::vector<made_answer> rows;
    rows.reserve(taken.size());
    for (made_answer& m : taken)
        if (rows.empty() || rows.back().airwaybill != m.airwaybill) rows.push_back(std::move(m));
    try {
        store_.store_answers(rows);
        answer_counts_.stored.fetch_add(rows.size(), std::memory_order_relaxed);
    } catch (const store::storage_error& e) {  // a cache: made again at the next ask
        spdlog::debug("{} tracking answers not stored: {}", rows.size(), e.what());
        answer_counts_.dropped.fetch_add(rows.size(), std::memory_order_relaxed);
    }
    return more;
}

api::result<api::public_shipment> tracking_service::look_up(std::string_view number) const {
    api::public_shipment p;
    p.number = number;
    // Older airwaybills (the document's example among them) predate our check digit: whatever
    // the store has is shown; only a number it lacks is judged by its form.
    std::optional<store::shipment_store::tracked> found;
    if (core::all_digits(number) && number.size() <= 20) {
        try {
            found = store_.find_tracked(number);
        } catch (const store::storage_error& e) {
            database_.failed("a public tracking read", e.what());
            return api::fail(api::error::unavailable);
        }
    }
    if (found) {
        auto view = public_view_of(found->shipment, std::move(found->events));
        view.number = std::move(p.number);
        return view;
    }
    p.outcome = core::valid_airwaybill(number) ? api::lookup::unknown : api::lookup::mistyped;
    return p;
}

api::result<std::vector<core::shipment>> tracking_service::shipments(
    const core::account& caller, std::span<const std::string> numbers) const {
    std::vector<core::shipment> found;
    found.reserve(numbers.size());
    try {
        for (const std::string& number : numbers) {
            std::optional<core::shipment> s;
            if (core::valid_airwaybill(number)) s = store_.find_shipment(number);
            if (!s) {
                auto airwaybill = airwaybill_for(caller, number);
                if (!airwaybill) return airwaybill.error();
                s = store_.find_shipment(*airwaybill);
            }
            if (!s) return api::fail(api::error::cnote_not_found);
            if (s->account != caller.username && caller.role != core::role::operator_)
                return api::fail(api::error::not_your_cnote);
            found.push_back(std::move(*s));
        }
    } catch (const store::storage_error& e) {
        database_.failed("a shipment read", e.what());
        return api::fail(api::error::unavailable);
    }
    return found;
}

}  // namespace jne::service
