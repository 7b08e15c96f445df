#include "service/shipment_service.hpp"

#include "core/airwaybill.hpp"
#include "core/pricing.hpp"
#include "core/text.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <cmath>

namespace jne::service {

namespace {

std::string get(const core::field_lookup& fields, std::string_view name) {
    auto v = fields(name);
    if (!v) return {};
    std::string_view s = *v;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

std::int64_t whole(const std::string& digits) { return digits.empty() ? 0 : std::stoll(digits); }

core::party party_from(const core::field_lookup& f, const std::string& prefix) {
    return core::party{get(f, prefix + "NAME"),    get(f, prefix + "ADDR1"),
                       get(f, prefix + "ADDR2"),   get(f, prefix + "ADDR3"),
                       get(f, prefix + "CITY"),    get(f, prefix + "REGION"),
                       get(f, prefix + "ZIP"),     get(f, prefix + "PHONE"),
                       get(f, prefix + "CONTACT"), get(f, prefix + "COUNTRY")};
}

std::string today_wib(core::unix_seconds now) { return core::format_wib_short(now).substr(0, 10); }

// DD-MM-YYYY as YYYYMMDD, to compare dates.
std::string sortable(const std::string& date) {
    return date.substr(6, 4) + date.substr(3, 2) + date.substr(0, 2);
}

}  // namespace

core::unix_seconds system_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

core::validation_context shipment_service::context_for(const core::account& caller,
                                                       const catalogue_snapshot& snapshot) const {
    const core::catalogue& c = snapshot.catalogue();
    return {
        [&c](std::string_view code) { return c.find_origin(code) != nullptr; },
        [&c](std::string_view code) { return c.find_destination(code) != nullptr; },
        [&c, &caller](std::string_view code) {
            return c.find_branch(code) != nullptr &&
                   (caller.branches.empty() || caller.holds_branch(code));
        },
        [&c](std::string_view name) { return c.find_service_by_name(name) != nullptr; },
        [&caller](std::string_view number) {
            return caller.customer_numbers.empty() || caller.holds_customer(number);
        },
    };
}

std::optional<api::failure> shipment_service::price(core::shipment& s,
                                                    std::string_view service_field,
                                                    const catalogue_snapshot& snapshot) const {
    const std::string wanted = core::to_upper(s.service_display);
    for (const core::rate& r : tariffs_.rates(snapshot, s.origin, s.destination)) {
        const core::service* offered = snapshot.catalogue().find_service(r.service);
        if (offered == nullptr || (offered->code != wanted && offered->display != wanted)) continue;
        if (!offered->flat && core::chargeable_kilograms(s.weight) > offered->max_kilograms)
            return api::fail(api::error::invalid_field, std::string(service_field) + " " +
                                                            offered->display + " takes at most " +
                                                            std::to_string(offered->max_kilograms) +
                                                            " kg");
        s.origin_name = snapshot.catalogue().find_origin(s.origin)->name;
        s.destination_name = snapshot.catalogue().find_destination(s.destination)->name;
        s.service_code = offered->code;
        s.service_display = offered->display;
        s.chargeable_kilograms =
            std::max(core::chargeable_kilograms(s.weight), offered->min_kilograms);
        s.cost.price_per_kg = r.price;
        s.cost.freight = core::price_of(r, *offered, s.weight);
        s.cost.insurance = s.insured ? core::insurance_fee(s.goods_value) : 0;
        s.etd_from = r.etd_from;
        s.etd_thru = r.etd_thru;
        return std::nullopt;
    }
    return api::fail(api::error::invalid_field, "Service Code " + wanted + " Not Available From " +
                                                    s.origin + " To " + s.destination);
}

namespace {

// Where each route keeps the fields every shipment has.
struct shipment_fields {
    const char* order_id;
    const char* origin;
    const char* destination;
    const char* service;
    const char* branch;
    const char* customer;
    const char* shipper_prefix;
    const char* receiver_prefix;
    const char* quantity;
    const char* weight;
    const char* goods_description;
    const char* goods_value;
    const char* instructions;
    const char* insurance_flag;
    const char* cod_flag;
    const char* cod_amount;
};

constexpr shipment_fields generatecnote_names{
    "OLSHOP_ORDERID", "OLSHOP_ORIG",     "OLSHOP_DEST",      "OLSHOP_SERVICE",
    "OLSHOP_BRANCH",  "OLSHOP_CUST",     "OLSHOP_SHIPPER_",  "OLSHOP_RECEIVER_",
    "OLSHOP_QTY",     "OLSHOP_WEIGHT",   "OLSHOP_GOODSDESC", "OLSHOP_GOODSVALUE",
    "OLSHOP_INST",    "OLSHOP_INS_FLAG", "OLSHOP_COD_FLAG",  "OLSHOP_COD_AMOUNT"};

constexpr shipment_fields pickupcashless_names{
    "ORDER_ID",    "ORIGIN_CODE",    "DESTINATION_CODE", "SERVICE_CODE",
    "BRANCH",      "CUST_ID",        "SHIPPER_",         "RECEIVER_",
    "QTY",         "WEIGHT",         "GOODS_DESC",       "GOODS_AMOUNT",
    "SPECIAL_INS", "INSURANCE_FLAG", "COD_FLAG",         "COD_AMOUNT"};

// A shipment from a validated request.
core::shipment shipment_from(const core::field_lookup& f, const shipment_fields& n,
                             const core::account& caller) {
    core::shipment s;
    s.account = caller.username;
    s.order_id = get(f, n.order_id);
    s.origin = get(f, n.origin);
    s.destination = get(f, n.destination);
    s.service_display = get(f, n.service);
    s.branch = get(f, n.branch);
    s.customer_number = get(f, n.customer);
    s.shipper = party_from(f, n.shipper_prefix);
    s.receiver = party_from(f, n.receiver_prefix);
    s.quantity = get(f, n.quantity);
    s.weight = *core::parse_weight(get(f, n.weight));
    s.goods_description = get(f, n.goods_description);
    s.goods_value = whole(get(f, n.goods_value));
    s.instructions = get(f, n.instructions);
    s.insured = core::insured(get(f, n.insurance_flag));
    s.cod = core::cod_on(get(f, n.cod_flag));
    s.cost.cod_amount = s.cod ? whole(get(f, n.cod_amount)) : 0;
    return s;
}

}  // namespace

void shipment_service::generatecnote(const core::account& caller, const core::field_lookup& f,
                                     reply<api::created> done) const {
    const auto snapshot = catalogue_.current();
    if (auto problem =
            core::validate(core::generatecnote_fields(), f, context_for(caller, *snapshot)))
        return done(std::move(*problem));
    core::shipment s = shipment_from(f, generatecnote_names, caller);
    s.channel = core::channel::generatecnote;
    s.goods_type = get(f, "OLSHOP_GOODSTYPE");
    if (auto problem = price(s, generatecnote_names.service, *snapshot))
        return done(std::move(*problem));
    s.created_at = now_();

    core::scan_event first{{}, {}, "MF1", s.created_at, s.origin_name, {}, {}};
    create(std::move(s), {}, std::move(first), std::move(done));
}

void shipment_service::pickupcashless(const core::account& caller, const core::field_lookup& f,
                                      reply<api::created> done) const {
    const auto snapshot = catalogue_.current();
    if (auto problem =
            core::validate(core::pickupcashless_fields(), f, context_for(caller, *snapshot)))
        return done(std::move(*problem));
    core::shipment s = shipment_from(f, pickupcashless_names, caller);
    s.goods_type = "2";  // the route has no goods type: JNE's default
    if (auto problem = price(s, pickupcashless_names.service, *snapshot))
        return done(std::move(*problem));
    s.created_at = now_();

    const bool drop = core::to_upper(get(f, "TYPE")) == "DROP";
    s.channel = drop ? core::channel::drop : core::channel::pickup;
    // A date already past goes to the next pickup window: today.
    std::string scheduled = get(f, "PICKUP_DATE");
    if (sortable(scheduled) < sortable(today_wib(s.created_at)))
        scheduled = today_wib(s.created_at);
    boost::json::object details;
    for (const core::field_rule& rule : core::pickupcashless_fields())
        if (rule.name.starts_with("PICKUP_") || rule.name == "MERCHANT_ID" || rule.name == "LAT" ||
            rule.name == "LON" || rule.name == "TYPE" || rule.name.starts_with("RETURN_") ||
            rule.name == "TAX_VALUE" || rule.name == "ITEM_TYPE" || rule.name == "HS_CODE" ||
            rule.name == "NPWP")
            if (auto v = get(f, rule.name); !v.empty()) details[rule.name] = v;
    details["PICKUP_SCHEDULED"] = scheduled;
    s.pickup_details = boost::json::serialize(details);

    const std::string place = drop ? s.branch : get(f, "PICKUP_CITY");
    core::scan_event first{{}, {}, drop ? "DR9" : "PU9", s.created_at, core::to_upper(place),
                           {}, {}};
    create(std::move(s), get(f, "AWB"), std::move(first), std::move(done));
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
        [st, speed = sandbox_speed_](store::write_batch& batch) {
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
            batch.insert_event(st->first);
            // Every journey's first step is at least an hour of network time away.
            if (speed)
                batch.schedule_sandbox(
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

void shipment_service::stockawb(const core::account& caller, const core::field_lookup& f,
                                reply<api::airwaybill_list> done) const {
    const auto snapshot = catalogue_.current();
    if (auto problem = core::validate(core::stockawb_fields(), f, context_for(caller, *snapshot)))
        return done(std::move(*problem));
    struct state {
        std::string account;
        int count;
        core::unix_seconds now;
        api::airwaybill_list reserved;
        reply<api::airwaybill_list> done;
    };
    auto st = std::make_shared<state>(state{caller.username,
                                            static_cast<int>(whole(get(f, "REQUEST_AWB"))),
                                            now_(),
                                            {},
                                            std::move(done)});
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

void shipment_service::cancel(const core::account& caller, std::string_view airwaybill,
                              std::string_view by, std::string_view reason,
                              reply<api::cancelled> done) const {
    if (!core::valid_airwaybill(airwaybill)) return done(api::fail(api::error::cnote_not_found));
    if (core::normalise(reason).empty())
        return done(
            api::fail(api::error::not_cancellable, "Please do not let field reason_cancel empty"));
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
                                                             std::string(airwaybill),
                                                             "CX1",
                                                             now_(),
                                                             core::to_upper(by),
                                                             {},
                                                             std::string(reason)},
                                            {},
                                            std::move(done)});
    writes_.submit(
        [st](store::write_batch& batch) {
            st->refused.reset();
            auto shipment = batch.find_shipment(st->cancel.airwaybill);
            if (!shipment) return void(st->refused = api::fail(api::error::cnote_not_found));
            if (shipment->account != st->account && !st->operator_)
                return void(st->refused = api::fail(api::error::not_your_cnote));
            if (st->cancel.place.empty()) st->cancel.place = shipment->origin;
            const auto history = batch.events(st->cancel.airwaybill);
            if (auto why = core::refuse_transition(history, st->cancel))
                return void(st->refused =
                                api::fail(api::error::not_cancellable, "Cancel refused: " + *why));
            batch.insert_event(st->cancel);
        },
        [st](bool durable) {
            if (!durable) return st->done(api::fail(api::error::unavailable));
            if (st->refused) return st->done(std::move(*st->refused));
            st->done(api::cancelled{"Cnote " + st->cancel.airwaybill + " has been cancelled"});
        });
}

}  // namespace jne::service
