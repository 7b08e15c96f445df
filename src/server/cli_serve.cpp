// serve: its options, and the values they need turned into the server's configuration.
#include "server/command_line.hpp"
#include "server/commands.hpp"

#include <chrono>

namespace jne::server {

namespace {

struct serve_group final : command_group {
    std::size_t body_kib = 0, header_kib = 0;
    long timeout_ms = 0, deadline_ms = 0, grace_ms = 10'000;
    CLI::App* serve_cmd = nullptr;
    CLI::Option* per_address = nullptr;
    CLI::Option* per_username = nullptr;

    serve_group(CLI::App& app, config& cfg, chosen_command& run) {
        serve_cmd = app.add_subcommand("serve", "Serve the API over HTTP");
        serve_cmd->add_option("--port", cfg.port, "TCP port (0: any free port)")
            ->envname("JNE_PORT");
        serve_cmd->add_option("--address", cfg.address, "Address to listen on")
            ->envname("JNE_ADDRESS");
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
        body_kib = cfg.limits.body_bytes / 1024;
        serve_cmd->add_option("--max-body-kib", body_kib, "Largest request body accepted (KiB)");
        header_kib = cfg.limits.header_bytes / 1024;
        serve_cmd->add_option(
            "--max-header-kib", header_kib,
            "Largest request header accepted (KiB); larger ones are answered 400");
        timeout_ms = static_cast<long>(cfg.limits.read_timeout.count());
        serve_cmd->add_option("--read-timeout-ms", timeout_ms,
                              "Idle or slow connections are closed after this");
        deadline_ms = static_cast<long>(cfg.limits.request_deadline.count());
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
                    cfg.caches = cache::budgets::sharing(megabytes << 20);
                },
                "Memory the answer caches share, in MB (default 36: the server's own memory "
                "stays under 64 MB with the sandbox catalogue)")
            ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}));
        serve_cmd
            ->add_option("--shutdown-grace-ms", grace_ms,
                         "On SIGTERM, how long requests already read may take to be answered")
            ->check(CLI::Range(0L, 600'000L));

        per_address =
            rate_option(serve_cmd, "--auth-failures-per-address", cfg.throttle.failures_per_address,
                        "Failed logins a client address may make before it waits (default 20/min; "
                        "in sandbox mode "
                        "600/min)");
        rate_option(serve_cmd, "--public-rate", cfg.throttle.public_per_address,
                    "Requests a client address may make of the public page's /public/v1 routes "
                    "(default 300/min)");
        per_username = rate_option(serve_cmd, "--auth-failures-per-username",
                                   cfg.throttle.failures_per_username,
                                   "Failed logins on one username before the addresses that failed "
                                   "wait (default 10/min; in "
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
             {seconds_setting{
                  "--webhook-timeout", &hooks.answer_timeout,
                  "Seconds a webhook delivery may take, connecting included (default 10)", 0.05,
                  600.0},
              seconds_setting{"--webhook-connect-timeout", &hooks.connect_timeout,
                              "Seconds to connect to a webhook's URL (default 5)", 0.05, 600.0},
              seconds_setting{"--webhook-backoff", &hooks.backoff,
                              "Seconds before a failed delivery's first retry; doubles each time "
                              "(default 10)",
                              0.01, 86400.0},
              seconds_setting{
                  "--webhook-backoff-cap", &hooks.backoff_cap,
                  "Longest wait between a delivery's attempts, in seconds (default 3600)", 0.01,
                  604800.0}})
            serve_cmd
                ->add_option_function<double>(
                    s.flag,
                    [target = s.target](double seconds) {
                        *target =
                            std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
                    },
                    s.help)
                ->check(CLI::Range(s.lowest, s.highest));
        // TLS beside plain HTTP, as JNE serves its API over https too.
        serve_cmd
            ->add_option(
                "--tls-port", cfg.tls_port,
                "Also serve the API over TLS 1.2/1.3 on this port (JNE's sandbox uses 10202; "
                "0: any free port)")
            ->envname("JNE_TLS_PORT");
        serve_cmd
            ->add_option(
                "--tls-cert", cfg.tls.certificate,
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
                    cfg.proxies = http::trusted_proxies(list);
                } catch (const std::invalid_argument& e) {
                    throw CLI::ValidationError("--trusted-proxies", e.what());
                }
            },
            "Load balancers and proxies (addresses or networks: 10.0.0.0/8,192.168.1.5) whose "
            "X-Forwarded-For or Forwarded names the client; ignored from any other address");
        trusted->envname("JNE_TRUSTED_PROXIES");
        serve_cmd
            ->add_flag(
                "--proxy-protocol", cfg.proxy_protocol,
                "Connections from the trusted proxies begin with the PROXY protocol's header "
                "(v1 or v2, haproxy's send-proxy), which names the client")
            ->envname("JNE_PROXY_PROTOCOL")
            ->needs(trusted);
        serve_cmd
            ->add_option("--webhook-attempts", hooks.max_attempts,
                         "Attempts before a delivery is dead (default 20)")
            ->check(CLI::Range(1, 1000));
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

        serve_cmd->callback([this, &cfg, &run] {
            cfg.limits.body_bytes = body_kib * 1024;
            cfg.limits.header_bytes = header_kib * 1024;
            cfg.limits.read_timeout = std::chrono::milliseconds(timeout_ms);
            cfg.limits.request_deadline = std::chrono::milliseconds(deadline_ms);
            cfg.shutdown_grace = std::chrono::milliseconds(grace_ms);
            // A sandbox serves merchants' test suites, which send wrong keys on purpose: there a
            // username is never locked and an address only far beyond what a suite sends, unless
            // asked otherwise.
            if (cfg.sandbox) {
                if (per_username->count() == 0) cfg.throttle.failures_per_username = {};
                if (per_address->count() == 0) cfg.throttle.failures_per_address = {600, 60};
            }
            run = [&cfg] { return serve(cfg); };
        });
    }
};

}  // namespace

std::unique_ptr<command_group> serve_commands(CLI::App& app, config& cfg, chosen_command& run) {
    return std::make_unique<serve_group>(app, cfg, run);
}

CLI::Option* rate_option(CLI::App* cmd, const char* name, core::request_rate& target,
                         const std::string& what) {
    return cmd->add_option_function<std::string>(
        name,
        [&target, name](const std::string& text) {
            const auto parsed = core::parse_rate(text);
            if (!parsed)
                throw CLI::ValidationError(name, "a rate as 100/s, 20/min, 5000/h or none");
            target = *parsed;
        },
        what + " (as 100/s, 20/min, 5000/h; none: no limit)");
}

}  // namespace jne::server
