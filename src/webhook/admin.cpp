#include "webhook/admin.hpp"

#include "core/tracking.hpp"
#include "store/columns.hpp"
#include "webhook/destination.hpp"
#include "webhook/outbox.hpp"

#include <algorithm>
#include <charconv>
#include <memory>

namespace jne::webhook {

namespace {

api::failure refused(std::string why) {
    return api::fail_saying(api::error::refused, std::move(why));
}

// What the operator named is not there: told apart from a request refused for its content.
api::failure not_found(std::string what) {
    api::failure f = api::fail_saying(api::error::refused, "no " + std::move(what));
    f.what = api::problem::not_found;
    return f;
}

std::optional<std::int64_t> number(std::string_view text) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || n <= 0)
        return std::nullopt;
    return n;
}

std::vector<std::string> split_statuses(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string item(text.substr(0, comma));
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        std::transform(item.begin(), item.end(), item.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        if (!item.empty()) out.push_back(std::move(item));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return out;
}

// The URL in full and the secret only to whoever just added it; listings hide both.
api::webhook shown(const store::webhook_subscription& s, bool just_added) {
    return {s.id, s.account, just_added ? s.url : printable_url(s.url), s.statuses,
            just_added ? s.secret : std::string()};
}

// Runs `change` in a batch of the write queue; answers once it is durable.
template <class Change>
void write(runtime::write_queue& writes, Change change, admin::reply done) {
    auto answer = std::make_shared<api::result<api::webhook_answer>>(api::webhook_answer{});
    writes.submit([answer, change](store::write_batch& b) { *answer = change(b.webhooks()); },
                  [answer, done = std::move(done)](bool durable) {
                      if (!durable) return done(api::fail(api::error::unavailable));
                      done(std::move(*answer));
                  });
}

template <class Read>
void read(Read r, const admin::reply& done) {
    try {
        done(r());
    } catch (const store::storage_error&) {
        done(api::fail(api::error::unavailable));
    }
}

}  // namespace

admin::admin(const service::account_service& accounts, store::webhook_store& webhooks,
             runtime::write_queue& writes, clock_ms now, bool allow_inward)
    : accounts_(accounts),
      webhooks_(webhooks),
      writes_(writes),
      now_(std::move(now)),
      allow_inward_(allow_inward) {}

void admin::handle(const core::account& caller, const api::webhook_request& r, reply done) const {
    if (caller.role != core::role::operator_)
        return done(api::fail(api::error::refused, api::problem::operators_only));
    const std::string& a = r.action;
    if (a == "add") return add(r.account, r.url, split_statuses(r.statuses), std::move(done));
    if (a == "list") return list(done);
    if (a == "deliveries") {
        store::delivery_filter f{r.airwaybill, r.failed == "Y" || r.failed == "y", 50};
        if (!r.limit.empty()) {
            const auto limit = number(r.limit);
            if (!limit || *limit > 1000) return done(refused("limit must be 1 to 1000"));
            f.limit = static_cast<std::size_t>(*limit);
        }
        return deliveries(f, done);
    }
    if (a == "remove" || a == "rotate-secret" || (a == "replay" && r.since.empty())) {
        const auto id = number(r.id);
        if (!id) return done(refused("id must be a webhook's (a delivery's, to replay) number"));
        if (a == "remove") return remove(*id, std::move(done));
        if (a == "rotate-secret") return rotate_secret(*id, std::move(done));
        return replay(*id, 0, std::move(done));
    }
    if (a == "replay") {
        const auto since = core::parse_time(r.since);
        if (!since) return done(refused("since must be ISO 8601 or DD-MM-YYYY HH:MM"));
        return replay(std::nullopt, *since * 1000, std::move(done));
    }
    done(refused("action must be add, list, remove, rotate-secret, deliveries or replay"));
}

void admin::add(const std::string& account, const std::string& url,
                const std::vector<std::string>& statuses, reply done) const {
    if (auto why = refuse_destination(url, allow_inward_)) return done(refused(std::move(*why)));
    for (const std::string& s : statuses)
        if (!is_status_v2(s))
            return done(refused("unknown status " + s +
                                " (SUCCESS PICKUP, FAILED PICKUP, SHIPPED, DELIVERED, SHIPMENT "
                                "PROBLEM, RETURN TO SHIPPER)"));
    if (!accounts_.has(account)) return done(not_found("account named " + account));
    store::webhook_subscription s{0, account, url, statuses, new_secret(), now_() / 1000};
    write(
        writes_,
        [s](store::webhook_writes& w) -> api::result<api::webhook_answer> {
            store::webhook_subscription made = s;
            made.id = w.subscribe(made);
            return api::webhook_answer{std::vector{shown(made, true)}, {}, {}};
        },
        std::move(done));
}

void admin::list(const reply& done) const {
    read(
        [&] {
            std::vector<api::webhook> out;
            for (const auto& s : webhooks_.webhook_subscriptions()) out.push_back(shown(s, false));
            return api::webhook_answer{std::move(out), {}, {}};
        },
        done);
}

void admin::remove(std::int64_t id, reply done) const {
    write(
        writes_,
        [id](store::webhook_writes& w) -> api::result<api::webhook_answer> {
            if (!w.unsubscribe(id)) return not_found("webhook with id " + std::to_string(id));
            return api::webhook_answer{std::vector<api::webhook>{}, {}, {}};
        },
        std::move(done));
}

void admin::rotate_secret(std::int64_t id, reply done) const {
    const std::string secret = new_secret();
    write(
        writes_,
        [id, secret](store::webhook_writes& w) -> api::result<api::webhook_answer> {
            if (!w.set_webhook_secret(id, secret))
                return not_found("webhook with id " + std::to_string(id));
            return api::webhook_answer{std::vector{api::webhook{id, {}, {}, {}, secret}}, {}, {}};
        },
        std::move(done));
}

void admin::deliveries(const store::delivery_filter& f, const reply& done) const {
    read(
        [&] {
            std::vector<api::webhook_delivery_record> out;
            for (const auto& d : webhooks_.webhook_deliveries(f))
                out.push_back(
                    {d.id, d.event_id, d.airwaybill, d.status,
                     std::string(store::columns::delivery_state_name(d.state)), d.attempts,
                     d.last_code, d.last_answer, core::format_wib_seconds(d.created_ms / 1000),
                     core::format_wib_seconds(d.updated_ms / 1000), printable_url(d.url)});
            return api::webhook_answer{{}, std::move(out), {}};
        },
        done);
}

void admin::replay(std::optional<std::int64_t> id, std::int64_t since_ms, reply done) const {
    write(
        writes_,
        [id, since_ms, now = now_()](store::webhook_writes& w) -> api::result<api::webhook_answer> {
            const std::size_t n = w.replay(id, since_ms, now);
            if (id && n == 0) return not_found("delivery with id " + std::to_string(*id));
            return api::webhook_answer{{}, {}, n};
        },
        std::move(done));
}

}  // namespace jne::webhook
