// ship, pickup, cancel: creating shipments and pickups, one or a CSV of them, and cancelling.
#include "cli/batch.hpp"
#include "cli/command_line.hpp"
#include "cli/output.hpp"
#include "wire/requests.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace jne::cli {

namespace {

// Fields from a flat JSON object file, then NAME=VALUE flags over them.
std::optional<wire::field_list> gather_fields(const std::string& json_file,
                                              const std::vector<std::string>& assignments) {
    wire::field_list fields;
    if (!json_file.empty()) {
        std::ifstream in(json_file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        boost::json::error_code ec;
        auto doc = boost::json::parse(text.str(), ec);
        if (!in || ec || !doc.is_object()) {
            std::cerr << "jne: " << json_file << " is not a JSON object of fields\n";
            return std::nullopt;
        }
        for (const auto& [k, v] : doc.get_object())
            fields.emplace_back(std::string(k), v.is_string() ? std::string(v.get_string())
                                                              : boost::json::serialize(v));
    }
    for (const std::string& a : assignments) {
        auto eq = a.find('=');
        if (eq == std::string::npos) {
            std::cerr << "jne: --field takes NAME=VALUE, not " << a << "\n";
            return std::nullopt;
        }
        fields.emplace_back(a.substr(0, eq), a.substr(eq + 1));
    }
    return fields;
}

struct shipment_group final : command_group {
    std::string json_file, csv_file, results_file, airwaybill, by = "jne", reason;
    std::vector<std::string> assignments;

    shipment_group(CLI::App& app, const globals& g, chosen_command& run) {
        auto* ship = app.add_subcommand(
            "ship", "Create shipments (generatecnote): one from fields, or many from a CSV");
        auto* pickup = app.add_subcommand(
            "pickup", "Order pickups or drop-offs (pickupcashless): one, or many from a CSV");
        for (auto* create : {ship, pickup}) {
            create->add_option("--file", json_file,
                               "JSON object of fields by their wire names (OLSHOP_ORDERID, …)");
            create->add_option("--field", assignments, "NAME=VALUE, over the file's fields");
            create->add_option("--csv", csv_file,
                               "CSV file, header of wire names, one shipment per row");
            create->add_option("--results", results_file,
                               "Where the batch's results go (default: FILE.results.csv)");
            const bool is_pickup = create == pickup;
            create->callback([this, &g, &run, is_pickup] {
                run = [this, &g, is_pickup] { return create_of(g, is_pickup); };
            });
        }

        auto* cancel = app.add_subcommand("cancel", "Cancel a shipment before it is picked up");
        cancel->add_option("airwaybill", airwaybill, "Airwaybill")->required();
        cancel->add_option("--by", by, "Who cancels");
        cancel->add_option("--reason", reason, "Why")->required();
        cancel->callback([this, &g, &run] {
            run = [this, &g] {
                auto done = client::client(g.server).cancel(airwaybill, by, reason);
                if (!done) return report(done.error());
                return print_cancelled(std::cout, std::cerr, *done);
            };
        });
    }

    int create_of(const globals& g, bool is_pickup) const {
        client::client api(g.server);
        if (!csv_file.empty())
            return run_batch(api, is_pickup, csv_file,
                             results_file.empty() ? csv_file + ".results.csv" : results_file);
        auto fields = gather_fields(json_file, assignments);
        if (!fields) return exit_usage;
        auto created = create_from_fields(api, is_pickup, *fields);
        if (!created) return report(created.error());
        return print_created(std::cout, std::cerr, *created);
    }
};

}  // namespace

std::unique_ptr<command_group> shipment_commands(CLI::App& app, const globals& g,
                                                 chosen_command& run) {
    return std::make_unique<shipment_group>(app, g, run);
}

}  // namespace jne::cli
