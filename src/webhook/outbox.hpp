#pragma once

#include "api/webhooks.hpp"
#include "runtime/event_listener.hpp"
#include "store/store.hpp"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace jne::webhook {

/// Milliseconds since 1970: the outbox's clock.
using clock_ms = std::function<std::int64_t()>;
std::int64_t system_ms();

/// The Status V2 push for `e`, recorded after `history`: the shipment as it stands, its history
/// (oldest first, `e` included) and `status`.
api::status_update status_update_of(const core::shipment& s,
                                    std::span<const core::scan_event> history,
                                    const core::scan_event& e, std::string_view status);

/// A new event id: "evt_" and 24 random hex digits.
std::string new_event_id();
/// A new signing secret: "whsec_" and 48 random hex digits.
std::string new_secret();

/// The statuses a subscription may ask for: Status V2's six.
bool is_status_v2(std::string_view status);

/// The webhooks' outbox: told of every recorded event inside its batch, it writes one delivery
/// per matching subscription there, with the Status V2 body fixed now. Subscriptions are held
/// in memory and reloaded when the database's webhooks version moves (refresh()), so a
/// recorded event costs nothing when its merchant has none.
class outbox final : public runtime::event_listener {
public:
    explicit outbox(store::webhook_store& store, clock_ms now = system_ms);

    /// Reloads the subscriptions if they changed, in any process. True when they did.
    bool refresh();

    /// The subscriptions this process serves, and the change of them it last loaded (grows with
    /// every change, in any process): /metrics shows both, so that an operator (and a test) sees
    /// when an added, removed or rotated webhook is in effect.
    std::size_t subscription_count() const { return current()->size(); }
    std::int64_t loaded_version() const { return version_.load(); }

    /// True once after a batch enqueued deliveries (the sender need not wait for its poll).
    bool take_enqueued() { return enqueued_.exchange(false); }

    void recorded(store::write_batch& batch, const core::shipment& shipment,
                  std::span<const core::scan_event> history, const core::scan_event& e) override;

private:
    using subscriptions = std::vector<store::webhook_subscription>;
    std::shared_ptr<const subscriptions> current() const;

    store::webhook_store& store_;
    clock_ms now_;
    std::atomic<std::int64_t> version_ = -1;
    std::atomic<bool> enqueued_{false};
    mutable std::mutex mutex_;
    std::shared_ptr<const subscriptions> subscriptions_ = std::make_shared<subscriptions>();
};

}  // namespace jne::webhook
