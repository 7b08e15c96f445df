// webhooks add|list|remove|rotate-secret|deliveries|replay.
#include "server/command_line.hpp"
#include "server/commands.hpp"

namespace jne::server {

namespace {

struct webhook_group final : command_group {
    webhook_args hook;

    webhook_group(CLI::App& app, config& cfg, chosen_command& run) {
        auto* webhooks_cmd =
            app.add_subcommand("webhooks", "Manage merchants' webhooks and their deliveries");
        webhooks_cmd->require_subcommand(1);
        auto* hook_add_cmd = webhooks_cmd->add_subcommand(
            "add", "Push an account's status changes to a URL; prints the signing secret once");
        hook_add_cmd
            ->add_option("username", hook.username, "The account whose shipments are pushed")
            ->required();
        hook_add_cmd->add_option("--url", hook.url, "Where to POST (http:// or https://)")
            ->required();
        hook_add_cmd
            ->add_option("--status", hook.statuses,
                         "Statuses wanted, comma separated (default: all): SUCCESS PICKUP, FAILED "
                         "PICKUP, SHIPPED, DELIVERED, SHIPMENT PROBLEM, RETURN TO SHIPPER")
            ->delimiter(',');
        hook_add_cmd
            ->add_flag("--webhook-allow-private", cfg.webhooks.allow_inward, allow_private_help)
            ->envname("JNE_WEBHOOK_ALLOW_PRIVATE");
        auto* hook_list_cmd = webhooks_cmd->add_subcommand("list", "List webhooks (never secrets)");
        auto* hook_remove_cmd = webhooks_cmd->add_subcommand("remove", "Remove a webhook");
        hook_remove_cmd->add_option("id", hook.id, "Webhook id")->required();
        auto* hook_rotate_cmd =
            webhooks_cmd->add_subcommand("rotate-secret", "Give a webhook a new signing secret");
        hook_rotate_cmd->add_option("id", hook.id, "Webhook id")->required();
        auto* hook_deliveries_cmd = webhooks_cmd->add_subcommand(
            "deliveries", "Recent deliveries, newest first: status, attempts, last answer");
        hook_deliveries_cmd->add_option("--awb", hook.airwaybill, "Only this airwaybill's");
        hook_deliveries_cmd->add_flag("--failed", hook.failed_only,
                                      "Only dead ones and those waiting for a retry");
        hook_deliveries_cmd->add_option("--limit", hook.limit, "How many (default 50)");
        auto* hook_replay_cmd = webhooks_cmd->add_subcommand(
            "replay", "Send deliveries again, from their first attempt");
        auto* replay_id = hook_replay_cmd->add_option("id", hook.id, "Delivery id");
        auto* replay_since = hook_replay_cmd->add_option(
            "--since", hook.since,
            "Every delivery created since this time (ISO 8601, or DD-MM-YYYY HH:MM in WIB)");
        replay_id->excludes(replay_since);
        hook_replay_cmd->require_option(1);

        const auto on = [this, &cfg, &run](CLI::App* cmd,
                                           int (*command)(const config&, const webhook_args&)) {
            cmd->callback([this, &cfg, &run, command] {
                run = [this, &cfg, command] { return command(cfg, hook); };
            });
        };
        on(hook_add_cmd, webhooks_add);
        on(hook_deliveries_cmd, webhooks_deliveries);
        on(hook_replay_cmd, webhooks_replay);
        hook_list_cmd->callback([&cfg, &run] { run = [&cfg] { return webhooks_list(cfg); }; });
        hook_remove_cmd->callback(
            [this, &cfg, &run] { run = [this, &cfg] { return webhooks_remove(cfg, hook.id); }; });
        hook_rotate_cmd->callback([this, &cfg, &run] {
            run = [this, &cfg] { return webhooks_rotate_secret(cfg, hook.id); };
        });
    }
};

}  // namespace

std::unique_ptr<command_group> webhook_commands(CLI::App& app, config& cfg, chosen_command& run) {
    return std::make_unique<webhook_group>(app, cfg, run);
}

}  // namespace jne::server
