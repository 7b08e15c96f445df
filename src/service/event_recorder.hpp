#pragma once

#include "api/error.hpp"
#include "api/events.hpp"
#include "core/account.hpp"
#include "core/shipment.hpp"
#include "runtime/write_queue.hpp"

#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace jne::service {

/// Scan events as the network posts them, checked for form: the events they become and each
/// one's outcome so far (refused when it has no id, an unknown code, a time that is none or an
/// airwaybill that cannot be one). Pure.
struct posted_events {
    std::vector<core::scan_event> events;
    api::event_batch_result result;
};
posted_events check_form(std::vector<api::event_input> inputs);

/// What a batch is checked against: for each airwaybill it names that a shipment has, the
/// events stored for it before the batch.
using stored_histories = std::map<std::string, std::vector<core::scan_event>, std::less<>>;

/// Checks `events` in order against their shipments' histories and one another: an id already
/// in the history is a duplicate; an airwaybill without a shipment, or a move the state machine
/// forbids, is refused; when any is refused, the others are not recorded. Pure.
api::event_batch_result check_histories(std::span<const core::scan_event> events,
                                        const stored_histories& stored);

/// Records batches of scan events (operators only): idempotent per event id, all or nothing per
/// batch, each refused event with its reason; webhooks hear of each new event in its batch.
class event_recorder {
public:
    static constexpr std::size_t max_batch = 1000;

    explicit event_recorder(runtime::write_queue& writes) : writes_(writes) {}

    void record(const core::account& caller, std::vector<api::event_input> events,
                std::function<void(api::result<api::event_batch_result>)> done) const;

private:
    runtime::write_queue& writes_;
};

}  // namespace jne::service
