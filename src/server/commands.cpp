#include "server/commands.hpp"

#include "csv/progress_bar.hpp"
#include "http/api_routes.hpp"
#include "http/server.hpp"
#include "server/database_url.hpp"
#include "service/catalogue_csv.hpp"
#include "service/periodic.hpp"
#include "service/sandbox_mover.hpp"
#include "service/sandbox_seed.hpp"
#include "service/tracking_service.hpp"
#include "webhook/admin.hpp"
#include "webhook/outbox.hpp"
#include "webhook/sender.hpp"
#include "wire/decode.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <sstream>
#include <thread>

namespace jne::server {

namespace {

// Polls the database so that what other processes change reaches this one:
// scan events and accounts within a tenth of a second, imports within a second.
std::function<bool()> refresh_from(service::catalogue_service& catalogue,
                                   service::account_service& accounts,
                                   service::tracking_service& tracking, webhook::outbox& hooks) {
    return [&catalogue, &accounts, &tracking, &hooks, tick = 0]() mutable {
        try {
            tracking.refresh();
            if (accounts.refresh()) spdlog::info("accounts reloaded");
            if (hooks.refresh()) spdlog::info("webhooks reloaded");
            if (++tick % 10 == 0 && catalogue.refresh())
                spdlog::info("catalogue reloaded (version {})", catalogue.current()->version());
        } catch (const std::exception& e) {
            spdlog::warn("cannot refresh the catalogue: {}", e.what());
        }
        return false;
    };
}

// The sandbox catalogue installed with the program: bin/../share/jne/sandbox.
std::filesystem::path installed_sandbox_data() {
    std::error_code ec;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "share/jne/sandbox";
    return program.parent_path().parent_path() / "share" / "jne" / "sandbox";
}

}  // namespace

int serve(const config& cfg) {
    auto db = open_database(cfg.database_url);
    service::account_service accounts(*db);
    if (cfg.sandbox) {
        const auto data = cfg.sandbox_data.empty() ? installed_sandbox_data() : cfg.sandbox_data;
        spdlog::info("sandbox: checking the catalogue in {} against {}", redacted(cfg.database_url),
                     data.string());
        service::seed_sandbox(*db, accounts, data);
    }
    service::catalogue_service catalogue(*db);
    accounts.reload();
    service::tariff_service tariffs(catalogue, cfg.sandbox);
    service::location_service locations(catalogue);
    service::write_queue writes(*db);
    service::shipment_service shipments(
        catalogue, tariffs, writes,
        cfg.sandbox ? std::optional<double>(cfg.sandbox_speed) : std::nullopt);
    service::tracking_service tracking(*db, writes);
    webhook::outbox hooks(*db);
    writes.listen(&hooks);
    webhook::sender deliveries(writes, cfg.webhooks);
    writes.on_commit([&tracking, &hooks, &deliveries] {
        tracking.refresh();
        if (hooks.take_enqueued()) deliveries.wake();
    });
    std::optional<service::sandbox_mover> mover;
    if (cfg.sandbox) mover.emplace(*db, writes, catalogue, cfg.sandbox_speed);

    http::router routes;
    webhook::admin webhook_admin(*db, *db, writes, webhook::system_ms);
    http::add_api_routes(
        routes, {accounts, catalogue, tariffs, locations, shipments, tracking, webhook_admin});
    http::server server(routes, cfg.limits, cfg.threads, !cfg.quiet);
    const unsigned short port = server.listen(cfg.address, cfg.port);
    service::periodic keep_fresh(std::chrono::milliseconds(100),
                                 refresh_from(catalogue, accounts, tracking, hooks));

    // The one line on standard output: tests and scripts read the port from it.
    std::printf("jne-server listening on http://%s:%u\n", cfg.address.c_str(), port);
    std::fflush(stdout);
    sd_notify(0, "READY=1");  // under systemd (Type=notify): now serving; elsewhere a no-op
    spdlog::info("serving {} with {} threads{}", redacted(cfg.database_url), cfg.threads,
                 cfg.sandbox ? " in sandbox mode" : "");
    server.run();
    sd_notify(0, "STOPPING=1");
    // Finish the writes under way while the loops they answer to still exist.
    mover.reset();
    deliveries.stop();
    writes.stop();
    spdlog::info("stopped");
    return 0;
}

int accounts_add(const config& cfg, const new_account& a) {
    auto db = open_database(cfg.database_url);
    service::account_service accounts(*db);
    core::account account{a.username, {}, a.role, a.customer_numbers, a.branches, false};
    auto key = accounts.add(std::move(account));
    if (!key) {
        std::cerr << key.error().reason << "\n";
        return 1;
    }
    std::cout << "username: " << a.username << "\napi_key:  " << *key
              << "\n(the key is shown once; only its hash is stored)\n";
    return 0;
}

int accounts_list(const config& cfg) {
    auto db = open_database(cfg.database_url);
    std::cout << fmt::format("{:<20} {:<9} {:<9} {:<30} {}\n", "USERNAME", "ROLE", "STATE",
                             "CUSTOMER NUMBERS", "BRANCHES");
    for (const core::account& a : db->accounts()) {
        std::cout << fmt::format("{:<20} {:<9} {:<9} {:<30} {}\n", a.username,
                                 core::role_name(a.role), a.disabled ? "disabled" : "active",
                                 fmt::format("{}", fmt::join(a.customer_numbers, ",")),
                                 fmt::format("{}", fmt::join(a.branches, ",")));
    }
    return 0;
}

int accounts_rotate_key(const config& cfg, const std::string& username) {
    auto db = open_database(cfg.database_url);
    service::account_service accounts(*db);
    auto key = accounts.rotate_key(username);
    if (!key) {
        std::cerr << key.error().reason << "\n";
        return 1;
    }
    std::cout << "username: " << username << "\napi_key:  " << *key
              << "\n(the old key no longer works)\n";
    return 0;
}

int accounts_disable(const config& cfg, const std::string& username) {
    auto db = open_database(cfg.database_url);
    service::account_service accounts(*db);
    auto done = accounts.disable(username);
    if (!done) {
        std::cerr << done.error().reason << "\n";
        return 1;
    }
    std::cout << "disabled " << username << "\n";
    return 0;
}

int events_add(const config& cfg, const event_args& args) {
    std::vector<api::event_input> inputs;
    if (!args.file.empty()) {
        std::ifstream in(args.file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        auto parsed = wire::decode_event_inputs(text.str());
        if (!in || !parsed) {
            std::cerr << "cannot read a JSON array of events from " << args.file << "\n";
            return 2;
        }
        inputs = std::move(*parsed);
    } else {
        const std::string time =
            args.time.empty() ? core::format_wib_short(service::system_now()) : args.time;
        const std::string id =
            args.event_id.empty() ? "cli-" + service::new_api_key() : args.event_id;
        inputs.push_back(
            {id, args.airwaybill, args.code, time, args.place, args.receiver, args.note});
    }
    auto db = open_database(cfg.database_url);
    service::write_queue writes(*db);
    webhook::outbox hooks(*db);  // a running server sends what these events enqueue
    writes.listen(&hooks);
    service::tracking_service tracking(*db, writes);
    core::account network{"jne-server events", {}, core::role::operator_, {}, {}, false};
    std::promise<api::result<api::event_batch_result>> outcome;
    tracking.record(network, std::move(inputs), [&](api::result<api::event_batch_result> r) {
        outcome.set_value(std::move(r));
    });
    auto result = outcome.get_future().get();
    if (!result) {
        std::cerr << result.error().reason << "\n";
        return 1;
    }
    for (const auto& o : result->outcomes)
        std::cout << o.event_id << ": " << o.status
                  << (o.reason.empty() ? "" : " (" + o.reason + ")") << "\n";
    return result->recorded ? 0 : 1;
}

int catalogue_import(const config& cfg, const std::string& kind_name, const std::string& file) {
    auto kind = service::parse_catalogue_kind(kind_name);
    if (!kind) {
        std::cerr << "unknown kind '" << kind_name
                  << "' (locations, origins, branches, services, tariffs, hubs)\n";
        return 2;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::cerr << "cannot read " << file << "\n";
        return 1;
    }
    std::error_code ec;
    const auto total = std::filesystem::file_size(file, ec);
    auto db = open_database(cfg.database_url);
    std::optional<csv::progress_bar> bar(std::in_place, ec ? 0 : total);
    auto progress = [&](std::uint64_t bytes, std::int64_t rows) {
        bar->show(bytes, fmt::format("{} rows", rows));
    };
    auto report = service::import_catalogue(*db, *kind, in, progress);
    bar.reset();
    if (!report) {
        std::cerr << "import failed, nothing changed: " << report.error().reason << "\n";
        return 1;
    }
    std::cout << fmt::format("{}: {} rows imported, {} skipped\n", kind_name, report->imported,
                             report->skipped);
    for (const auto& s : report->skipped_rows)
        std::cout << fmt::format("  line {}: skipped: {}\n", s.line, s.reason);
    if (report->skipped > static_cast<std::int64_t>(report->skipped_rows.size()))
        std::cout << fmt::format(
            "  … and {} more skipped rows\n",
            report->skipped - static_cast<std::int64_t>(report->skipped_rows.size()));
    return 0;
}

int catalogue_export(const config& cfg, const std::string& kind_name, const std::string& file) {
    auto kind = service::parse_catalogue_kind(kind_name);
    if (!kind) {
        std::cerr << "unknown kind '" << kind_name << "'\n";
        return 2;
    }
    auto db = open_database(cfg.database_url);
    if (file == "-") {
        service::export_catalogue(*db, *kind, std::cout);
        return 0;
    }
    std::ofstream out(file, std::ios::binary);
    if (!out) {
        std::cerr << "cannot write " << file << "\n";
        return 1;
    }
    service::export_catalogue(*db, *kind, out);
    return out ? 0 : 1;
}

}  // namespace jne::server
