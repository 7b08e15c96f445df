#pragma once

#include "core/account.hpp"
#include "server/config.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jne::server {

/// Each command returns the process's exit code.
int serve(const config& cfg);

struct new_account {
    std::string username;
    core::role role = core::role::merchant;
    std::vector<std::string> customer_numbers;
    std::vector<std::string> branches;
    core::request_rate rate;  ///< none: unlimited
    core::service_year service_codes = core::service_year::jne2023;
};
int accounts_add(const config& cfg, const new_account& a);
int accounts_list(const config& cfg);
int accounts_rotate_key(const config& cfg, const std::string& username);
/// Disables an account (its requests refused, its key kept) or enables it again.
int accounts_set_enabled(const config& cfg, const std::string& username, bool enabled);
/// Changes an account's own request rate ("100/s"; "none" lifts it) and the tariff year of its
/// service codes, each when given.
struct account_settings {
    std::optional<core::request_rate> rate;
    std::optional<core::service_year> service_codes;
};
int accounts_set(const config& cfg, const std::string& username, const account_settings& s);

/// Records scan events as the network would post them: `inputs`, or the JSON array in `file`.
struct event_args {
    std::string file;
    std::string event_id, airwaybill, code, time, place, receiver, note;
};
int events_add(const config& cfg, const event_args& args);

/// webhooks add|list|remove|rotate-secret|deliveries|replay (server/webhook_commands.cpp).
struct webhook_args {
    std::string username;
    std::string url;
    std::vector<std::string> statuses;
    std::int64_t id = 0;
    std::string airwaybill;
    bool failed_only = false;
    std::string since;  ///< replay: a time as events take it
    std::size_t limit = 50;
};
int webhooks_add(const config& cfg, const webhook_args& args);
int webhooks_list(const config& cfg);
int webhooks_remove(const config& cfg, std::int64_t id);
int webhooks_rotate_secret(const config& cfg, std::int64_t id);
int webhooks_deliveries(const config& cfg, const webhook_args& args);
int webhooks_replay(const config& cfg, const webhook_args& args);

int catalogue_import(const config& cfg, const std::string& kind, const std::string& file);
int catalogue_export(const config& cfg, const std::string& kind, const std::string& file);

}  // namespace jne::server
