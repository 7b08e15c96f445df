// Shipments and their scan events: the look-ups, and a batch's writes (held until they must go).
#include "store/postgres/database.hpp"

namespace jne::store::postgres {

std::optional<core::shipment> postgres_database::find_shipment(std::string_view airwaybill) {
    return with_connection([&](pqxx::connection& c) -> std::optional<core::shipment> {
        pqxx::nontransaction tx(c);
        const auto rows = tx.exec_prepared("find_shipment", std::string(airwaybill));
        if (rows.empty()) return std::nullopt;
        return read_shipment(rows[0]);
    });
}

std::optional<std::string> postgres_database::airwaybill_for_reference(std::string_view account,
                                                                       std::string_view reference) {
    return with_connection([&](pqxx::connection& c) -> std::optional<std::string> {
        pqxx::nontransaction tx(c);
        const auto rows = tx.exec_prepared("airwaybill_for_reference", std::string(account),
                                           std::string(reference));
        if (rows.empty()) return std::nullopt;
        return rows[0][0].as<std::string>();
    });
}

std::vector<core::scan_event> postgres_database::events(std::string_view airwaybill) {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        return read_events(tx.exec_prepared("events", std::string(airwaybill)));
    });
}

std::optional<shipment_store::tracked> postgres_database::find_tracked(
    std::string_view airwaybill) {
    return with_connection([&](pqxx::connection& c) -> std::optional<tracked> {
        pqxx::nontransaction tx(c);
        const auto rows = tx.exec_prepared("find_tracked", std::string(airwaybill));
        if (rows.empty()) return std::nullopt;
        tracked t{read_shipment(rows[0]), {}};
        constexpr auto first_event_column = static_cast<pqxx::row::size_type>(shipment_columns);
        for (const auto& r : rows)  // the event's columns follow the shipment's
            if (!r[first_event_column + 2].is_null())
                t.events.push_back(read_event(r, first_event_column));
        return t;
    });
}

std::optional<shipment_store::stored_answer> postgres_database::find_answer(
    std::string_view airwaybill, int format) {
    return with_connection([&](pqxx::connection& c) -> std::optional<stored_answer> {
        pqxx::nontransaction tx(c);
        const auto rows = tx.exec_prepared("find_answer", std::string(airwaybill), format);
        if (rows.empty()) return std::nullopt;
        return stored_answer{std::string(airwaybill), rows[0][0].as<std::string>(), format,
                             rows[0][2].as<std::int64_t>(), rows[0][1].as<std::string>()};
    });
}

void postgres_database::store_answers(std::span<const stored_answer> answers) {
    if (answers.empty()) return;
    parameters p;
    for (const stored_answer& a : answers) {
        p.add(a.airwaybill);
        p.add(a.account);
        p.add(std::int64_t{a.format});
        p.add(a.events);
        p.add(a.body);
    }
    const auto arrays = p.as_arrays(5);
    with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        // A cache: its commit does not wait for the WAL's flush (a lost answer is made again).
        tx.exec("SET LOCAL synchronous_commit = off");
        tx.exec_prepared("store_answers", pqxx::prepare::make_dynamic_params(arrays.pointers()));
        tx.commit();
    });
}

std::vector<generation_counter> postgres_database::tracking_generations() {
    return with_connection([&](pqxx::connection& c) {
        pqxx::nontransaction tx(c);
        std::vector<generation_counter> counters;
        for (const auto& row : tx.exec_prepared("tracking_generations"))
            counters.push_back({row[0].as<int>(), row[1].as<std::int64_t>()});
        return counters;
    });
}

// One statement for the whole batch's order ids instead of one round trip each.
void postgres_write_batch::expect_orders(const std::vector<order_key>& keys) {
    guarded([&] {
        parameters p;
        for (const order_key& k : keys) {
            p.add(k.account);
            p.add(k.order_id);
            expected_orders_.emplace(k.account, k.order_id);
        }
        const auto arrays = p.as_arrays(2);
        for (const auto& r : tx_.exec_prepared(
                 "expected_orders", pqxx::prepare::make_dynamic_params(arrays.pointers())))
            known_orders_[{r[0].as<std::string>(), r[1].as<std::string>()}] =
                r[2].as<std::string>();
    });
}

std::optional<std::string> postgres_write_batch::order_airwaybill(std::string_view account,
                                                                  std::string_view order_id) {
    for (const core::shipment& s : held_shipments_)
        if (s.account == account && s.order_id == order_id) return s.airwaybill;
    const std::pair<std::string, std::string> key{account, order_id};
    if (expected_orders_.contains(key)) {  // fetched with the batch's others
        const auto known = known_orders_.find(key);
        return known == known_orders_.end() ? std::nullopt
                                            : std::optional<std::string>(known->second);
    }
    return guarded([&]() -> std::optional<std::string> {
        const auto rows =
            tx_.exec_prepared("order_airwaybill", std::string(account), std::string(order_id));
        if (rows.empty()) return std::nullopt;
        return rows[0][0].as<std::string>();
    });
}

std::int64_t postgres_write_batch::next_sequence(core::unix_seconds) {
    return guarded([&] { return owner_.next_sequence(tx_); });
}

bool postgres_write_batch::claim_reserved(std::string_view airwaybill, std::string_view account) {
    return guarded([&] {
        flush();
        return tx_.exec_prepared("claim_reserved", std::string(airwaybill), std::string(account))
                   .affected_rows() == 1;
    });
}

void postgres_write_batch::reserve(std::string_view airwaybill, std::string_view account,
                                   core::unix_seconds now) {
    guarded([&] {
        flush();
        tx_.exec_prepared("reserve", std::string(airwaybill), std::string(account), now);
    });
}

std::optional<core::shipment> postgres_write_batch::find_shipment(std::string_view airwaybill) {
    for (const core::shipment& s : held_shipments_)
        if (s.airwaybill == airwaybill) return s;
    return guarded([&]() -> std::optional<core::shipment> {
        const auto rows = tx_.exec_prepared("lock_shipment", std::string(airwaybill));
        if (rows.empty()) return std::nullopt;
        return read_shipment(rows[0]);
    });
}

std::vector<core::scan_event> postgres_write_batch::events(std::string_view airwaybill) {
    return guarded([&] {
        auto out = read_events(tx_.exec_prepared("events", std::string(airwaybill)));
        for (const core::scan_event& e : held_events_)  // recorded after every stored one
            if (e.airwaybill == airwaybill) out.push_back(e);
        return out;
    });
}

bool postgres_write_batch::insert_event(const core::scan_event& e) {
    changes_.airwaybills.push_back(e.airwaybill);  // a keyed event may be a repeat: no harm
    if (e.event_id.empty()) {                      // the system's own: nothing to conflict with
        held_events_.push_back(e);
        return true;
    }
    return guarded([&] {
        flush();  // keeps the events of an airwaybill in the order they were recorded
        const bool recorded = tx_.exec_prepared("insert_event", e.event_id, e.airwaybill, e.code,
                                                e.at, e.place, e.receiver, e.note)
                                  .affected_rows() == 1;
        return recorded;
    });
}

}  // namespace jne::store::postgres
