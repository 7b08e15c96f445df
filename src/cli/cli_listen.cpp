// listen: a webhook receiver on this machine.
#include "cli/command_line.hpp"
#include "cli/listen.hpp"

namespace jne::cli {

namespace {

struct listen_group final : command_group {
    listen_options listening;

    listen_group(CLI::App& app, chosen_command& run) {
        auto* listen = app.add_subcommand(
            "listen",
            "Receive webhook deliveries here: print each, check its signature, forward it");
        listen->add_option("--port", listening.port, "Port to listen on (0: any free one)");
        listen->add_option("--address", listening.address, "Address to listen on");
        listen
            ->add_option("--secret", listening.secret,
                         "The webhook's signing secret (env JNE_WEBHOOK_SECRET): bad signatures "
                         "are refused with 401")
            ->envname("JNE_WEBHOOK_SECRET");
        listen->add_option("--forward", listening.forward,
                           "Forward each delivery to this URL (your local endpoint)");

        listen->callback([this, &run] { run = [this] { return cli::listen(listening); }; });
    }
};

}  // namespace

std::unique_ptr<command_group> listen_commands(CLI::App& app, chosen_command& run) {
    return std::make_unique<listen_group>(app, run);
}

}  // namespace jne::cli
