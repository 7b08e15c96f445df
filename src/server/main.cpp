// jne-server: wires configuration to commands; nothing else lives here.
#include "server/commands.hpp"
#include "server/logging.hpp"
#include "tooling/conventions.hpp"

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace {

// The installed server's admin commands (accounts, catalogue, events, webhooks) read the
// installed configuration, and so use the service's database, not a new ./jne.db. A build
// tree's program does not.
std::string installed_config() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path installed = "/etc/jne/jne-server.conf";
    return !ec && self == "/usr/bin/jne-server" && std::filesystem::exists(installed, ec)
               ? installed.string()
               : std::string();
}

}  // namespace

int main(int argc, char** argv) {
    using namespace jne::server;
    // A write past the file-size limit fails (and is answered 503) instead of killing the server.
    std::signal(SIGXFSZ, SIG_IGN);
    // Standard output closed by whoever read the listening line is no reason to die.
    std::signal(SIGPIPE, SIG_IGN);
    // The time zone named once, before any thread: without TZ, glibc reads /etc/localtime again
    // at every local time asked (cairo asks for each PDF of labels, on several threads), freeing
    // and copying the zone's name each time under a lock ThreadSanitizer cannot see. Named, it is
    // read once and only compared after.
    setenv("TZ", ":/etc/localtime", 0);  // the same zone as no TZ at all; one set wins
    tzset();
    config cfg;
    CLI::App app{"jne-server: JNE's merchant API, as a sandbox or a courier's production core",
                 "jne-server"};
    app.config_formatter(std::make_shared<jne::tooling::environment_first_config>());
    app.require_subcommand(1);
    // Global options (--db, --config, --log-format) may come before or after the subcommands.
    app.fallthrough();
    app.set_version_flag("--version", "jne-server " JNE_VERSION_STRING);
    app.set_config("--config", installed_config(),
                   "Config file (TOML; [serve] holds serve's options, as in "
                   "/etc/jne/jne-server.conf, which the installed program reads by default); "
                   "flags and JNE_* variables win over it");
    app.add_option("--db", cfg.database_url,
                   "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DB")
        ->envname("JNE_DB");

    auto* serve_cmd = app.add_subcommand("serve", "Serve the API over HTTP");
    serve_cmd->add_option("--port", cfg.port, "TCP port (0: any free port)")->envname("JNE_PORT");
    serve_cmd->add_option("--address", cfg.address, "Address to listen on")->envname("JNE_ADDRESS");
    serve_cmd
        ->add_flag("--sandbox", cfg.sandbox,
                   "Seed the sandbox catalogue and test account; price every route")
        ->envname("JNE_SANDBOX");
    serve_cmd
        ->add_option("--sandbox-speed", cfg.sandbox_speed,
                     "How much faster sandbox shipments travel (3600: an hour per second)")
        ->check(CLI::Range(0.001, 10'000'000.0));
    serve_cmd->add_option("--threads", cfg.threads, "Worker threads (default: one per core)")
        ->check(CLI::Range(1u, 256u));
    serve_cmd
        ->add_option("--read-threads", cfg.read_threads,
                     "Threads for tracking's database reads, off the worker threads (default: "
                     "one per core)")
        ->check(CLI::Range(1u, 256u));
    serve_cmd->add_flag("--quiet", cfg.quiet, "No access log");
    std::string log_format = "text";
    app.add_option("--log-format", log_format, "Log lines as text or as JSON objects")
        ->check(CLI::IsMember({"text", "json"}))
        ->envname("JNE_LOG_FORMAT");
    serve_cmd
        ->add_option("--metrics-address", cfg.metrics_address,
                     "Serve /metrics (and the probes) on HOST:PORT alone instead of the API's "
                     "port")
        ->envname("JNE_METRICS_ADDRESS");
    serve_cmd
        ->add_option("--public-url", cfg.public_url,
                     "Where customers reach this server's tracking page: labels' QR codes link "
                     "to URL/track/AWB (default: the address it listens on)")
        ->envname("JNE_PUBLIC_URL");
    serve_cmd->add_option("--sandbox-data", cfg.sandbox_data,
                          "Folder of the sandbox catalogue CSV files (default: the one "
                          "installed beside the program, ../share/jne/sandbox)");
    std::size_t body_kib = cfg.limits.body_bytes / 1024;
    serve_cmd->add_option("--max-body-kib", body_kib, "Largest request body accepted (KiB)");
    std::size_t header_kib = cfg.limits.header_bytes / 1024;
    serve_cmd->add_option("--max-header-kib", header_kib,
                          "Largest request header accepted (KiB); larger ones are answered 400");
    auto timeout_ms = static_cast<long>(cfg.limits.read_timeout.count());
    serve_cmd->add_option("--read-timeout-ms", timeout_ms,
                          "Idle or slow connections are closed after this");
    auto deadline_ms = static_cast<long>(cfg.limits.request_deadline.count());
    serve_cmd->add_option("--request-deadline-ms", deadline_ms,
                          "A connection whose answer is not written within this is closed");
    serve_cmd
        ->add_option("--max-connections", cfg.max_connections,
                     "Connections open at once; past it idle ones are closed (default: the "
                     "open-file limit less 64)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
    serve_cmd
        ->add_option_function<std::size_t>(
            "--cache-mb",
            [&cfg](std::size_t megabytes) {
                cfg.caches = jne::cache::budgets::sharing(megabytes << 20);
            },
            "Memory the answer caches share, in MB (default 24: the whole server stays under "
            "64 MB with the sandbox catalogue)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
    auto grace_ms = static_cast<long>(std::chrono::milliseconds(10'000).count());
    serve_cmd
        ->add_option("--shutdown-grace-ms", grace_ms,
                     "On SIGTERM, how long requests already read may take to be answered")
        ->check(CLI::Range(0L, 600'000L));

    // A rate as "20/min"; "none" turns the limit off.
    auto rate_option = [](CLI::App* cmd, const char* name, jne::core::request_rate& target,
                          const std::string& what) {
        return cmd->add_option_function<std::string>(
            name,
            [&target, name](const std::string& text) {
                const auto parsed = jne::core::parse_rate(text);
                if (!parsed)
                    throw CLI::ValidationError(name, "a rate as 100/s, 20/min, 5000/h or none");
                target = *parsed;
            },
            what + " (as 100/s, 20/min, 5000/h; none: no limit)");
    };
    auto* per_address = rate_option(
        serve_cmd, "--auth-failures-per-address", cfg.throttle.failures_per_address,
        "Failed logins a client address may make before it waits (default 20/min; in sandbox mode "
        "600/min)");
    rate_option(serve_cmd, "--public-rate", cfg.throttle.public_per_address,
                "Requests a client address may make of the public page's /public/v1 routes "
                "(default 300/min)");
    auto* per_username = rate_option(
        serve_cmd, "--auth-failures-per-username", cfg.throttle.failures_per_username,
        "Failed logins on one username before the addresses that failed wait (default 10/min; in "
        "sandbox mode none)");

    auto& hooks = cfg.webhooks;
    // The webhook sender's waits, in seconds on the command line.
    struct seconds_setting {
        const char* flag;
        std::chrono::milliseconds* target;
        const char* help;
        double lowest, highest;
    };
    for (const seconds_setting& s :
         {seconds_setting{"--webhook-timeout", &hooks.answer_timeout,
                          "Seconds a webhook delivery may take, connecting included (default 10)",
                          0.05, 600.0},
          seconds_setting{"--webhook-connect-timeout", &hooks.connect_timeout,
                          "Seconds to connect to a webhook's URL (default 5)", 0.05, 600.0},
          seconds_setting{"--webhook-backoff", &hooks.backoff,
                          "Seconds before a failed delivery's first retry; doubles each time "
                          "(default 10)",
                          0.01, 86400.0},
          seconds_setting{"--webhook-backoff-cap", &hooks.backoff_cap,
                          "Longest wait between a delivery's attempts, in seconds (default 3600)",
                          0.01, 604800.0}})
        serve_cmd
            ->add_option_function<double>(
                s.flag,
                [target = s.target](double seconds) {
                    *target = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
                },
                s.help)
            ->check(CLI::Range(s.lowest, s.highest));
    // TLS beside plain HTTP, as JNE serves its API over https too.
    serve_cmd
        ->add_option("--tls-port", cfg.tls_port,
                     "Also serve the API over TLS 1.2/1.3 on this port (JNE's sandbox uses 10202; "
                     "0: any free port)")
        ->envname("JNE_TLS_PORT");
    serve_cmd
        ->add_option("--tls-cert", cfg.tls.certificate,
                     "The certificate (PEM, its chain after it); SIGHUP reads it again. Without "
                     "--tls-cert and --tls-key a sandbox makes a self-signed one for localhost "
                     "beside its database")
        ->envname("JNE_TLS_CERT");
    serve_cmd->add_option("--tls-key", cfg.tls.key, "The certificate's private key (PEM)")
        ->envname("JNE_TLS_KEY");
    auto* trusted = serve_cmd->add_option_function<std::string>(
        "--trusted-proxies",
        [&cfg](const std::string& list) {
            try {
                cfg.proxies = jne::http::trusted_proxies(list);
            } catch (const std::invalid_argument& e) {
                throw CLI::ValidationError("--trusted-proxies", e.what());
            }
        },
        "Load balancers and proxies (addresses or networks: 10.0.0.0/8,192.168.1.5) whose "
        "X-Forwarded-For or Forwarded names the client; ignored from any other address");
    trusted->envname("JNE_TRUSTED_PROXIES");
    serve_cmd
        ->add_flag("--proxy-protocol", cfg.proxy_protocol,
                   "Connections from the trusted proxies begin with the PROXY protocol's header "
                   "(v1 or v2, haproxy's send-proxy), which names the client")
        ->envname("JNE_PROXY_PROTOCOL")
        ->needs(trusted);
    serve_cmd
        ->add_option("--webhook-attempts", hooks.max_attempts,
                     "Attempts before a delivery is dead (default 20)")
        ->check(CLI::Range(1, 1000));
    const char* allow_private_help =
        "Let webhook URLs reach loopback, private and link-local addresses (a receiver on this "
        "machine, such as `jne listen`); refused otherwise";
    serve_cmd->add_flag("--webhook-allow-private", hooks.allow_inward, allow_private_help)
        ->envname("JNE_WEBHOOK_ALLOW_PRIVATE");
    serve_cmd
        ->add_option("--webhook-concurrency", hooks.concurrency,
                     "Webhook deliveries in flight at once (default 16)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));
    serve_cmd
        ->add_option("--webhook-per-subscription", hooks.per_subscription,
                     "One webhook's deliveries in flight at once, in all processes together "
                     "(default 4): a slow receiver leaves the other slots to the others")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}));

    auto* accounts_cmd = app.add_subcommand("accounts", "Manage API accounts");
    accounts_cmd->require_subcommand(1);
    new_account added;
    std::string role = "merchant";
    auto* add_cmd =
        accounts_cmd->add_subcommand("add", "Create an account and print its API key once");
    add_cmd->add_option("username", added.username, "Username")->required();
    add_cmd->add_option("--role", role, "merchant or operator")
        ->check(CLI::IsMember({"merchant", "operator"}));
    add_cmd
        ->add_option("--customer", added.customer_numbers, "Customer numbers (cust_no) it ships as")
        ->delimiter(',');
    add_cmd->add_option("--branch", added.branches, "Branch codes it ships from")->delimiter(',');
    rate_option(add_cmd, "--rate", added.rate,
                "Requests the account may make in each server process (default: unlimited)");
    // JNE renames its service codes with each tariff year: REG19, REG23.
    auto service_codes_option = [](CLI::App* cmd, auto set) {
        return cmd->add_option_function<std::string>(
            "--service-codes",
            [set](const std::string& text) {
                const auto year = jne::core::parse_service_year(text);
                if (!year) throw CLI::ValidationError("--service-codes", "2019 or 2023");
                set(*year);
            },
            "The tariff year of the service codes pricedev answers it: 2019 (REG19) or 2023 "
            "(REG23)");
    };
    service_codes_option(add_cmd, [&added](jne::core::service_year y) { added.service_codes = y; })
        ->description(
            "The tariff year of its pricedev service codes: 2019 (REG19) or 2023 "
            "(REG23, the default: today's JNE)");
    auto* list_cmd = accounts_cmd->add_subcommand("list", "List accounts");
    std::string username;
    account_settings settings;
    jne::core::request_rate new_rate;
    auto* set_cmd = accounts_cmd->add_subcommand("set", "Change an account's settings");
    set_cmd->add_option("username", username, "Username")->required();
    auto* set_rate = rate_option(set_cmd, "--rate", new_rate,
                                 "Requests the account may make in each server process");
    auto* set_codes = service_codes_option(
        set_cmd, [&settings](jne::core::service_year y) { settings.service_codes = y; });
    set_cmd->callback([&] {
        if (set_rate->count() == 0 && set_codes->count() == 0)
            throw CLI::RequiredError("--rate or --service-codes");
        if (set_rate->count() > 0) settings.rate = new_rate;
    });
    auto* rotate_cmd = accounts_cmd->add_subcommand("rotate-key", "Give an account a new API key");
    rotate_cmd->add_option("username", username, "Username")->required();
    auto* disable_cmd =
        accounts_cmd->add_subcommand("disable", "Refuse an account's requests from now on");
    disable_cmd->add_option("username", username, "Username")->required();
    auto* enable_cmd =
        accounts_cmd->add_subcommand("enable", "Accept a disabled account's requests again");
    enable_cmd->add_option("username", username, "Username")->required();

    auto* events_cmd = app.add_subcommand("events", "Record scan events as the network does");
    events_cmd->require_subcommand(1);
    event_args event;
    auto* events_add_cmd =
        events_cmd->add_subcommand("add", "Record one event from flags, or a JSON array of them");
    events_add_cmd->add_option("--file", event.file,
                               "JSON array of events (as POST /ops/v1/events takes)");
    events_add_cmd->add_option("--awb", event.airwaybill, "Airwaybill");
    events_add_cmd->add_option("--code", event.code, "Status code (OP1, IP3, D01, …)");
    events_add_cmd->add_option("--place", event.place, "Where it happened");
    events_add_cmd->add_option("--time", event.time,
                               "When: ISO 8601 or DD-MM-YYYY HH:MM in WIB (default: now)");
    events_add_cmd->add_option("--receiver", event.receiver,
                               "Who received it (deliveries, returns)");
    events_add_cmd->add_option("--note", event.note, "Relation, or the reason of a failure");
    events_add_cmd->add_option("--event-id", event.event_id,
                               "Idempotency key (default: a new one)");

    auto* webhooks_cmd =
        app.add_subcommand("webhooks", "Manage merchants' webhooks and their deliveries");
    webhooks_cmd->require_subcommand(1);
    webhook_args hook;
    auto* hook_add_cmd = webhooks_cmd->add_subcommand(
        "add", "Push an account's status changes to a URL; prints the signing secret once");
    hook_add_cmd->add_option("username", hook.username, "The account whose shipments are pushed")
        ->required();
    hook_add_cmd->add_option("--url", hook.url, "Where to POST (http:// or https://)")->required();
    hook_add_cmd
        ->add_option("--status", hook.statuses,
                     "Statuses wanted, comma separated (default: all): SUCCESS PICKUP, FAILED "
                     "PICKUP, SHIPPED, DELIVERED, SHIPMENT PROBLEM, RETURN TO SHIPPER")
        ->delimiter(',');
    hook_add_cmd->add_flag("--webhook-allow-private", hooks.allow_inward, allow_private_help)
        ->envname("JNE_WEBHOOK_ALLOW_PRIVATE");
    auto* hook_list_cmd = webhooks_cmd->add_subcommand("list", "List webhooks (never secrets)");
    auto* hook_remove_cmd = webhooks_cmd->add_subcommand("remove", "Remove a webhook");
    hook_remove_cmd->add_option("id", hook.id, "Webhook id")->required();
    auto* hook_rotate_cmd =
        webhooks_cmd->add_subcommand("rotate-secret", "Give a webhook a new signing secret");
    hook_rotate_cmd->add_option("id", hook.id, "Webhook id")->required();
    auto* hook_deliveries_cmd = webhooks_cmd->add_subcommand(
        "deliveries", "Recent deliveries, newest first: status, attempts, last answer");
    hook_deliveries_cmd->add_option("--awb", hook.airwaybill, "Only this airwaybill's");
    hook_deliveries_cmd->add_flag("--failed", hook.failed_only,
                                  "Only dead ones and those waiting for a retry");
    hook_deliveries_cmd->add_option("--limit", hook.limit, "How many (default 50)");
    auto* hook_replay_cmd =
        webhooks_cmd->add_subcommand("replay", "Send deliveries again, from their first attempt");
    auto* replay_id = hook_replay_cmd->add_option("id", hook.id, "Delivery id");
    auto* replay_since = hook_replay_cmd->add_option(
        "--since", hook.since,
        "Every delivery created since this time (ISO 8601, or DD-MM-YYYY HH:MM in WIB)");
    replay_id->excludes(replay_since);
    hook_replay_cmd->require_option(1);

    auto* catalogue_cmd = app.add_subcommand("catalogue", "Import or export the catalogue as CSV");
    catalogue_cmd->require_subcommand(1);
    std::string kind, file;
    const auto kinds =
        CLI::IsMember({"locations", "origins", "branches", "services", "tariffs", "hubs"});
    auto* import_cmd = catalogue_cmd->add_subcommand(
        "import", "Replace one kind of the catalogue with a CSV file");
    import_cmd->add_option("kind", kind, "locations, origins, branches, services, tariffs or hubs")
        ->required()
        ->check(kinds);
    import_cmd->add_option("file", file, "CSV file with a header row")
        ->required()
        ->check(CLI::ExistingFile);
    auto* export_cmd =
        catalogue_cmd->add_subcommand("export", "Write one kind of the catalogue as CSV");
    export_cmd->add_option("kind", kind, "locations, origins, branches, services, tariffs or hubs")
        ->required()
        ->check(kinds);
    export_cmd->add_option("file", file, "CSV file to write, or - for standard output")->required();

    if (auto done = jne::tooling::parse(app, argc, argv)) return *done;
    cfg.log_format =
        log_format == "json" ? jne::http::log_format::json : jne::http::log_format::text;
    configure_logging(cfg.log_format);
    cfg.limits.body_bytes = body_kib * 1024;
    cfg.limits.header_bytes = header_kib * 1024;
    cfg.limits.read_timeout = std::chrono::milliseconds(timeout_ms);
    cfg.limits.request_deadline = std::chrono::milliseconds(deadline_ms);
    cfg.shutdown_grace = std::chrono::milliseconds(grace_ms);
    // A sandbox serves merchants' test suites, which send wrong keys on purpose: there a username
    // is never locked and an address only far beyond what a suite sends, unless asked otherwise.
    if (cfg.sandbox) {
        if (per_username->count() == 0) cfg.throttle.failures_per_username = {};
        if (per_address->count() == 0) cfg.throttle.failures_per_address = {600, 60};
    }
    added.role = role == "operator" ? jne::core::role::operator_ : jne::core::role::merchant;

    try {
        if (*serve_cmd) return serve(cfg);
        if (*add_cmd) return accounts_add(cfg, added);
        if (*list_cmd) return accounts_list(cfg);
        if (*rotate_cmd) return accounts_rotate_key(cfg, username);
        if (*disable_cmd) return accounts_set_enabled(cfg, username, false);
        if (*enable_cmd) return accounts_set_enabled(cfg, username, true);
        if (*set_cmd) return accounts_set(cfg, username, settings);
        if (*events_add_cmd) {
            if (event.file.empty() && (event.airwaybill.empty() || event.code.empty())) {
                std::cerr << "events add needs --file, or --awb and --code\n";
                return 2;
            }
            return events_add(cfg, event);
        }
        if (*hook_add_cmd) return webhooks_add(cfg, hook);
        if (*hook_list_cmd) return webhooks_list(cfg);
        if (*hook_remove_cmd) return webhooks_remove(cfg, hook.id);
        if (*hook_rotate_cmd) return webhooks_rotate_secret(cfg, hook.id);
        if (*hook_deliveries_cmd) return webhooks_deliveries(cfg, hook);
        if (*hook_replay_cmd) return webhooks_replay(cfg, hook);
        if (*import_cmd) return catalogue_import(cfg, kind, file);
        if (*export_cmd) return catalogue_export(cfg, kind, file);
    } catch (const std::exception& e) {
        std::cerr << "jne-server: " << e.what() << "\n";
        return 1;
    }
    return 2;
}
