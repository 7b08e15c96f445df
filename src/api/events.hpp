#pragma once

#include "api/error.hpp"

#include <string>
#include <vector>

namespace jne::api {

/// A scan event as the network posts it (POST /ops/v1/events).
struct event_input {
    std::string event_id;  ///< idempotency key: the same id is recorded once
    std::string airwaybill;
    std::string code;  ///< a status code (docs/status-codes.md)
    std::string time;  ///< ISO 8601 with offset, or DD-MM-YYYY HH:MM in WIB
    std::string place;
    std::string receiver;  ///< deliveries and returns
    std::string note;      ///< the relation (deliveries) or the reason (failures)

    bool operator==(const event_input&) const = default;
};

/// What became of a posted event: recorded; a duplicate of one recorded before (its id);
/// refused (`why` says why); or not recorded because another of its batch was refused.
enum class event_status { recorded, duplicate, refused, not_recorded };

/// What became of one posted event.
struct event_outcome {
    std::string event_id;
    event_status status = event_status::recorded;
    problem why = problem::none;  ///< why, when refused (the server's side)
    std::string detail;           ///< what `why` is about: the status code
    std::string reason;           ///< why, as worded in the answer (the client's side)

    bool operator==(const event_outcome&) const = default;
};

struct event_batch_result {
    bool recorded = false;  ///< false when any event was refused: nothing of the batch was written
    std::vector<event_outcome> outcomes;

    bool operator==(const event_batch_result&) const = default;
};

}  // namespace jne::api
