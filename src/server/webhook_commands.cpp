// jne-server webhooks …: subscriptions, the deliveries' record, replays, through the same
// admin service as POST /ops/v1/webhooks. Each opens the database as any other process would;
// a running server sees the change within a second.
#include "server/commands.hpp"
#include "server/database_url.hpp"
#include "webhook/admin.hpp"
#include "webhook/outbox.hpp"

#include <fmt/format.h>

#include <future>
#include <iostream>

namespace jne::server {

namespace {

// Runs one admin action against the database and waits for its answer.
template <class Action>
api::result<api::webhook_answer> run(const config& cfg, Action action) {
    auto db = open_database(cfg.database_url);
    runtime::incident database("the database");
    runtime::write_queue writes(*db, database);
    service::account_service accounts(*db);
    webhook::admin admin(accounts, *db, writes, webhook::system_ms, cfg.webhooks.allow_inward);
    std::promise<api::result<api::webhook_answer>> answered;
    action(admin, [&](api::result<api::webhook_answer> r) { answered.set_value(std::move(r)); });
    return answered.get_future().get();
}

int refused(const api::failure& f) {
    std::cerr << (f.reason.empty() ? "the database is unavailable" : f.reason) << "\n";
    return f.what == api::problem::not_found ? 1 : 2;
}

std::string statuses_text(const std::vector<std::string>& statuses) {
    return statuses.empty() ? "all" : fmt::format("{}", fmt::join(statuses, ","));
}

}  // namespace

int webhooks_add(const config& cfg, const webhook_args& args) {
    auto r = run(cfg, [&](webhook::admin& a, auto done) {
        a.add(args.username, args.url, args.statuses, done);
    });
    if (!r) return refused(r.error());
    const api::webhook& w = r->webhooks->front();
    std::cout << "id:       " << w.id << "\nusername: " << w.account << "\nurl:      " << w.url
              << "\nstatuses: " << statuses_text(w.statuses)
              << "\n(the secret below is shown once: every delivery is signed with it)\n"
              << w.secret << "\n";
    return 0;
}

int webhooks_list(const config& cfg) {
    auto r = run(cfg, [](webhook::admin& a, auto done) { a.list(done); });
    if (!r) return refused(r.error());
    std::cout << fmt::format("{:<6} {:<20} {:<40} {}\n", "ID", "USERNAME", "STATUSES", "URL");
    for (const api::webhook& w : *r->webhooks)
        std::cout << fmt::format("{:<6} {:<20} {:<40} {}\n", w.id, w.account,
                                 statuses_text(w.statuses), w.url);
    return 0;
}

int webhooks_remove(const config& cfg, std::int64_t id) {
    auto r = run(cfg, [&](webhook::admin& a, auto done) { a.remove(id, done); });
    if (!r) return refused(r.error());
    std::cout << "removed webhook " << id << " (its undelivered events are dead)\n";
    return 0;
}

int webhooks_rotate_secret(const config& cfg, std::int64_t id) {
    auto r = run(cfg, [&](webhook::admin& a, auto done) { a.rotate_secret(id, done); });
    if (!r) return refused(r.error());
    std::cout << "id: " << id << "\n(the old secret no longer signs; the new one is shown once)\n"
              << r->webhooks->front().secret << "\n";
    return 0;
}

int webhooks_deliveries(const config& cfg, const webhook_args& args) {
    const store::delivery_filter f{args.airwaybill, args.failed_only, args.limit};
    auto r = run(cfg, [&](webhook::admin& a, auto done) { a.deliveries(f, done); });
    if (!r) return refused(r.error());
    std::cout << fmt::format("{:<7} {:<16} {:<18} {:<9} {:>8} {:>5} {:<19} {}\n", "ID",
                             "AIRWAYBILL", "STATUS", "STATE", "ATTEMPTS", "CODE", "UPDATED (WIB)",
                             "LAST ANSWER");
    for (const api::webhook_delivery_record& d : *r->deliveries) {
        std::string answer = d.last_answer.substr(0, 60);
        for (char& c : answer)
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        std::cout << fmt::format("{:<7} {:<16} {:<18} {:<9} {:>8} {:>5} {:<19} {}\n", d.id,
                                 d.airwaybill, d.status, d.state, d.attempts,
                                 d.last_code == 0 ? std::string("-") : std::to_string(d.last_code),
                                 d.updated, answer);
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
    const auto id = args.id != 0 ? std::optional<std::int64_t>(args.id) : std::nullopt;
    auto r = run(cfg, [&](webhook::admin& a, auto done) { a.replay(id, since_ms, done); });
    if (!r) return refused(r.error());
    std::cout << "replaying " << *r->replayed << (*r->replayed == 1 ? " delivery" : " deliveries")
              << " (a running server sends them within a second)\n";
    return 0;
}

}  // namespace jne::server
