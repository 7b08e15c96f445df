#include "webhook/outbox.hpp"

#include "wire/encode.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

namespace jne::webhook {

namespace {

// Scans made at the destination's end of the journey carry its code as `location_code`; the
// rest (orders, pickup, origin sorting, transit, the return on its way) the origin's.
bool at_destination(std::string_view code) {
    static constexpr std::array<std::string_view, 8> arrivals{"BI1", "BI2", "IP1", "IP2",
                                                              "TP5", "WH1", "WH2", "WH3"};
    if (std::find(arrivals.begin(), arrivals.end(), code) != arrivals.end()) return true;
    const core::status_code* c = core::find_status(code);
    if (c == nullptr) return false;
    using core::stage;
    return c->stage == stage::with_courier || c->stage == stage::delivery_failed ||
           c->stage == stage::held || c->stage == stage::delivered;
}

bool wants(const store::webhook_subscription& s, std::string_view account,
           std::string_view status) {
    return s.account == account &&
           (s.statuses.empty() ||
            std::find(s.statuses.begin(), s.statuses.end(), status) != s.statuses.end());
}

}  // namespace

std::int64_t system_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {
std::string random_hex(std::string prefix, std::size_t bytes) {
    std::vector<unsigned char> random(bytes);
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1)
        throw std::runtime_error("no randomness for a webhook id or secret");
    static constexpr char hex[] = "0123456789abcdef";
    for (unsigned char b : random) {
        prefix += hex[b >> 4];
        prefix += hex[b & 0xf];
    }
    return prefix;
}
}  // namespace

std::string new_event_id() { return random_hex("evt_", 12); }
std::string new_secret() { return random_hex("whsec_", 24); }

bool is_status_v2(std::string_view status) {
    for (const core::status_code& c : core::status_codes())
        if (!c.status_v2.empty() && c.status_v2 == status) return true;
    return false;
}

api::status_update status_update_of(const core::shipment& s,
                                    std::span<const core::scan_event> history,
                                    const core::scan_event& e, std::string_view status) {
    api::status_update u;
    u.awb = s.airwaybill;
    u.order_id = s.order_id;
    u.status = status;
    u.service = s.service_display;
    u.origin_code = s.origin;
    u.dest_code = s.destination;
    u.weight = s.weight;
    u.price = s.cost.total();
    u.sender = s.shipper;
    u.goods_description = s.goods_description;
    u.goods_quantity = s.quantity;
    u.goods_value = s.goods_value;
    if (const core::status_code* code = core::find_status(e.code);
        code != nullptr && code->stage == core::stage::delivered)
        u.received = api::status_update::receipt{
            e.receiver, !e.note.empty() ? e.note : std::string(code->keterangan)};
    std::vector<core::scan_event> all(history.begin(), history.end());
    all.push_back(e);
    std::stable_sort(
        all.begin(), all.end(),
        [](const core::scan_event& a, const core::scan_event& b) { return a.at < b.at; });
    for (const core::scan_event& h : all) {
        const core::status_code* code = core::find_status(h.code);
        std::string line_status = code == nullptr           ? std::string()
                                  : code->status_v2.empty() ? std::string(code->pod_status)
                                                            : std::string(code->status_v2);
        u.history.push_back({h.at, std::move(line_status), h.code, core::describe(h),
                             at_destination(h.code) ? s.destination : s.origin});
    }
    return u;
}

outbox::outbox(store::webhook_store& store, clock_ms now) : store_(store), now_(std::move(now)) {
    refresh();
}

bool outbox::refresh() {
    const std::int64_t version = store_.webhooks_version();
    if (version == version_) return false;
    auto fresh = std::make_shared<const subscriptions>(store_.webhook_subscriptions());
    std::lock_guard lock(mutex_);
    subscriptions_ = std::move(fresh);
    version_.store(version);
    return true;
}

std::shared_ptr<const outbox::subscriptions> outbox::current() const {
    std::lock_guard lock(mutex_);
    return subscriptions_;
}

void outbox::recorded(store::write_batch& batch, const core::shipment& shipment,
                      std::span<const core::scan_event> history, const core::scan_event& e) {
    const auto status = core::status_v2_change(history, e);
    if (!status) return;
    const auto all = current();
    std::string payload, event_id;
    for (const store::webhook_subscription& s : *all) {
        if (!wants(s, shipment.account, *status)) continue;
        if (payload.empty()) {  // built once, shared by the merchant's subscriptions
            wire::encode_status_update(payload, status_update_of(shipment, history, e, *status));
            event_id = new_event_id();
        }
        store::webhook_delivery d;
        d.subscription_id = s.id;
        d.event_id = event_id;
        d.airwaybill = shipment.airwaybill;
        d.status = *status;
        d.payload = payload;
        d.created_ms = now_();
        batch.webhooks().enqueue(d);
        enqueued_ = true;
    }
}

}  // namespace jne::webhook
