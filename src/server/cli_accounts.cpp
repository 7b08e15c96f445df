// accounts add|list|set|rotate-key|disable|enable.
#include "server/command_line.hpp"
#include "server/commands.hpp"

namespace jne::server {

namespace {

struct account_group final : command_group {
    new_account added;
    std::string role = "merchant";
    std::string username;
    account_settings settings;
    core::request_rate new_rate;

    account_group(CLI::App& app, config& cfg, chosen_command& run) {
        auto* accounts_cmd = app.add_subcommand("accounts", "Manage API accounts");
        accounts_cmd->require_subcommand(1);
        auto* add_cmd =
            accounts_cmd->add_subcommand("add", "Create an account and print its API key once");
        add_cmd->add_option("username", added.username, "Username")->required();
        add_cmd->add_option("--role", role, "merchant or operator")
            ->check(CLI::IsMember({"merchant", "operator"}));
        add_cmd
            ->add_option("--customer", added.customer_numbers,
                         "Customer numbers (cust_no) it ships as")
            ->delimiter(',');
        add_cmd->add_option("--branch", added.branches, "Branch codes it ships from")
            ->delimiter(',');
        rate_option(add_cmd, "--rate", added.rate,
                    "Requests the account may make in each server process (default: unlimited)");
        // JNE renames its service codes with each tariff year: REG19, REG23.
        auto service_codes_option = [](CLI::App* cmd, auto set) {
            return cmd->add_option_function<std::string>(
                "--service-codes",
                [set](const std::string& text) {
                    const auto year = core::parse_service_year(text);
                    if (!year) throw CLI::ValidationError("--service-codes", "2019 or 2023");
                    set(*year);
                },
                "The tariff year of the service codes pricedev answers it: 2019 (REG19) or 2023 "
                "(REG23)");
        };
        service_codes_option(add_cmd, [this](core::service_year y) { added.service_codes = y; })
            ->description(
                "The tariff year of its pricedev service codes: 2019 (REG19) or 2023 "
                "(REG23, the default: today's JNE)");
        auto* list_cmd = accounts_cmd->add_subcommand("list", "List accounts");
        auto* set_cmd = accounts_cmd->add_subcommand("set", "Change an account's settings");
        set_cmd->add_option("username", username, "Username")->required();
        auto* set_rate = rate_option(set_cmd, "--rate", new_rate,
                                     "Requests the account may make in each server process");
        auto* set_codes = service_codes_option(
            set_cmd, [this](core::service_year y) { settings.service_codes = y; });
        set_cmd->callback([this, &cfg, &run, set_rate, set_codes] {
            if (set_rate->count() == 0 && set_codes->count() == 0)
                throw CLI::RequiredError("--rate or --service-codes");
            if (set_rate->count() > 0) settings.rate = new_rate;
            run = [this, &cfg] { return accounts_set(cfg, username, settings); };
        });
        auto* rotate_cmd =
            accounts_cmd->add_subcommand("rotate-key", "Give an account a new API key");
        rotate_cmd->add_option("username", username, "Username")->required();
        auto* disable_cmd =
            accounts_cmd->add_subcommand("disable", "Refuse an account's requests from now on");
        disable_cmd->add_option("username", username, "Username")->required();
        auto* enable_cmd =
            accounts_cmd->add_subcommand("enable", "Accept a disabled account's requests again");
        enable_cmd->add_option("username", username, "Username")->required();

        add_cmd->callback([this, &cfg, &run] {
            added.role = role == "operator" ? core::role::operator_ : core::role::merchant;
            run = [this, &cfg] { return accounts_add(cfg, added); };
        });
        list_cmd->callback([&cfg, &run] { run = [&cfg] { return accounts_list(cfg); }; });
        rotate_cmd->callback([this, &cfg, &run] {
            run = [this, &cfg] { return accounts_rotate_key(cfg, username); };
        });
        disable_cmd->callback([this, &cfg, &run] {
            run = [this, &cfg] { return accounts_set_enabled(cfg, username, false); };
        });
        enable_cmd->callback([this, &cfg, &run] {
            run = [this, &cfg] { return accounts_set_enabled(cfg, username, true); };
        });
    }
};

}  // namespace

std::unique_ptr<command_group> account_commands(CLI::App& app, config& cfg, chosen_command& run) {
    return std::make_unique<account_group>(app, cfg, run);
}

}  // namespace jne::server
