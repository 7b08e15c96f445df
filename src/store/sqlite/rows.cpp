#include "store/sqlite/rows.hpp"

#include "store/columns.hpp"
#include "store/sqlite/statements.hpp"

namespace jne::store::sqlite {

std::optional<int> optional_int(const SQLite::Column& c) {
    return c.isNull() ? std::nullopt : std::optional<int>(c.getInt());
}

namespace {

void bind_party(SQLite::Statement& q, int first, const core::party& p) {
    for (const std::string* f : columns::party_fields(p)) q.bind(first++, *f);
}

core::party read_party(SQLite::Statement& q, int first) {
    core::party p;
    for (std::string* f : columns::party_fields(p)) *f = q.getColumn(first++).getString();
    return p;
}

}  // namespace

void bind_shipment(SQLite::Statement& q, const core::shipment& s) {
    bind_values(q, s.airwaybill, s.account, s.order_id, s.reference_number,
                columns::channel_name(s.channel), s.origin, s.origin_name, s.destination,
                s.destination_name, s.service_code, s.service_display, s.branch, s.customer_number);
    bind_party(q, 14, s.shipper);
    bind_party(q, 24, s.receiver);
    bind_values_at(q, 34, s.quantity, s.weight.value, s.chargeable_kilograms, s.goods_description,
                   s.goods_value, s.goods_type, s.instructions, s.insured, s.cod,
                   s.cost.price_per_kg, s.cost.freight, s.cost.insurance, s.cost.cod_amount,
                   s.etd_from, s.etd_thru, s.created_at, s.pickup_details);
}

core::shipment read_shipment(SQLite::Statement& q) {
    core::shipment s;
    int i = 0;
    for (std::string* f : {&s.airwaybill, &s.account, &s.order_id, &s.reference_number})
        *f = q.getColumn(i++).getString();
    s.channel = columns::channel_of(q.getColumn(i++).getString());
    for (std::string* f : {&s.origin, &s.origin_name, &s.destination, &s.destination_name,
                           &s.service_code, &s.service_display, &s.branch, &s.customer_number})
        *f = q.getColumn(i++).getString();
    s.shipper = read_party(q, i);
    s.receiver = read_party(q, i + 10);
    i += 20;
    s.quantity = q.getColumn(i++).getString();
    s.weight = core::grams{q.getColumn(i++).getInt64()};
    s.chargeable_kilograms = q.getColumn(i++).getInt64();
    s.goods_description = q.getColumn(i++).getString();
    s.goods_value = q.getColumn(i++).getInt64();
    s.goods_type = q.getColumn(i++).getString();
    s.instructions = q.getColumn(i++).getString();
    s.insured = q.getColumn(i++).getInt() != 0;
    s.cod = q.getColumn(i++).getInt() != 0;
    s.cost.price_per_kg = q.getColumn(i++).getInt64();
    s.cost.freight = q.getColumn(i++).getInt64();
    s.cost.insurance = q.getColumn(i++).getInt64();
    s.cost.cod_amount = q.getColumn(i++).getInt64();
    s.etd_from = optional_int(q.getColumn(i++));
    s.etd_thru = optional_int(q.getColumn(i++));
    s.created_at = q.getColumn(i++).getInt64();
    s.pickup_details = q.getColumn(i++).getString();
    return s;
}

// The shipment columns' count, checked against their list.
static_assert(shipment_column_count == [] {
    int n = 1;
    for (char c : std::string_view(JNE_STORE_SHIPMENT_COLUMNS)) n += c == ',';
    return n;
}());

core::scan_event read_event(SQLite::Statement& q, int first) {
    return core::scan_event{
        q.getColumn(first).isNull() ? std::string() : q.getColumn(first).getString(),
        q.getColumn(first + 1).getString(),
        q.getColumn(first + 2).getString(),
        q.getColumn(first + 3).getInt64(),
        q.getColumn(first + 4).getString(),
        q.getColumn(first + 5).getString(),
        q.getColumn(first + 6).getString()};
}

std::optional<core::shipment> query_shipment(statement_cache& statements,
                                             std::string_view airwaybill) {
    auto q = statements.get(sql::find_shipment);
    bind_values(*q, airwaybill);
    if (!q->executeStep()) return std::nullopt;
    return read_shipment(*q);
}

std::optional<shipment_store::tracked> query_tracked(statement_cache& statements,
                                                     std::string_view airwaybill) {
    auto q = statements.get(sql::find_tracked);
    bind_values(*q, airwaybill);
    if (!q->executeStep()) return std::nullopt;
    shipment_store::tracked found{read_shipment(*q), {}};
    constexpr int code = shipment_column_count + 2;  // never NULL in a row that has an event
    if (q->getColumn(code).isNull()) return found;
    do {
        found.events.push_back(read_event(*q, shipment_column_count));
    } while (q->executeStep());
    return found;
}

webhook_delivery read_delivery(SQLite::Statement& q) {
    webhook_delivery d;
    d.id = q.getColumn(0).getInt64();
    d.subscription_id = q.getColumn(1).getInt64();
    d.event_id = q.getColumn(2).getString();
    d.airwaybill = q.getColumn(3).getString();
    d.status = q.getColumn(4).getString();
    d.payload = q.getColumn(5).getString();
    d.state = columns::delivery_state_named(q.getColumn(6).getString());
    d.attempts = q.getColumn(7).getInt();
    d.next_attempt_ms = q.getColumn(8).getInt64();
    d.last_code = q.getColumn(9).getInt();
    d.last_answer = q.getColumn(10).getString();
    d.created_ms = q.getColumn(11).getInt64();
    d.updated_ms = q.getColumn(12).getInt64();
    d.url = q.getColumn(13).getString();
    d.secret = q.getColumn(14).getString();
    return d;
}

const char* table_of(catalogue_kind kind) {
    switch (kind) {
        case catalogue_kind::locations:
            return "areas";
        case catalogue_kind::origins:
            return "origins";
        case catalogue_kind::branches:
            return "branches";
        case catalogue_kind::services:
            return "services";
        case catalogue_kind::tariffs:
            return "tariffs";
        case catalogue_kind::hubs:
            return "hubs";
    }
    return "areas";
}

class sqlite_catalogue_writer;
class sqlite_write_batch;

std::vector<core::scan_event> query_events(statement_cache& statements,
                                           std::string_view airwaybill) {
    auto q = statements.get(sql::events);
    bind_values(*q, airwaybill);
    std::vector<core::scan_event> out;
    while (q->executeStep()) out.push_back(read_event(*q));
    return out;
}

}  // namespace jne::store::sqlite
