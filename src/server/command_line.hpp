#pragma once

#include "core/account.hpp"
#include "server/config.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

// jne-server's command line, a group of subcommands to a file (cli_*.cpp): each group adds its
// subcommands and their options to the app, keeps their values, and when the line names one of
// them, sets the command to run once parsing is done.
namespace jne::server {

/// The command the line named, run after parsing; its result is the process's exit code.
using chosen_command = std::function<int()>;

/// A group's parsed values live as long as this object.
class command_group {
public:
    virtual ~command_group() = default;
};

std::unique_ptr<command_group> serve_commands(CLI::App& app, config& cfg, chosen_command& run);
std::unique_ptr<command_group> account_commands(CLI::App& app, config& cfg, chosen_command& run);
std::unique_ptr<command_group> event_commands(CLI::App& app, config& cfg, chosen_command& run);
std::unique_ptr<command_group> webhook_commands(CLI::App& app, config& cfg, chosen_command& run);
std::unique_ptr<command_group> catalogue_commands(CLI::App& app, config& cfg, chosen_command& run);

/// An option taking a rate as "20/min" ("none" turns the limit off) into `target`.
CLI::Option* rate_option(CLI::App* cmd, const char* name, core::request_rate& target,
                         const std::string& what);

/// --webhook-allow-private's help, the same for serve and webhooks add.
inline constexpr const char* allow_private_help =
    "Let webhook URLs reach loopback, private and link-local addresses (a receiver on this "
    "machine, such as `jne listen`); refused otherwise";

}  // namespace jne::server
