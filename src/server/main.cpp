// jne-server: wires configuration to commands; nothing else lives here.
#include "server/command_line.hpp"
#include "server/logging.hpp"
#include "tooling/conventions.hpp"

#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace {

// What the process sets before anything else: signals that must not end it, and its time zone.
void prepare_process() {
    // A write past the file-size limit fails (and is answered 503) instead of killing the server.
    std::signal(SIGXFSZ, SIG_IGN);
    // Standard output closed by whoever read the listening line is no reason to die.
    std::signal(SIGPIPE, SIG_IGN);
    // The time zone named once, before any thread: without TZ, glibc reads /etc/localtime again
    // at every local time asked (cairo asks for each PDF of labels, on several threads), freeing
    // and copying the zone's name each time under a lock ThreadSanitizer cannot see. Named, it is
    // read once and only compared after.
    setenv("TZ", ":/etc/localtime", 0);  // the same zone as no TZ at all; one set wins
    tzset();
}

// The installed server's admin commands (accounts, catalogue, events, webhooks) read the
// installed configuration, and so use the service's database, not a new ./jne.db. A build
// tree's program does not.
std::string installed_config() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path installed = "/etc/jne/jne-server.conf";
    return !ec && self == "/usr/bin/jne-server" && std::filesystem::exists(installed, ec)
               ? installed.string()
               : std::string();
}

}  // namespace

int main(int argc, char** argv) {
    using namespace jne::server;
    prepare_process();
    config cfg;
    CLI::App app{"jne-server: JNE's merchant API, as a sandbox or a courier's production core",
                 "jne-server"};
    app.config_formatter(std::make_shared<jne::tooling::environment_first_config>());
    app.require_subcommand(1);
    // Global options (--db, --config, --log-format) may come before or after the subcommands.
    app.fallthrough();
    app.set_version_flag("--version", "jne-server " JNE_VERSION_STRING);
    app.set_config("--config", installed_config(),
                   "Config file (TOML; [serve] holds serve's options, as in "
                   "/etc/jne/jne-server.conf, which the installed program reads by default); "
                   "flags and JNE_* variables win over it");
    app.add_option("--db", cfg.database_url,
                   "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB")
        ->envname("JNE_DB");
    std::string log_format = "text";
    app.add_option("--log-format", log_format, "Log lines as text or as JSON objects")
        ->check(CLI::IsMember({"text", "json"}))
        ->envname("JNE_LOG_FORMAT");
    chosen_command run;
    const std::unique_ptr<command_group> groups[] = {
        serve_commands(app, cfg, run), account_commands(app, cfg, run),
        event_commands(app, cfg, run), webhook_commands(app, cfg, run),
        catalogue_commands(app, cfg, run)};
    if (auto done = jne::tooling::parse(app, argc, argv)) return *done;
    cfg.log_format =
        log_format == "json" ? jne::http::log_format::json : jne::http::log_format::text;
    configure_logging(cfg.log_format);
    try {
        return run ? run() : 2;
    } catch (const std::exception& e) {
        std::cerr << "jne-server: " << e.what() << "\n";
        return 1;
    }
}
