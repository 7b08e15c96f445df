#include "service/shipment_service.hpp"

#include "core/airwaybill.hpp"
#include "core/pricing.hpp"
#include "core/service_codes.hpp"
#include "core/text.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace jne::service {

namespace {

api::calendar_date today_wib(core::unix_seconds now) {
    const api::wib_time w = api::to_wib(now);
    return {static_cast<int>(w.year), w.month, w.day};
}

}  // namespace

core::unix_seconds system_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

api::request_facts shipment_service::facts_for(const core::account& caller) const {
    // The facts hold the snapshot they read, so one request is judged against one catalogue.
    auto snapshot = catalogue_.current();
    auto c = std::shared_ptr<const core::catalogue>(snapshot, &snapshot->catalogue());
    return {
        [c](std::string_view code) { return c->find_origin(code) != nullptr; },
        [c](std::string_view code) { return c->find_destination(code) != nullptr; },
        [c, &caller](std::string_view code) {
            return c->find_branch(code) != nullptr &&
                   (caller.branches.empty() || caller.holds_branch(code));
        },
        [c](std::string_view name) { return c->find_service_by_name(name) != nullptr; },
        [&caller](std::string_view number) {
            return caller.customer_numbers.empty() || caller.holds_customer(number);
        },
    };
}

std::optional<api::failure> shipment_service::price(core::shipment& s,
                                                    const catalogue_snapshot& snapshot) const {
    using api::problem;
    // As sent: a catalogue code (REG19), a display name (REG) or another year's code (REG23).
    const std::string wanted = core::to_upper(s.service_display);
    const core::service* asked = snapshot.catalogue().find_service_by_name(wanted);
    const bool by_code = asked != nullptr && asked->code == wanted;
    const std::string family =
        asked != nullptr ? asked->display : std::string(core::without_year(wanted));
    // Within one city the city courier (CTC, CTCYES, CTCSPS) rides REG's, YES's or SPS's rows
    // where the route has none of its own.
    const std::string_view city_source =
        core::within_one_city(s.origin, s.destination) ? core::city_courier_source(family) : "";
    // Checked while decoding; looked for again in case the catalogue moved since.
    const core::origin* origin = snapshot.catalogue().find_origin(s.origin);
    const core::destination* destination = snapshot.catalogue().find_destination(s.destination);
    if (origin == nullptr)
        return api::fail(api::error::unknown_code, problem::unknown_origin, "origin", {s.origin});
    if (destination == nullptr)
        return api::fail(api::error::unknown_code, problem::unknown_destination, "destination",
                         {s.destination});
    const auto rates = tariffs_.rates(snapshot, s.origin, s.destination);
    const auto matches = [&](const core::service* offered, std::string_view as) {
        return offered != nullptr &&
               (by_code && as == family ? offered->code == wanted : offered->display == as);
    };
    const bool own_rows = std::any_of(rates.begin(), rates.end(), [&](const core::rate& r) {
        return matches(snapshot.catalogue().find_service(r.service), family);
    });
    const std::string_view looked_for = own_rows || city_source == family ? family : city_source;
    for (const core::rate& r : rates) {
        const core::service* offered = snapshot.catalogue().find_service(r.service);
        if (!matches(offered, looked_for)) continue;
        if (!offered->flat && core::chargeable_kilograms(s.weight) > offered->max_kilograms)
            return api::fail(api::error::invalid_field, problem::over_service_weight, "service",
                             {offered->display}, offered->max_kilograms);
        s.origin_name = origin->name;
        s.destination_name = destination->name;
        // The shipment keeps the code as sent; a display name stands for the catalogue's code.
        s.service_code = wanted == offered->display ? offered->code : wanted;
        s.service_display = looked_for == family ? offered->display : family;
        s.chargeable_kilograms =
            std::max(core::chargeable_kilograms(s.weight), offered->min_kilograms);
        s.cost.price_per_kg = r.price;
        s.cost.freight = core::price_of(r, *offered, s.weight);
        s.cost.insurance = s.insured ? core::insurance_fee(s.goods_value) : 0;
        s.etd_from = r.etd_from;
        s.etd_thru = r.etd_thru;
        return std::nullopt;
    }
    return api::fail(api::error::invalid_field, problem::service_not_on_route, "service",
                     {wanted, s.origin, s.destination});
}

namespace {

// The parts both create routes share; the members' names differ a little between them.
template <class Request>
core::shipment shipment_from(const Request& r, const core::account& caller,
                             std::int64_t goods_value, std::string_view instructions) {
    core::shipment s;
    s.account = caller.username;
    s.order_id = r.order_id;
    s.origin = r.origin;
    s.destination = r.destination;
    s.service_display = r.service;
    s.branch = r.branch;
    s.customer_number = r.customer;
    s.shipper = r.shipper;
    s.receiver = r.receiver;
    s.quantity = r.quantity;
    s.weight = r.weight;
    s.goods_description = r.goods_description;
    s.goods_value = goods_value;
    s.instructions = instructions;
    s.insured = r.insured;
    s.cod = r.cod;
    s.cost.cod_amount = s.cod ? r.cod_amount : 0;
    return s;
}

// The pickup order itself, kept with the shipment: keys are the project's own.
std::string pickup_details(const api::pickup_request& r, const api::calendar_date& scheduled) {
    boost::json::object details;
    auto put = [&](std::string_view key, const std::string& value) {
        if (!value.empty()) details[key] = value;
    };
    put("name", r.pickup_name);
    if (r.pickup_date) put("date", api::format_date(*r.pickup_date));
    if (r.pickup_time) put("time", api::format_clock_time(*r.pickup_time));
    put("pic", r.pickup_pic);
    put("pic_phone", r.pickup_pic_phone);
    put("address", r.pickup_address);
    put("district", r.pickup_district);
    put("city", r.pickup_city);
    put("service", r.pickup_service);
    put("vehicle", r.pickup_vehicle);
    put("merchant_id", r.merchant_id);
    put("latitude", r.latitude);
    put("longitude", r.longitude);
    put("type", r.type);
    if (r.tax_value) put("tax_value", std::to_string(*r.tax_value));
    put("item_type", r.item_type);
    put("hs_codes", r.hs_codes);
    put("npwp", r.npwp);
    for (auto [key, value] : {std::pair{"return_name", &r.return_to.name},
                              {"return_addr1", &r.return_to.addr1},
                              {"return_addr2", &r.return_to.addr2},
                              {"return_addr3", &r.return_to.addr3},
                              {"return_city", &r.return_to.city},
                              {"return_zip", &r.return_to.zip},
                              {"return_region", &r.return_to.region},
                              {"return_country", &r.return_to.country},
                              {"return_contact", &r.return_to.contact},
                              {"return_phone", &r.return_to.phone},
                              {"return_branch", &r.return_branch}})
        put(key, *value);
    put("scheduled", api::format_date(scheduled));
    return boost::json::serialize(details);
}

}  // namespace

void shipment_service::generatecnote(const core::account& caller,
                                     const api::generatecnote_request& r,
                                     reply<api::created> done) const {
    const auto snapshot = catalogue_.current();
    core::shipment s = shipment_from(r, caller, r.goods_value, r.instructions);
    s.channel = core::channel::generatecnote;
    s.goods_type = r.goods_type;
    if (auto problem = price(s, *snapshot)) return done(std::move(*problem));
    s.created_at = now_();

    // JNE has no code of its own for "created"; REQ is the order JNE has yet to take (decision 64).
    core::scan_event first{{}, {}, std::string(core::code_ordered), s.created_at, s.origin_name,
                           {}, {}};
    create(std::move(s), {}, std::move(first), std::move(done));
}

void shipment_service::pickupcashless(const core::account& caller, const api::pickup_request& r,
                                      reply<api::created> done) const {
    const auto snapshot = catalogue_.current();
    core::shipment s = shipment_from(r, caller, r.goods_amount, r.special_instructions);
    s.goods_type = "2";  // the route has no goods type: JNE's default
    if (auto problem = price(s, *snapshot)) return done(std::move(*problem));
    s.created_at = now_();

    const bool drop = r.type == "DROP";
    s.channel = drop ? core::channel::drop : core::channel::pickup;
    // A date already past goes to the next pickup window: today.
    const api::calendar_date today = today_wib(s.created_at);
    s.pickup_details = pickup_details(r, std::max(r.pickup_date.value_or(today), today));

    const std::string place = drop ? s.branch : r.pickup_city;
    core::scan_event first{
        {}, {}, std::string(core::code_ordered), s.created_at, core::to_upper(place), {}, {}};
    create(std::move(s), r.airwaybill, std::move(first), std::move(done));
}

void shipment_service::create(core::shipment s, std::string requested_airwaybill,
                              core::scan_event first, reply<api::created> done) const {
    // Shared by the work (on the writer thread) and the completion.
    struct state {
        core::shipment shipment;
        std::string requested;
        core::scan_event first;
        std::optional<std::string> duplicate_of;
        reply<api::created> done;
    };
    auto st = std::make_shared<state>(state{
        std::move(s), std::move(requested_airwaybill), std::move(first), {}, std::move(done)});
    writes_.submit(
        [st, speed = sandbox_speed_, listener = writes_.listener()](store::write_batch& batch) {
            st->duplicate_of = batch.order_airwaybill(st->shipment.account, st->shipment.order_id);
            if (st->duplicate_of) return;
            core::shipment& fresh = st->shipment;
            // A reserved airwaybill of the caller's becomes the number; any other value is the
            // merchant's reference.
            if (!st->requested.empty() && core::valid_airwaybill(st->requested) &&
                batch.claim_reserved(st->requested, fresh.account)) {
                fresh.airwaybill = st->requested;
                fresh.reference_number.clear();
            } else {
                fresh.airwaybill =
                    core::airwaybill_from_sequence(batch.next_sequence(fresh.created_at));
                fresh.reference_number = st->requested;
            }
            batch.insert_shipment(fresh);
            st->first.airwaybill = fresh.airwaybill;
            record_event(batch, listener, fresh, {}, st->first);
            // Every journey's first step is at least an hour of network time away.
            if (speed)
                batch.sandbox().schedule(
                    fresh.airwaybill,
                    fresh.created_at + static_cast<core::unix_seconds>(std::floor(3600 / *speed)));
        },
        [st](bool durable) {
            if (!durable) return st->done(api::fail(api::error::unavailable));
            if (st->duplicate_of) {
                api::failure f = api::fail(api::error::duplicate_order);
                f.airwaybill = *st->duplicate_of;
                return st->done(std::move(f));
            }
            st->done(api::created{st->shipment.airwaybill});
        },
        store::order_key{st->shipment.account, st->shipment.order_id});
}

void shipment_service::stockawb(const core::account& caller, const api::stock_request& r,
                                reply<api::airwaybill_list> done) const {
    struct state {
        std::string account;
        int count;
        core::unix_seconds now;
        api::airwaybill_list reserved;
        reply<api::airwaybill_list> done;
    };
    auto st = std::make_shared<state>(state{caller.username, r.count, now_(), {}, std::move(done)});
    writes_.submit(
        [st](store::write_batch& batch) {
            st->reserved.clear();
            for (int i = 0; i < st->count; ++i) {
                st->reserved.push_back(
                    core::airwaybill_from_sequence(batch.next_sequence(st->now)));
                batch.reserve(st->reserved.back(), st->account, st->now);
            }
        },
        [st](bool durable) {
            if (!durable) return st->done(api::fail(api::error::unavailable));
            st->done(std::move(st->reserved));
        });
}

void shipment_service::cancel(const core::account& caller, const api::cancel_request& r,
                              reply<api::cancelled> done) const {
    if (!core::valid_airwaybill(r.airwaybill)) return done(api::fail(api::error::cnote_not_found));
    if (core::normalise(r.reason).empty())
        return done(api::fail(api::error::not_cancellable, api::problem::missing, "reason"));
    struct state {
        std::string account;
        bool operator_;
        core::scan_event cancel;
        std::optional<api::failure> refused;
        reply<api::cancelled> done;
    };
    auto st = std::make_shared<state>(state{caller.username,
                                            caller.role == core::role::operator_,
                                            core::scan_event{{},
                                                             r.airwaybill,
                                                             std::string(core::code_cancelled),
                                                             now_(),
                                                             core::to_upper(r.cancelled_by),
                                                             {},
                                                             r.reason},
                                            {},
                                            std::move(done)});
    writes_.submit(
        [st, listener = writes_.listener()](store::write_batch& batch) {
            st->refused.reset();
            auto shipment = batch.find_shipment(st->cancel.airwaybill);
            if (!shipment) return void(st->refused = api::fail(api::error::cnote_not_found));
            if (shipment->account != st->account && !st->operator_)
                return void(st->refused = api::fail(api::error::not_your_cnote));
            if (st->cancel.place.empty()) st->cancel.place = shipment->origin;
            const auto history = batch.events(st->cancel.airwaybill);
            if (auto why = core::refuse_transition(history, st->cancel))
                return void(st->refused = api::fail(api::error::not_cancellable, *why));
            record_event(batch, listener, *shipment, history, st->cancel);
        },
        [st](bool durable) {
            if (!durable) return st->done(api::fail(api::error::unavailable));
            if (st->refused) return st->done(std::move(*st->refused));
            st->done(api::cancelled{st->cancel.airwaybill, {}});
        });
}

}  // namespace jne::service
