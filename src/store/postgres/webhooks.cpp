// Webhooks: subscriptions and their deliveries, read by listings and claimed by senders.
#include "store/columns.hpp"
#include "store/postgres/database.hpp"

namespace jne::store::postgres {

webhook_store::backlog postgres_database::webhook_backlog() {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        const auto r = tx.exec_prepared("webhook_backlog");
        return backlog{r[0][0].as<std::int64_t>(), r[0][1].as<std::int64_t>()};
    });
}

std::vector<webhook_subscription> postgres_database::webhook_subscriptions() {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        std::vector<webhook_subscription> out;
        for (const auto& r : tx.exec_prepared("webhook_subscriptions"))
            out.push_back({r[0].as<std::int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
                           columns::split(r[3].as<std::string>()), r[4].as<std::string>(),
                           r[5].as<std::int64_t>()});
        return out;
    });
}

std::vector<webhook_delivery> postgres_database::webhook_deliveries(const delivery_filter& f) {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        std::vector<webhook_delivery> out;
        for (const auto& r : tx.exec_prepared("webhook_deliveries", f.airwaybill, f.failed_only,
                                              static_cast<std::int64_t>(f.limit))) {
            out.push_back(read_delivery(r));
            out.back().secret.clear();  // a listing never shows a secret
        }
        return out;
    });
}

std::int64_t postgres_write_batch::subscribe(const webhook_subscription& w) {
    return guarded([&] {
        subscriptions_changed_ = true;
        return single_number(tx_.exec_prepared("subscribe", w.account, w.url,
                                               columns::join(w.statuses), w.secret, w.created_at));
    });
}

bool postgres_write_batch::unsubscribe(std::int64_t id) {
    return guarded([&] {
        if (tx_.exec_prepared("unsubscribe", id).affected_rows() != 1) return false;
        tx_.exec_prepared("orphan_deliveries", id);
        subscriptions_changed_ = true;
        return true;
    });
}

bool postgres_write_batch::set_webhook_secret(std::int64_t id, std::string_view secret) {
    return guarded([&] {
        const bool changed =
            tx_.exec_prepared("set_webhook_secret", id, std::string(secret)).affected_rows() == 1;
        subscriptions_changed_ |= changed;
        return changed;
    });
}

void postgres_write_batch::enqueue(const webhook_delivery& d) {
    guarded([&] {
        tx_.exec_prepared("enqueue_delivery", d.subscription_id, d.event_id, d.airwaybill, d.status,
                          d.payload, d.created_ms);
    });
}

std::vector<webhook_delivery> postgres_write_batch::claim(std::int64_t now_ms,
                                                          std::int64_t lease_until_ms,
                                                          std::size_t limit,
                                                          std::size_t per_subscription) {
    return guarded([&] {
        std::vector<webhook_delivery> out;
        for (const auto& r :
             tx_.exec_prepared("claim_deliveries", now_ms, static_cast<std::int64_t>(limit),
                               lease_until_ms, static_cast<std::int64_t>(per_subscription)))
            out.push_back(read_delivery(r));
        in_enqueued_order(out);
        return out;
    });
}

void postgres_write_batch::record_attempt(std::int64_t id, const delivery_outcome& o) {
    guarded([&] {
        tx_.exec_prepared("record_attempt", id, std::string(columns::delivery_state_name(o.state)),
                          o.next_attempt_ms, o.code, o.answer, o.at_ms);
        tx_.exec_prepared("promote_next", id);
    });
}

void postgres_write_batch::release(std::int64_t id) {
    guarded([&] { tx_.exec_prepared("release_delivery", id); });
}

std::size_t postgres_write_batch::replay(std::optional<std::int64_t> id, std::int64_t since_ms,
                                         std::int64_t now_ms) {
    return guarded([&] {
        const auto replayed =
            static_cast<std::size_t>(tx_.exec_prepared(id ? "replay_delivery" : "replay_since",
                                                       id.value_or(since_ms), now_ms)
                                         .affected_rows());
        tx_.exec_prepared("recount_heads", id.value_or(since_ms), !id);
        return replayed;
    });
}

}  // namespace jne::store::postgres
