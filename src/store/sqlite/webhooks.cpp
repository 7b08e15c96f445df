// Webhooks: subscriptions and their deliveries, read by listings and claimed by senders.
#include "store/columns.hpp"
#include "store/sqlite/database.hpp"
#include "store/sqlite/rows.hpp"

namespace jne::store::sqlite {

webhook_store::backlog sqlite_database::webhook_backlog() {
    return read_with([&](statement_cache& db) {
        auto q = db.get(sql::webhook_backlog);
        q->executeStep();
        return backlog{q->getColumn(0).getInt64(), q->getColumn(1).getInt64()};
    });
}

std::int64_t sqlite_database::webhooks_version() {
    return read_with([&](statement_cache& db) {
        auto q = db.get(sql::webhooks_version);
        return q->executeStep() ? q->getColumn(0).getInt64() : 0;
    });
}

std::vector<webhook_subscription> sqlite_database::webhook_subscriptions() {
    return read_with([&](statement_cache& db) {
        auto q = db.get(sql::webhook_subscriptions);
        std::vector<webhook_subscription> out;
        while (q->executeStep())
            out.push_back({q->getColumn(0).getInt64(), q->getColumn(1).getString(),
                           q->getColumn(2).getString(), columns::split(q->getColumn(3).getString()),
                           q->getColumn(4).getString(), q->getColumn(5).getInt64()});
        return out;
    });
}

std::vector<webhook_delivery> sqlite_database::webhook_deliveries(const delivery_filter& f) {
    return read_with([&](statement_cache& db) {
        auto q = db.get(sql::webhook_deliveries);
        bind_values(*q, f.airwaybill, f.failed_only, f.limit);
        std::vector<webhook_delivery> out;
        while (q->executeStep()) {
            out.push_back(read_delivery(*q));
            out.back().secret.clear();  // a listing never shows a secret
        }
        return out;
    });
}

std::int64_t sqlite_write_batch::subscribe(const webhook_subscription& w) {
    return guard([&] {
        auto q = statements_.get(sql::subscribe);
        run(*q, w.account, w.url, columns::join(w.statuses), w.secret, w.created_at);
        subscriptions_changed_ = true;
        return db_.getLastInsertRowid();
    });
}

bool sqlite_write_batch::unsubscribe(std::int64_t id) {
    return guard([&] {
        auto q = statements_.get(sql::unsubscribe);
        if (run(*q, id) != 1) return false;
        run(*statements_.get(sql::orphan_deliveries), id);
        subscriptions_changed_ = true;
        return true;
    });
}

bool sqlite_write_batch::set_webhook_secret(std::int64_t id, std::string_view secret) {
    return guard([&] {
        auto q = statements_.get(sql::set_webhook_secret);
        const bool changed = run(*q, id, secret) == 1;
        subscriptions_changed_ |= changed;
        return changed;
    });
}

void sqlite_write_batch::enqueue(const webhook_delivery& d) {
    guard([&] {
        auto q = statements_.get(sql::enqueue_delivery);
        run(*q, d.subscription_id, d.event_id, d.airwaybill, d.status, d.payload, d.created_ms);
    });
}

std::vector<webhook_delivery> sqlite_write_batch::claim(std::int64_t now_ms,
                                                        std::int64_t lease_until_ms,
                                                        std::size_t limit,
                                                        std::size_t per_subscription) {
    return guard([&] {
        std::vector<webhook_delivery> out;
        {
            auto q = statements_.get(sql::claimable);
            bind_values(*q, now_ms, limit, per_subscription);
            while (q->executeStep()) out.push_back(read_delivery(*q));
        }
        in_enqueued_order(out);
        for (const webhook_delivery& d : out)
            run(*statements_.get(sql::lease_delivery), d.id, lease_until_ms);
        return out;
    });
}

void sqlite_write_batch::record_attempt(std::int64_t id, const delivery_outcome& o) {
    guard([&] {
        auto q = statements_.get(sql::record_attempt);
        run(*q, id, columns::delivery_state_name(o.state), o.next_attempt_ms, o.code, o.answer,
            o.at_ms);
        run(*statements_.get(sql::promote_next), id);
    });
}

void sqlite_write_batch::release(std::int64_t id) {
    guard([&] {
        auto q = statements_.get(sql::release_delivery);
        run(*q, id);
    });
}

std::size_t sqlite_write_batch::replay(std::optional<std::int64_t> id, std::int64_t since_ms,
                                       std::int64_t now_ms) {
    return guard([&] {
        auto q = statements_.get(id ? sql::replay_delivery : sql::replay_since);
        const auto replayed = static_cast<std::size_t>(run(*q, id.value_or(since_ms), now_ms));
        run(*statements_.get(sql::recount_heads), id.value_or(since_ms), !id);
        return replayed;
    });
}

}  // namespace jne::store::sqlite
