// jne-server webhooks …: subscriptions, the deliveries' record, replays. Each opens the
// database as any other process would; a running server sees the change within a second.
#include "server/commands.hpp"
#include "server/database_url.hpp"
#include "webhook/outbox.hpp"

#include <fmt/format.h>
#include <boost/url/parse.hpp>

#include <iostream>

namespace jne::server {

namespace {

// One change in one transaction, as the services write.
template <class F>
auto change(store::database& db, F&& f) {
    auto batch = db.begin_writes();
    auto result = f(batch->webhooks());
    batch->commit();
    return result;
}

std::string statuses_text(const std::vector<std::string>& statuses) {
    return statuses.empty() ? "all" : fmt::format("{}", fmt::join(statuses, ","));
}

std::string_view state_name(store::delivery_state s) {
    return s == store::delivery_state::delivered ? "delivered"
           : s == store::delivery_state::dead    ? "dead"
                                                 : "pending";
}

std::string wib(std::int64_t ms) { return core::format_wib_seconds(ms / 1000); }

}  // namespace

int webhooks_add(const config& cfg, const webhook_args& args) {
    const auto url = boost::urls::parse_absolute_uri(args.url);
    if (!url || (url->scheme() != "http" && url->scheme() != "https") || url->host().empty()) {
        std::cerr << "the URL must be absolute, http:// or https://: " << args.url << "\n";
        return 2;
    }
    for (const std::string& s : args.statuses)
        if (!webhook::is_status_v2(s)) {
            std::cerr << "unknown status '" << s
                      << "' (SUCCESS PICKUP, FAILED PICKUP, SHIPPED, DELIVERED, SHIPMENT "
                         "PROBLEM, RETURN TO SHIPPER)\n";
            return 2;
        }
    auto db = open_database(cfg.database_url);
    const auto accounts = db->accounts();
    if (std::none_of(accounts.begin(), accounts.end(),
                     [&](const core::account& a) { return a.username == args.username; })) {
        std::cerr << "no account named " << args.username << "\n";
        return 1;
    }
    store::webhook_subscription s{0,
                                  args.username,
                                  args.url,
                                  args.statuses,
                                  webhook::new_secret(),
                                  webhook::system_ms() / 1000};
    s.id = change(*db, [&](store::webhook_writes& w) { return w.subscribe(s); });
    std::cout << "id:       " << s.id << "\nusername: " << s.account << "\nurl:      " << s.url
              << "\nstatuses: " << statuses_text(s.statuses)
              << "\n(the secret below is shown once: every delivery is signed with it)\n"
              << s.secret << "\n";
    return 0;
}

int webhooks_list(const config& cfg) {
    auto db = open_database(cfg.database_url);
    std::cout << fmt::format("{:<6} {:<20} {:<40} {}\n", "ID", "USERNAME", "STATUSES", "URL");
    for (const auto& s : db->webhook_subscriptions())
        std::cout << fmt::format("{:<6} {:<20} {:<40} {}\n", s.id, s.account,
                                 statuses_text(s.statuses), s.url);
    return 0;
}

int webhooks_remove(const config& cfg, std::int64_t id) {
    auto db = open_database(cfg.database_url);
    if (!change(*db, [&](store::webhook_writes& w) { return w.unsubscribe(id); })) {
        std::cerr << "no webhook with id " << id << "\n";
        return 1;
    }
    std::cout << "removed webhook " << id << " (its undelivered events are dead)\n";
    return 0;
}

int webhooks_rotate_secret(const config& cfg, std::int64_t id) {
    auto db = open_database(cfg.database_url);
    const std::string secret = webhook::new_secret();
    if (!change(*db, [&](store::webhook_writes& w) { return w.set_webhook_secret(id, secret); })) {
        std::cerr << "no webhook with id " << id << "\n";
        return 1;
    }
    std::cout << "id: " << id << "\n(the old secret no longer signs; the new one is shown once)\n"
              << secret << "\n";
    return 0;
}

int webhooks_deliveries(const config& cfg, const webhook_args& args) {
    auto db = open_database(cfg.database_url);
    store::delivery_filter f{args.airwaybill, args.failed_only, args.limit};
    std::cout << fmt::format("{:<7} {:<16} {:<18} {:<9} {:>8} {:>5} {:<19} {}\n", "ID",
                             "AIRWAYBILL", "STATUS", "STATE", "ATTEMPTS", "CODE", "UPDATED (WIB)",
                             "LAST ANSWER");
    for (const auto& d : db->webhook_deliveries(f)) {
        std::string answer = d.last_answer.substr(0, 60);
        for (char& c : answer)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        std::cout << fmt::format("{:<7} {:<16} {:<18} {:<9} {:>8} {:>5} {:<19} {}\n", d.id,
                                 d.airwaybill, d.status, state_name(d.state), d.attempts,
                                 d.last_code == 0 ? std::string("-") : std::to_string(d.last_code),
                                 wib(d.updated_ms), answer);
    }
    return 0;
}

int webhooks_replay(const config& cfg, const webhook_args& args) {
    std::int64_t since_ms = 0;
    if (args.id == 0) {
        const auto since = core::parse_time(args.since);
        if (!since) {
            std::cerr << "--since takes a time as 2026-11-28T10:00:00+07:00 or 28-11-2026 10:00\n";
            return 2;
        }
        since_ms = *since * 1000;
    }
    auto db = open_database(cfg.database_url);
    const auto id = args.id != 0 ? std::optional<std::int64_t>(args.id) : std::nullopt;
    const std::size_t n = change(*db, [&](store::webhook_writes& w) {
        return w.replay(id, since_ms, webhook::system_ms());
    });
    if (id && n == 0) {
        std::cerr << "no delivery with id " << *id << "\n";
        return 1;
    }
    std::cout << "replaying " << n << (n == 1 ? " delivery" : " deliveries")
              << " (a running server sends them within a second)\n";
    return 0;
}

}  // namespace jne::server
