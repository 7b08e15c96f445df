#include "server/commands.hpp"

#include "csv/progress_bar.hpp"
#include "http/api_routes.hpp"
#include "http/operations_routes.hpp"
#include "http/public_routes.hpp"
#include "http/server.hpp"
#include "metrics/metrics.hpp"
#include "runtime/incident.hpp"
#include "runtime/periodic.hpp"
#include "sandbox/mover.hpp"
#include "sandbox/seed.hpp"
#include "sandbox/tariff_model.hpp"
#include "server/database_url.hpp"
#include "service/catalogue_csv.hpp"
#include "service/event_recorder.hpp"
#include "service/tracking_service.hpp"
#include "webhook/admin.hpp"
#include "webhook/outbox.hpp"
#include "webhook/sender.hpp"
#include "wire/decode.hpp"
#include "wire/encode.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <sstream>
#include <thread>
#include <utility>

namespace jne::server {

namespace {

// Polls the database so that what other processes change reaches this one: scan events, accounts
// and webhooks by the next poll (every 100 ms), imports by the tenth.
// `polls` counts the polls done (/metrics: jne_refreshes_total): a change made before a poll
// began is in effect once that poll is counted.
std::function<bool()> refresh_from(service::catalogue_service& catalogue,
                                   service::account_service& accounts,
                                   service::tracking_service& tracking, webhook::outbox& hooks,
                                   runtime::throttle& guard, std::atomic<std::uint64_t>& polls) {
    auto refreshing = std::make_shared<runtime::incident>("refreshing from the database");
    return [&catalogue, &accounts, &tracking, &hooks, &guard, &polls, refreshing,
            tick = 0]() mutable {
        try {
            tracking.refresh();
            if (accounts.refresh()) spdlog::info("accounts reloaded");
            if (hooks.refresh()) spdlog::info("webhooks reloaded");
            if (++tick % 10 == 0) {
                guard.sweep();
                if (catalogue.refresh())
                    spdlog::info("catalogue reloaded (version {})", catalogue.current()->version());
            }
            refreshing->succeeded();
            polls.fetch_add(1, std::memory_order_relaxed);
        } catch (const std::exception& e) {
            refreshing->failed("a refresh of accounts, webhooks, tracking and the catalogue",
                               e.what());
        }
        return false;
    };
}

// The connections a server may hold: as asked, but never past the open-file limit less a reserve
// for the database, the logs and the webhook sender, so that the cap is reached before the limit
// (past it, accept fails and clients wait for idle connections to time out).
std::size_t connection_cap(std::size_t asked) {
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur == RLIM_INFINITY)
        return asked != 0 ? asked : 10'000;
    constexpr std::size_t reserve = 64;
    const std::size_t most =
        std::max<std::size_t>(16, files.rlim_cur > reserve ? files.rlim_cur - reserve : 0);
    if (asked == 0) return most;
    if (asked > most)
        spdlog::warn(
            "--max-connections {} is above the open-file limit ({}) less {} kept for "
            "files: serving at most {} (raise the limit: ulimit -n, LimitNOFILE)",
            asked, files.rlim_cur, reserve, most);
    return std::min(asked, most);
}

// Why this process cannot serve now, or nothing: /readyz's question.
std::optional<std::string> not_ready(store::database& db, service::catalogue_service& catalogue) {
    try {
        db.version();
    } catch (const std::exception& e) {
        return std::string("database: ") + e.what();
    }
    if (!db.writable_now())
        return std::string("database: refuses writes (read-only, full or failing disk)");
    if (catalogue.current()->catalogue().origins().empty())
        return std::string("catalogue: no origins loaded (import one, or serve --sandbox)");
    return std::nullopt;
}

// What the metrics read at each scrape: the database's waits, the webhook sender's counts, the
// outbox's backlog and subscriptions, and the label pool's jobs.
void watch(metrics::server_metrics& counts, store::database& db, webhook::sender& deliveries,
           const webhook::outbox& hooks, const service::label_service& labels) {
    counts.pull({"jne_label_jobs", "Label requests waiting for a drawing thread or being drawn",
                 false, [&labels] {
                     return std::vector<metrics::sample>{{{}, double(labels.jobs())}};
                 }});
    counts.pull({"jne_db_connection_waits_total",
                 "Times a database reader or writer found every connection busy and waited", true,
                 [&db] {
                     return std::vector<metrics::sample>{{{}, double(db.connection_waits())}};
                 }});
    counts.pull({"jne_webhook_deliveries_total", "Webhook delivery attempts, by outcome", true,
                 [&deliveries] {
                     const auto& c = deliveries.counts();
                     return std::vector<metrics::sample>{
                         {{{"outcome", "delivered"}}, double(c.delivered.load())},
                         {{{"outcome", "retried"}}, double(c.retried.load())},
                         {{{"outcome", "dead"}}, double(c.dead.load())}};
                 }});
    counts.pull(
        {"jne_webhook_pending", "Webhook deliveries waiting to be sent", false, [&db] {
             return std::vector<metrics::sample>{{{}, double(db.webhook_backlog().pending)}};
         }});
    counts.pull(
        {"jne_webhook_subscriptions", "Webhook subscriptions this process serves", false, [&hooks] {
             return std::vector<metrics::sample>{{{}, double(hooks.subscription_count())}};
         }});
    counts.pull({"jne_webhook_subscriptions_generation",
                 "The change of webhook subscriptions this process last loaded (grows with each)",
                 false, [&hooks] {
                     return std::vector<metrics::sample>{{{}, double(hooks.loaded_version())}};
                 }});
    counts.pull({"jne_webhook_oldest_pending_age_seconds",
                 "Age of the oldest webhook delivery waiting to be sent (0: none)", false, [&db] {
                     const auto oldest = db.webhook_backlog().oldest_created_ms;
                     const double age =
                         oldest == 0 ? 0.0 : double(webhook::system_ms() - oldest) / 1000.0;
                     return std::vector<metrics::sample>{{{}, age}};
                 }});
}

// /metrics (and the probes) on an address of their own, as --metrics-address asks: a private
// network's scraper reaches them; the API's clients do not.
class side_server {
public:
    side_server(const std::string& address, const http::operations& ops) {
        http::add_operations_routes(routes_, ops);
        const auto colon = address.rfind(':');
        if (colon == std::string::npos)
            throw std::runtime_error("--metrics-address takes HOST:PORT, not " + address);
        std::string host = address.substr(0, colon);
        if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
        http::server_options quiet;
        quiet.threads = 1;
        quiet.access_log = false;
        server_.emplace(routes_, quiet);
        const auto port = server_->listen(
            host, static_cast<unsigned short>(std::stoi(address.substr(colon + 1))));
        spdlog::info("metrics on http://{}:{}/metrics", host, port);
        thread_ = std::thread([this] { server_->run(); });
    }
    ~side_server() {
        server_->stop();
        thread_.join();
    }
    side_server(const side_server&) = delete;
    side_server& operator=(const side_server&) = delete;

private:
    http::router routes_;
    std::optional<http::server> server_;
    std::thread thread_;
};

// The sandbox catalogue installed with the program: bin/../share/jne/sandbox.
std::filesystem::path installed_sandbox_data() {
    std::error_code ec;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return "share/jne/sandbox";
    return program.parent_path().parent_path() / "share" / "jne" / "sandbox";
}

// Runs `work` and waits for it until `deadline`. Past it the process ends at once, as after a
// crash, which loses nothing acknowledged: what is unfinished was never answered, and SQLite's
// and PostgreSQL's commits are atomic.
void finish_within(std::chrono::steady_clock::time_point deadline, std::function<void()> work) {
    auto done = std::async(std::launch::async, std::move(work));
    if (done.wait_until(deadline) == std::future_status::ready) return done.get();
    spdlog::warn(
        "stopping with work under way (a write waiting on the database, say): the "
        "grace is over; nothing unfinished was answered");
    spdlog::default_logger()->flush();
    std::_Exit(0);
}

// The certificate and key TLS is served with: the ones given, or in a sandbox given none a
// self-signed pair for this machine, made on first start and kept beside the database
// (sqlite:/var/lib/jne/jne.db: /var/lib/jne/jne-tls.crt and .key).
http::tls_files tls_files_of(const config& cfg) {
    if (!cfg.tls.certificate.empty() || !cfg.tls.key.empty()) {
        if (cfg.tls.certificate.empty() || cfg.tls.key.empty())
            throw std::runtime_error("--tls-cert and --tls-key go together");
        return cfg.tls;
    }
    if (!cfg.sandbox)
        throw std::runtime_error(
            "--tls-port needs --tls-cert and --tls-key (only a sandbox makes its own)");
    const std::string_view sqlite = "sqlite:";
    const std::filesystem::path folder =
        cfg.database_url.starts_with(sqlite)
            ? std::filesystem::path(cfg.database_url.substr(sqlite.size())).parent_path()
            : std::filesystem::path();
    http::tls_files made{folder / "jne-tls.crt", folder / "jne-tls.key"};
    if (!std::filesystem::exists(made.certificate) || !std::filesystem::exists(made.key)) {
        http::write_self_signed(made, {"localhost", "127.0.0.1", "::1"});
        spdlog::info("TLS: made a self-signed certificate for localhost, 127.0.0.1 and ::1");
    }
    spdlog::info("TLS: certificate {} (SHA-256 {}); clients trust it with --cacert {}",
                 made.certificate.string(), http::sha256_fingerprint(made.certificate),
                 made.certificate.string());
    return made;
}

// Runs its work when the scope ends, however it ends, or earlier with now().
class at_scope_end {
public:
    explicit at_scope_end(std::function<void()> work) : work_(std::move(work)) {}
    at_scope_end(const at_scope_end&) = delete;
    at_scope_end& operator=(const at_scope_end&) = delete;
    ~at_scope_end() { now(); }
    void now() {
        if (auto work = std::exchange(work_, {})) work();
    }

private:
    std::function<void()> work_;
};

}  // namespace

int serve(const config& cfg) {
    // Where the caches count their use for /metrics: made first, it outlives them all.
    cache::usage_registry cache_usage;
    cache::budgets caches = cfg.caches;
    caches.counted_in = &cache_usage;
    auto db = open_database(cfg.database_url);
    service::account_service accounts(*db);
    const bool writable = db->writable_now();
    if (!writable)
        spdlog::warn(
            "database {} cannot be written: creates answer 503 and /readyz says so until "
            "it can (checked every second){}",
            redacted(cfg.database_url), cfg.sandbox ? "; the sandbox is not seeded" : "");
    if (cfg.sandbox && writable) {
        const auto data = cfg.sandbox_data.empty() ? installed_sandbox_data() : cfg.sandbox_data;
        spdlog::info("sandbox: checking the catalogue in {} against {}", redacted(cfg.database_url),
                     data.string());
        sandbox::seed(*db, *db, accounts, data);
    }
    service::catalogue_service catalogue(*db, caches);
    accounts.reload();
    // The database's incidents: its reads and group commits, logged as one story.
    runtime::incident database("the database");
    service::tariff_service tariffs(catalogue, database,
                                    cfg.sandbox ? &sandbox::model_rates : nullptr);
    service::location_service locations(catalogue);
    // Before the workers that report to them: those outlive neither.
    metrics::server_metrics counts(&cache_usage);
    std::atomic<std::uint64_t> polls{0};
    runtime::write_queue writes(*db, database);
    service::shipment_service shipments(
        catalogue, tariffs, writes,
        cfg.sandbox ? std::optional<double>(cfg.sandbox_speed) : std::nullopt);
    service::tracking_service tracking(*db, database,
                                       {wire::encode_tracking, wire::tracking_format}, caches);
    service::event_recorder events(writes);
    runtime::read_pool reads(cfg.read_threads);
    service::label_service labels(tracking, cfg.public_url);
    webhook::outbox hooks(*db);
    writes.listen(&hooks);
    webhook::sender deliveries(writes, cfg.webhooks);
    writes.on_commit([&tracking, &hooks, &deliveries](const store::write_batch& batch) {
        tracking.committed(batch.changed_tracking());
        if (hooks.take_enqueued()) deliveries.wake();
    });
    std::optional<sandbox::mover> mover;
    if (cfg.sandbox) mover.emplace(*db, writes, catalogue, cfg.sandbox_speed);
    // The workers stop in this order however serve ends, a port in use included: a batch
    // committing while what it reports to is destroyed would crash.
    at_scope_end workers([&] {
        mover.reset();
        reads.stop();
        labels.stop();
        deliveries.stop();
        writes.stop();
    });

    webhook::admin webhook_admin(accounts, *db, writes, webhook::system_ms,
                                 cfg.webhooks.allow_inward);

    writes.on_batch(
        [&counts](std::size_t n, auto took, store::batch_end end) { counts.batch(n, took, end); });
    watch(counts, *db, deliveries, hooks, labels);
    const http::operations ops{[&]() { return not_ready(*db, catalogue); },
                               [&counts] { return counts.scrape(); }};

    runtime::throttle guard(cfg.throttle);
    http::router routes;
    http::add_api_routes(routes, {accounts, catalogue, tariffs, locations, shipments, tracking,
                                  events, reads, labels, webhook_admin, guard, &counts, caches});
    const web::site page;
    const service::public_service public_desk(tracking, tariffs, catalogue);
    http::add_public_routes(routes, {page, public_desk, guard});
    // /metrics on the API's port unless --metrics-address names its own (then there alone).
    http::add_operations_routes(
        routes, cfg.metrics_address.empty() ? ops : http::operations{ops.not_ready, {}});
    const std::size_t cap = connection_cap(cfg.max_connections);
    http::server server(
        routes, {cfg.limits, cfg.threads, !cfg.quiet, cfg.log_format, &counts, cfg.shutdown_grace,
                 cap, caches.gzip, caches.counted("gzip"), cfg.proxies, cfg.proxy_protocol});
    const unsigned short port = server.listen(cfg.address, cfg.port);
    std::optional<unsigned short> tls_port;
    if (cfg.tls_port) tls_port = server.listen_tls(cfg.address, *cfg.tls_port, tls_files_of(cfg));
    // Labels' QR codes link to the tracking page: --public-url, or this server as it listens.
    if (cfg.public_url.empty())
        labels.link_to(fmt::format(
            "http://{}:{}",
            cfg.address == "0.0.0.0" || cfg.address == "::" ? "localhost" : cfg.address, port));
    std::optional<side_server> metrics_side;
    if (!cfg.metrics_address.empty()) metrics_side.emplace(cfg.metrics_address, ops);
    counts.pull({"jne_refreshes_total",
                 "Polls of the database for what other processes changed (one every 100 ms)", true,
                 [&polls] {
                     return std::vector<metrics::sample>{{{}, double(polls.load())}};
                 }});
    runtime::periodic keep_fresh(std::chrono::milliseconds(100),
                                 refresh_from(catalogue, accounts, tracking, hooks, guard, polls));
    runtime::periodic store_answers(std::chrono::milliseconds(20),
                                    [&tracking] { return tracking.store_answers(); });
    counts.pull({"jne_tracking_answers_total",
                 "Tracking answers made from a shipment and its events, by what became of them: "
                 "stored in the database for every process, or dropped (made again when asked)",
                 true, [&tracking] {
                     const auto& a = tracking.answers();
                     return std::vector<metrics::sample>{
                         {{{"outcome", "stored"}}, double(a.stored.load())},
                         {{{"outcome", "dropped"}}, double(a.dropped.load())}};
                 }});

    // The one line on standard output: tests and scripts read the port from it.
    std::printf("jne-server listening on http://%s:%u\n", cfg.address.c_str(), port);
    if (tls_port)
        std::printf("jne-server listening on https://%s:%u\n", cfg.address.c_str(), *tls_port);
    std::fflush(stdout);
    sd_notify(0, "READY=1");  // under systemd (Type=notify): now serving; elsewhere a no-op
    spdlog::info("serving {} on {} serving and {} read threads, at most {} connections{}",
                 redacted(cfg.database_url), cfg.threads, cfg.read_threads, cap,
                 cfg.sandbox ? ", in sandbox mode" : "");
    server.run();
    sd_notify(0, "STOPPING=1");
    // Finish the writes under way while the loops they answer to still exist, within what is left
    // of the grace: a batch waiting on a lock another process holds does not keep the process.
    finish_within(server.grace_ends(), [&] {
        metrics_side.reset();
        workers.now();
    });
    spdlog::info("stopped");
    return 0;
}

int accounts_add(const config& cfg, const new_account& a) {
    auto db = open_database(cfg.database_url);
    service::account_service accounts(*db);
    core::account account{a.username, {},    a.role, a.customer_numbers,
                          a.branches, false, a.rate, a.service_codes};
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
    std::cout << fmt::format("{:<20} {:<9} {:<9} {:<10} {:<6} {:<30} {}\n", "USERNAME", "ROLE",
                             "STATE", "RATE", "CODES", "CUSTOMER NUMBERS", "BRANCHES");
    for (const core::account& a : db->accounts()) {
        std::cout << fmt::format("{:<20} {:<9} {:<9} {:<10} {:<6} {:<30} {}\n", a.username,
                                 core::role_name(a.role), a.disabled ? "disabled" : "active",
                                 core::format_rate(a.rate),
                                 core::service_year_name(a.service_codes),
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

namespace {
// An account command: one call to the account service, then its line, or its refusal (exit 1).
template <class Change>
int change_account(const config& cfg, Change change, const std::string& said) {
    auto db = open_database(cfg.database_url);
    service::account_service accounts(*db);
    auto done = change(accounts);
    if (!done) {
        std::cerr << done.error().reason << "\n";
        return 1;
    }
    std::cout << said << "\n";
    return 0;
}
}  // namespace

int accounts_set_enabled(const config& cfg, const std::string& username, bool enabled) {
    return change_account(
        cfg, [&](service::account_service& a) { return a.set_enabled(username, enabled); },
        (enabled ? "enabled " : "disabled ") + username);
}

int accounts_set(const config& cfg, const std::string& username, const account_settings& s) {
    int status = 0;
    if (s.rate)
        status |= change_account(
            cfg, [&](service::account_service& a) { return a.set_rate(username, *s.rate); },
            username + ": rate " + core::format_rate(*s.rate));
    if (s.service_codes && status == 0)
        status |= change_account(
            cfg,
            [&](service::account_service& a) {
                return a.set_service_codes(username, *s.service_codes);
            },
            username + ": service codes of " +
                std::string(core::service_year_name(*s.service_codes)));
    return status;
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
    runtime::incident database("the database");
    runtime::write_queue writes(*db, database);
    webhook::outbox hooks(*db);  // a running server sends what these events enqueue
    writes.listen(&hooks);
    service::event_recorder recorder(writes);
    core::account network{"jne-server events", {}, core::role::operator_, {}, {}, false, {}};
    std::promise<api::result<api::event_batch_result>> outcome;
    recorder.record(network, std::move(inputs), [&](api::result<api::event_batch_result> r) {
        outcome.set_value(std::move(r));
    });
    auto result = outcome.get_future().get();
    if (!result) {
        std::cerr << result.error().reason << "\n";
        return 1;
    }
    for (const auto& o : result->outcomes)
        std::cout << o.event_id << ": " << wire::event_status_name(o.status)
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
        bar->show(bytes, static_cast<std::uint64_t>(rows), fmt::format("{} rows", rows));
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
