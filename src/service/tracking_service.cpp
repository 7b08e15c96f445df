#include "service/tracking_service.hpp"

#include "core/airwaybill.hpp"
#include "core/text.hpp"
#include "runtime/incident.hpp"

#include <spdlog/spdlog.h>

namespace jne::service {

tracking_service::tracking_service(store::shipment_store& store, runtime::incident& database,
                                   const cache::budgets& caches)
    : store_(store), database_(database), cache_(caches, store.tracking_generations()) {}

api::result<tracking_service::tracking_ptr> tracking_service::track(const core::account& caller,
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
                                   std::function<void(api::result<tracking_ptr>)> reply) const {
    if (auto answer = from_memory(caller, number)) return reply(std::move(*answer));
    // Tracking reads who the caller is and its role: its customer numbers and branches stay.
    core::account who;
    who.username = caller.username;
    who.role = caller.role;
    reads.post(
        [this, who = std::move(who), number = std::string(number), reply = std::move(reply)] {
            api::result<tracking_ptr> result = api::fail(api::error::unavailable);
            try {
                result = track(who, number);
            } catch (const std::exception& e) {  // never out of a pool thread, and answered
                spdlog::error("tracking {}: {}", number, e.what());
            }
            reply(std::move(result));
        });
}

std::optional<api::result<tracking_service::tracking_ptr>> tracking_service::from_memory(
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

api::result<tracking_service::tracking_ptr> tracking_service::answer_for(
    const core::account& caller, const tracking_cache::entry& e) {
    if (e.owner != caller.username && caller.role != core::role::operator_)
        return api::fail(api::error::not_your_cnote);
    return e.answer;
}

api::result<tracking_service::tracking_ptr> tracking_service::track_airwaybill(
    const core::account& caller, std::string_view airwaybill) const {
    const std::string key(airwaybill);
    if (auto hit = cache_.find(key)) return answer_for(caller, *hit);
    // Taken before reading: an answer read while another process's events were committed is
    // kept under the older epoch, and one read while this process's were is not kept.
    const auto start = cache_.start_read();
    std::optional<store::shipment_store::tracked> found;
    try {
        found = store_.find_tracked(airwaybill);
    } catch (const store::storage_error& e) {
        database_.failed("a tracking read", e.what());
        return api::fail(api::error::unavailable);
    }
    if (!found) return api::fail(api::error::cnote_not_found);
    auto answer = std::make_shared<const api::tracking>(
        tracking_of(found->shipment, std::move(found->events)));
    return answer_for(caller, *cache_.keep(start, key, found->shipment.account, std::move(answer)));
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
