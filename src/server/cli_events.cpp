// events add: scan events recorded as the network posts them.
#include "server/command_line.hpp"
#include "server/commands.hpp"

#include <iostream>

namespace jne::server {

namespace {

struct event_group final : command_group {
    event_args event;

    event_group(CLI::App& app, config& cfg, chosen_command& run) {
        auto* events_cmd = app.add_subcommand("events", "Record scan events as the network does");
        events_cmd->require_subcommand(1);
        auto* events_add_cmd = events_cmd->add_subcommand(
            "add", "Record one event from flags, or a JSON array of them");
        events_add_cmd->add_option("--file", event.file,
                                   "JSON array of events (as POST /ops/v1/events takes)");
        events_add_cmd->add_option("--awb", event.airwaybill, "Airwaybill");
        events_add_cmd->add_option("--code", event.code, "Status code (OP1, IP3, D01, …)");
        events_add_cmd->add_option("--place", event.place, "Where it happened");
        events_add_cmd->add_option("--time", event.time,
                                   "When: ISO 8601 or DD-MM-YYYY HH:MM in WIB (default: now)");
        events_add_cmd->add_option("--receiver", event.receiver,
                                   "Who received it (deliveries, returns)");
        events_add_cmd->add_option("--note", event.note, "Relation, or the reason of a failure");
        events_add_cmd->add_option("--event-id", event.event_id,
                                   "Idempotency key (default: a new one)");

        events_add_cmd->callback([this, &cfg, &run] {
            run = [this, &cfg] {
                if (event.file.empty() && (event.airwaybill.empty() || event.code.empty())) {
                    std::cerr << "events add needs --file, or --awb and --code\n";
                    return 2;
                }
                return events_add(cfg, event);
            };
        });
    }
};

}  // namespace

std::unique_ptr<command_group> event_commands(CLI::App& app, config& cfg, chosen_command& run) {
    return std::make_unique<event_group>(app, cfg, run);
}

}  // namespace jne::server
