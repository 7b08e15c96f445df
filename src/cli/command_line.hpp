#pragma once

#include "client/client.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>

// jne's command line, a group of subcommands to a file (cli_*.cpp): each group adds its
// subcommands and their options to the app, keeps their values, and when the line names one of
// them, sets the command to run once parsing is done.
namespace jne::cli {

/// What every command reads: where the server is, who asks, and --json.
struct globals {
    client::options server;
    bool json = false;  ///< print the server's answer as it is
};

/// The command the line named, run after parsing; its result is the process's exit code.
using chosen_command = std::function<int()>;

/// A group's parsed values live as long as this object.
class command_group {
public:
    virtual ~command_group() = default;
};

/// tariff, track, locations search|origins
std::unique_ptr<command_group> lookup_commands(CLI::App& app, const globals& g,
                                               chosen_command& run);
/// ship, pickup, cancel
std::unique_ptr<command_group> shipment_commands(CLI::App& app, const globals& g,
                                                 chosen_command& run);
std::unique_ptr<command_group> label_commands(CLI::App& app, const globals& g, chosen_command& run);
std::unique_ptr<command_group> listen_commands(CLI::App& app, chosen_command& run);

/// Says why a call failed, on standard error; its exit code.
int report(const client::error& e);

}  // namespace jne::cli
