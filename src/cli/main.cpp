// jne: JNE's merchant API from a shell, over jne::client.
#include "cli/batch.hpp"
#include "cli/command_line.hpp"
#include "tooling/conventions.hpp"

#include <sys/stat.h>

#include <fstream>
#include <iostream>

using namespace jne;

namespace {

// An API key in a file others can read is a key others can use.
void warn_if_key_is_readable(const std::string& path) {
    struct stat info {};
    if (path.empty() || stat(path.c_str(), &info) != 0 || (info.st_mode & 0077) == 0) return;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (line.find("api-key") != std::string::npos) {
            std::cerr << "jne: warning: " << path
                      << " holds an API key and others can read it; chmod 600 " << path << "\n";
            return;
        }
}

}  // namespace

int main(int argc, char** argv) {
    cli::globals g;
    CLI::App app{"jne: JNE's merchant API from the command line (JNE's server or a jne-server)",
                 "jne"};
    app.require_subcommand(1);
    // Global options may come before or after the subcommand; a setting comes from the command
    // line, else the environment, else the config file.
    app.fallthrough();
    app.config_formatter(std::make_shared<tooling::environment_first_config>());
    app.set_version_flag("--version", "jne " JNE_VERSION_STRING);
    auto* config_file = app.set_config(
        "--config", tooling::user_config_path("config.toml"),
        "Config file (TOML: base-url, username, api-key; default $XDG_CONFIG_HOME/jne/config.toml "
        "or ~/.config/jne/config.toml)",
        false);
    app.add_option("--base-url", g.server.base_url, "Server (env JNE_BASE_URL; default JNE's)")
        ->envname("JNE_BASE_URL");
    app.add_option("--cacert", g.server.ca_file,
                   "Certificates (PEM) to trust for an https base URL instead of the system's, "
                   "such as a sandbox's self-signed one (env JNE_CACERT)")
        ->envname("JNE_CACERT")
        ->check(CLI::ExistingFile);
    app.add_option("--username", g.server.username, "Username (env JNE_USERNAME)")
        ->envname("JNE_USERNAME");
    app.add_option("--api-key", g.server.api_key, "API key (env JNE_API_KEY)")
        ->envname("JNE_API_KEY");
    app.add_flag("--json", g.json, "Print the server's answer as it is");
    app.footer(
        "Exit codes: 0 done, 1 JNE refused it, 2 usage, 3 server unreachable or failing, 4 some "
        "rows of a batch "
        "failed.");

    cli::chosen_command run;
    const std::unique_ptr<cli::command_group> groups[] = {
        cli::lookup_commands(app, g, run), cli::shipment_commands(app, g, run),
        cli::label_commands(app, g, run), cli::listen_commands(app, run)};
    if (auto done = tooling::parse(app, argc, argv)) return *done;
    warn_if_key_is_readable(config_file->as<std::string>());
    return run ? run() : cli::exit_usage;
}
