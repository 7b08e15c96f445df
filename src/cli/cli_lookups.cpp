// tariff, track, locations search|origins: reading what the API knows.
#include "cli/batch.hpp"
#include "cli/command_line.hpp"
#include "cli/output.hpp"

#include "api/values.hpp"
#include "wire/decode.hpp"
#include "wire/form.hpp"
#include "wire/requests.hpp"
#include "wire/routes.hpp"

#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>

namespace jne::cli {

namespace {

// --dims 30x20x10: the three sides, or nothing when they are not three positive numbers.
std::optional<api::parcel_size> parse_dims(const std::string& v) {
    if (v.empty()) return std::nullopt;
    std::vector<api::centimetres> sides;
    std::stringstream in(v);
    for (std::string side; std::getline(in, side, 'x');) {
        const auto read = api::read_centimetres(side);
        if (!read) return std::nullopt;
        sides.push_back(*read);
    }
    if (sides.size() != 3 || v.back() == 'x') return std::nullopt;
    return api::parcel_size{sides[0], sides[1], sides[2]};
}

// --json: the server's answer as it is; refused unless it decodes as the route's success.
template <class Decode>
int print_raw(const client::result<client::response>& raw, Decode decode) {
    if (!raw) return report(raw.error());
    std::cout << raw->body << "\n";
    return raw->status == 200 && decode(raw->body) ? exit_ok : exit_refused;
}

struct lookup_group final : command_group {
    std::string from, thru, weight, dims, airwaybill, text;
    bool retail = false;

    lookup_group(CLI::App& app, const globals& g, chosen_command& run) {
        auto* tariff =
            app.add_subcommand("tariff", "Services, prices and delivery times on a route");
        tariff->add_option("from", from, "Origin code (CGK10000)")->required();
        tariff->add_option("thru", thru, "Destination code (BDO10000)")->required();
        tariff->add_option("weight", weight, "Weight in kg")
            ->required()
            ->check([](const std::string& v) {
                return api::read_kilograms(api::trim(v)).fault == api::decimal_fault::none
                           ? std::string()
                           : std::string("must be kilograms above zero, like 1 or 1.5");
            });
        tariff
            ->add_option("--dims", dims,
                         "The parcel's LENGTHxWIDTHxHEIGHT in cm (30x30x30): charged by the "
                         "larger of its weight and L×W×H/6000 kg (this server; JNE's ignores it)")
            ->check([](const std::string& v) {
                return parse_dims(v) ? std::string()
                                     : std::string("--dims reads LxWxH in cm, 30x20x10");
            });
        tariff->callback([this, &g, &run] { run = [this, &g] { return tariff_of(g); }; });

        auto* track = app.add_subcommand("track", "An airwaybill's status and history");
        track->add_option("airwaybill", airwaybill, "Airwaybill")->required();
        track->add_flag("--retail", retail, "Track by the retail (counter) path some clients use");
        track->callback([this, &g, &run] { run = [this, &g] { return track_of(g); }; });

        auto* locations = app.add_subcommand("locations", "Location codes");
        locations->require_subcommand(1);
        auto* search =
            locations->add_subcommand("search", "Destination codes by name, district or zip code");
        search->add_option("text", text, "What to look for")->required();
        auto* origins = locations->add_subcommand("origins", "Every origin code");
        search->callback([this, &g, &run] {
            run = [this, &g] { return places(client::client(g.server).search_destinations(text)); };
        });
        origins->callback(
            [&g, &run] { run = [&g] { return places(client::client(g.server).origins()); }; });
    }

    int tariff_of(const globals& g) const {
        client::client api(g.server);
        const api::tariff_request request{from, thru, api::read_kilograms(api::trim(weight)).weight,
                                          parse_dims(dims)};
        if (g.json) return print_raw(api.tariff_raw(request), &wire::decode_prices);
        auto prices = api.tariff(request);
        if (!prices) return report(prices.error());
        return print_prices(std::cout, std::cerr, *prices, weight, dims);
    }

    int track_of(const globals& g) const {
        client::client api(g.server);
        const auto via = retail ? client::client::tracking_path::retail
                                : client::client::tracking_path::documented;
        if (g.json) return print_raw(api.track_raw(airwaybill, via), &wire::decode_tracking);
        auto t = api.track(airwaybill, via);
        if (!t) return report(t.error());
        return print_tracking(std::cout, std::cerr, *t);
    }

    static int places(const client::result<api::place_list>& found) {
        if (!found) return report(found.error());
        return print_places(std::cout, std::cerr, *found);
    }
};

}  // namespace

std::unique_ptr<command_group> lookup_commands(CLI::App& app, const globals& g,
                                               chosen_command& run) {
    return std::make_unique<lookup_group>(app, g, run);
}

int report(const client::error& e) {
    std::cerr << "jne: ";
    if (e.what == client::error::kind::transport) std::cerr << "cannot reach the server: ";
    if (e.what == client::error::kind::http_status) std::cerr << "HTTP " << e.http_status << ": ";
    std::cerr << (e.failure.reason.empty() ? e.message : e.failure.reason) << "\n";
    return exit_code_of(e);
}

}  // namespace jne::cli
