#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace jne::tooling {

/// The exit code of a usage error, in both programs.
inline constexpr int usage_error = 2;

/// A TOML config file beneath the environment: a setting whose variable JNE_<NAME> is set
/// (`api-key` → JNE_API_KEY) is left to the variable, so a setting comes from the command
/// line, else the environment, else the file.
class environment_first_config : public CLI::ConfigTOML {
public:
    std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;
    /// The variable that overrides a setting of the file.
    static std::string variable_for(const std::string& setting);
};

/// Parses the command line: nothing when the program goes on; else the exit code, having
/// printed help or the version (0), or a usage error as one line with a hint (2).
std::optional<int> parse(CLI::App& app, int argc, char** argv);

/// Where a user's config lives: $XDG_CONFIG_HOME/jne/NAME, else ~/.config/jne/NAME.
std::string user_config_path(const std::string& name);

}  // namespace jne::tooling
