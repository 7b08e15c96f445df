// catalogue import|export: one kind of the catalogue as CSV.
#include "server/command_line.hpp"
#include "server/commands.hpp"

namespace jne::server {

namespace {

struct catalogue_group final : command_group {
    std::string kind, file;

    catalogue_group(CLI::App& app, config& cfg, chosen_command& run) {
        auto* catalogue_cmd =
            app.add_subcommand("catalogue", "Import or export the catalogue as CSV");
        catalogue_cmd->require_subcommand(1);
        const auto kinds =
            CLI::IsMember({"locations", "origins", "branches", "services", "tariffs", "hubs"});
        auto* import_cmd = catalogue_cmd->add_subcommand(
            "import", "Replace one kind of the catalogue with a CSV file");
        import_cmd
            ->add_option("kind", kind, "locations, origins, branches, services, tariffs or hubs")
            ->required()
            ->check(kinds);
        import_cmd->add_option("file", file, "CSV file with a header row")
            ->required()
            ->check(CLI::ExistingFile);
        auto* export_cmd =
            catalogue_cmd->add_subcommand("export", "Write one kind of the catalogue as CSV");
        export_cmd
            ->add_option("kind", kind, "locations, origins, branches, services, tariffs or hubs")
            ->required()
            ->check(kinds);
        export_cmd->add_option("file", file, "CSV file to write, or - for standard output")
            ->required();

        import_cmd->callback([this, &cfg, &run] {
            run = [this, &cfg] { return catalogue_import(cfg, kind, file); };
        });
        export_cmd->callback([this, &cfg, &run] {
            run = [this, &cfg] { return catalogue_export(cfg, kind, file); };
        });
    }
};

}  // namespace

std::unique_ptr<command_group> catalogue_commands(CLI::App& app, config& cfg, chosen_command& run) {
    return std::make_unique<catalogue_group>(app, cfg, run);
}

}  // namespace jne::server
