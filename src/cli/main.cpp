// jne: JNE's merchant API from a shell, over jne::client.
#include "cli/batch.hpp"
#include "cli/listen.hpp"
#include "cli/output.hpp"
#include "client/client.hpp"
#include "tooling/conventions.hpp"
#include "wire/form.hpp"
#include "wire/requests.hpp"
#include "wire/routes.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <tuple>

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

int report(const client::error& e) {
    std::cerr << "jne: ";
    if (e.what == client::error::kind::transport) std::cerr << "cannot reach the server: ";
    if (e.what == client::error::kind::http_status) std::cerr << "HTTP " << e.http_status << ": ";
    std::cerr << (e.failure.reason.empty() ? e.message : e.failure.reason) << "\n";
    return cli::exit_code_of(e);
}

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

// --dims 30x20x10: the three sides as sent, or nothing when they are not three numbers.
std::optional<std::tuple<std::string, std::string, std::string>> parse_dims(const std::string& v) {
    if (v.empty()) return std::nullopt;
    std::vector<std::string> sides;
    std::stringstream in(v);
    for (std::string side; std::getline(in, side, 'x');) sides.push_back(side);
    if (sides.size() != 3 || v.back() == 'x' ||
        !std::all_of(sides.begin(), sides.end(), [](const std::string& s) {
            return !s.empty() && s.find_first_not_of("0123456789.") == std::string::npos;
        }))
        return std::nullopt;
    return std::tuple{sides[0], sides[1], sides[2]};
}

// jne label: the file the server drew, written where asked.
int write_labels(client::client& api, const std::vector<std::string>& numbers, std::string output,
                 std::string format, const std::string& size) {
    api::label_request request;
    request.numbers = numbers;
    if (format.empty() && output.size() > 4)  // -o x.png: the name says the format
        format = output.substr(output.size() - 3);
    request.format = wire::parse_label_format(format).value_or(api::label_format::pdf);
    request.size = wire::parse_label_size(size).value_or(api::label_size::thermal_100x150);
    auto file = api.label(request);
    if (!file) return report(file.error());
    if (file->bytes.empty()) {
        std::cerr << "jne: the server answered an empty label\n";
        return cli::exit_unreachable;
    }
    if (output == "-") {
        std::cout.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
        return std::cout ? cli::exit_ok : cli::exit_usage;
    }
    if (output.empty())
        output = numbers.front() + "." + std::string(api::extension(request.format));
    std::ofstream out(output, std::ios::binary);
    out.write(file->bytes.data(), static_cast<std::streamsize>(file->bytes.size()));
    out.close();
    if (!out) {
        std::cerr << "jne: cannot write " << output << "\n";
        return cli::exit_usage;
    }
    std::cout << fmt::format("{}: {} label{}, {} bytes\n", output, numbers.size(),
                             numbers.size() == 1 ? "" : "s", file->bytes.size());
    return cli::exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
    client::options opts;
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
    app.add_option("--base-url", opts.base_url, "Server (env JNE_BASE_URL; default JNE's)")
        ->envname("JNE_BASE_URL");
    app.add_option("--cacert", opts.ca_file,
                   "Certificates (PEM) to trust for an https base URL instead of the system's, "
                   "such as a sandbox's self-signed one (env JNE_CACERT)")
        ->envname("JNE_CACERT")
        ->check(CLI::ExistingFile);
    app.add_option("--username", opts.username, "Username (env JNE_USERNAME)")
        ->envname("JNE_USERNAME");
    app.add_option("--api-key", opts.api_key, "API key (env JNE_API_KEY)")->envname("JNE_API_KEY");
    bool json = false;
    app.add_flag("--json", json, "Print the server's answer as it is");
    app.footer(
        "Exit codes: 0 done, 1 JNE refused it, 2 usage, 3 server unreachable or failing, 4 some "
        "rows of a batch "
        "failed.");

    std::string from, thru, weight, text, airwaybill, by = "jne", reason, json_file, csv_file,
                                                      results_file;
    std::vector<std::string> assignments;

    auto* tariff = app.add_subcommand("tariff", "Services, prices and delivery times on a route");
    tariff->add_option("from", from, "Origin code (CGK10000)")->required();
    tariff->add_option("thru", thru, "Destination code (BDO10000)")->required();
    tariff->add_option("weight", weight, "Weight in kg")->required();
    std::string dims;
    tariff
        ->add_option("--dims", dims,
                     "The parcel's LENGTHxWIDTHxHEIGHT in cm (30x30x30): charged by the larger of "
                     "its weight and L×W×H/6000 kg (this server; JNE's ignores it)")
        ->check([](const std::string& v) {
            return parse_dims(v) ? std::string()
                                 : std::string("--dims reads LxWxH in cm, 30x20x10");
        });

    auto* track = app.add_subcommand("track", "An airwaybill's status and history");
    track->add_option("airwaybill", airwaybill, "Airwaybill")->required();
    bool retail = false;
    track->add_flag("--retail", retail, "Track by the retail (counter) path some clients use");

    std::vector<std::string> label_numbers;
    std::string label_output, label_format, label_size = "100x150";
    auto* label = app.add_subcommand("label", "Shipping labels: PDF, PNG or ZPL, with barcodes");
    label
        ->add_option("airwaybill", label_numbers,
                     "Airwaybills (or your order ids); several "
                     "give one PDF with a page each")
        ->required();
    label->add_option("-o,--output", label_output,
                      "File to write (default AWB.pdf; '-': standard output); its extension "
                      "picks the format unless --format says");
    label->add_option("--format", label_format, "pdf (default), png or zpl")
        ->check(CLI::IsMember({"pdf", "png", "zpl"}, CLI::ignore_case));
    label->add_option("--size", label_size, "100x150 (mm, thermal; default) or a6")
        ->check(CLI::IsMember({"100x150", "a6"}, CLI::ignore_case));

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
    }

    auto* cancel = app.add_subcommand("cancel", "Cancel a shipment before it is picked up");
    cancel->add_option("airwaybill", airwaybill, "Airwaybill")->required();
    cancel->add_option("--by", by, "Who cancels");
    cancel->add_option("--reason", reason, "Why")->required();

    auto* locations = app.add_subcommand("locations", "Location codes");
    locations->require_subcommand(1);
    auto* search =
        locations->add_subcommand("search", "Destination codes by name, district or zip code");
    search->add_option("text", text, "What to look for")->required();
    auto* origins = locations->add_subcommand("origins", "Every origin code");

    cli::listen_options listening;
    auto* listen = app.add_subcommand(
        "listen", "Receive webhook deliveries here: print each, check its signature, forward it");
    listen->add_option("--port", listening.port, "Port to listen on (0: any free one)");
    listen->add_option("--address", listening.address, "Address to listen on");
    listen
        ->add_option("--secret", listening.secret,
                     "The webhook's signing secret (env JNE_WEBHOOK_SECRET): bad signatures "
                     "are refused with 401")
        ->envname("JNE_WEBHOOK_SECRET");
    listen->add_option("--forward", listening.forward,
                       "Forward each delivery to this URL (your local endpoint)");

    if (auto done = tooling::parse(app, argc, argv)) return *done;
    warn_if_key_is_readable(config_file->as<std::string>());
    if (*listen) return cli::listen(listening);
    client::client api(opts);

    if (*tariff) {
        api::tariff_request request{from, thru, weight, {}, {}, {}};
        if (const auto sides = parse_dims(dims))
            std::tie(request.length, request.width, request.height) = *sides;
        if (json) {
            auto raw = api.post(std::string(wire::paths::pricedev), wire::fields_of(request));
            if (!raw) return report(raw.error());
            std::cout << raw->body << "\n";
            return raw->body.starts_with("{\"price\"") ? cli::exit_ok : cli::exit_refused;
        }
        auto prices = api.tariff(request);
        if (!prices) return report(prices.error());
        return cli::print_prices(std::cout, std::cerr, *prices, weight, dims);
    }
    if (*track) {
        if (json) {
            const auto prefix =
                retail ? wire::paths::cnote_retail_prefix : wire::paths::cnote_prefix;
            auto raw = api.post(std::string(prefix) + wire::url_encode(airwaybill), {});
            if (!raw) return report(raw.error());
            std::cout << raw->body << "\n";
            return raw->body.starts_with("{\"cnote\"") ? cli::exit_ok : cli::exit_refused;
        }
        auto t = api.track(airwaybill, retail ? client::client::tracking_path::retail
                                              : client::client::tracking_path::documented);
        if (!t) return report(t.error());
        return cli::print_tracking(std::cout, std::cerr, *t);
    }
    if (*label) return write_labels(api, label_numbers, label_output, label_format, label_size);
    if (*ship || *pickup) {
        const bool is_pickup = pickup->parsed();
        if (!csv_file.empty())
            return cli::run_batch(api, is_pickup, csv_file,
                                  results_file.empty() ? csv_file + ".results.csv" : results_file);
        auto fields = gather_fields(json_file, assignments);
        if (!fields) return cli::exit_usage;
        auto created = is_pickup ? api.pickup(wire::pickup_from_fields(*fields))
                                 : api.generatecnote(wire::generatecnote_from_fields(*fields));
        if (!created) return report(created.error());
        return cli::print_created(std::cout, std::cerr, *created);
    }
    if (*cancel) {
        auto done = api.cancel(airwaybill, by, reason);
        if (!done) return report(done.error());
        return cli::print_cancelled(std::cout, std::cerr, *done);
    }
    if (*search || *origins) {
        auto places = *search ? api.search_destinations(text) : api.origins();
        if (!places) return report(places.error());
        return cli::print_places(std::cout, std::cerr, *places);
    }
    return cli::exit_usage;
}
