// jne: JNE's API from a shell.
#include "client/client.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

namespace {

// Exit codes scripts can rely on.
enum exit_code { ok = 0, api_error = 1, usage = 2, transport = 3 };

int report(const jne::client::error& e) {
    std::cerr << "jne: " << (e.what == jne::client::error::kind::transport ? "cannot reach the server: " : "")
              << e.message
              << (e.failure.reason.empty() || e.failure.reason == e.message ? "" : " (" + e.failure.reason + ")")
              << "\n";
    return e.what == jne::client::error::kind::transport ? transport : api_error;
}

std::string env_or(const char* name, std::string fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

}  // namespace

int main(int argc, char** argv) {
    jne::client::options opts;
    opts.base_url = env_or("JNE_BASE_URL", opts.base_url);
    opts.username = env_or("JNE_USERNAME", "");
    opts.api_key = env_or("JNE_API_KEY", "");

    CLI::App app{"jne: JNE's merchant API from the command line"};
    app.require_subcommand(1);
    app.add_option("--base-url", opts.base_url, "Server (env JNE_BASE_URL)");
    app.add_option("--username", opts.username, "Username (env JNE_USERNAME)");
    app.add_option("--api-key", opts.api_key, "API key (env JNE_API_KEY)");
    bool json = false;
    app.add_flag("--json", json, "Print the server's answer as it is");

    std::string from, thru, weight, text;
    auto* tariff = app.add_subcommand("tariff", "Services, prices and delivery times on a route");
    tariff->add_option("from", from, "Origin code")->required();
    tariff->add_option("thru", thru, "Destination code")->required();
    tariff->add_option("weight", weight, "Weight in kg")->required();
    auto* locations = app.add_subcommand("locations", "Location codes");
    locations->require_subcommand(1);
    auto* search = locations->add_subcommand("search", "Find destination codes by name or zip code");
    search->add_option("text", text, "Name, district, subdistrict or zip")->required();

    CLI11_PARSE(app, argc, argv);
    jne::client::client api(opts);

    if (*tariff) {
        auto prices = api.tariff(from, thru, weight);
        if (!prices) return report(prices.error());
        std::cout << fmt::format("{:<10} {:<10} {:>12} {:>8}\n", "SERVICE", "CODE", "PRICE (IDR)", "ETD");
        for (const auto& p : *prices) {
            std::string etd = p.etd_from ? fmt::format("{}-{} D", *p.etd_from, p.etd_thru.value_or(*p.etd_from)) : "-";
            std::cout << fmt::format("{:<10} {:<10} {:>12} {:>8}\n", p.service_display, p.service_code, p.amount, etd);
        }
        return ok;
    }
    if (*search) {
        auto places = api.search_destinations(text);
        if (!places) return report(places.error());
        for (const auto& p : *places) std::cout << fmt::format("{}  {}\n", p.code, p.name);
        return ok;
    }
    return usage;
}
