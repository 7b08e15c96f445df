#include "tooling/conventions.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace jne::tooling {

std::string environment_first_config::variable_for(const std::string& setting) {
    std::string name = "JNE_";
    for (char c : setting)
        name += c == '-' || c == '.'
                    ? '_'
                    : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

std::vector<CLI::ConfigItem> environment_first_config::from_config(std::istream& input) const {
    auto read = CLI::ConfigTOML::from_config(input);
    std::erase_if(read, [](const CLI::ConfigItem& item) {
        const char* set = std::getenv(variable_for(item.name).c_str());
        return set != nullptr && *set != '\0';
    });
    return read;
}

namespace {

// A key of a config file that no option takes is a mistake (a typo, a setting of another
// version), in every section.
void refuse_config_extras(CLI::App& app) {
    app.allow_config_extras(CLI::config_extras_mode::error);
    for (CLI::App* sub : app.get_subcommands({})) refuse_config_extras(*sub);
}

}  // namespace

std::optional<int> parse(CLI::App& app, int argc, char** argv) {
    refuse_config_extras(app);
    try {
        app.parse(argc, argv);
        return std::nullopt;
    } catch (const CLI::Success& e) {
        return app.exit(e);  // --help, --version
    } catch (const CLI::ConfigError& e) {
        // CLI11 names the key ("INI was not able to parse serve.prot"); the reader also needs
        // the file.
        const CLI::Option* file = app.get_config_ptr();
        std::string what = e.what();
        constexpr std::string_view unparsed = "INI was not able to parse ";
        if (what.starts_with(unparsed)) what = "no such setting: " + what.substr(unparsed.size());
        std::cerr << app.get_name() << ": " << what << " (in "
                  << (file != nullptr && file->count() > 0 ? file->as<std::string>()
                                                           : std::string("the config file"))
                  << ")\n";
        return usage_error;
    } catch (const CLI::ParseError& e) {
        std::string what = e.what();
        std::replace(what.begin(), what.end(), '\n', ' ');
        std::cerr << app.get_name() << ": " << what << " (see " << app.get_name() << " --help)\n";
        return usage_error;
    }
}

std::string user_config_path(const std::string& name) {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg != nullptr && *xdg == '/') return std::string(xdg) + "/jne/" + name;
    const char* home = std::getenv("HOME");
    return std::string(home != nullptr ? home : ".") + "/.config/jne/" + name;
}

}  // namespace jne::tooling
