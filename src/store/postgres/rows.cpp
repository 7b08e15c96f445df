#include "store/postgres/rows.hpp"

#include "store/columns.hpp"

namespace jne::store::postgres {

const catalogue_table& table_of(catalogue_kind kind) {
    static const catalogue_table areas{
        "areas",
        {"code", "province", "city", "district", "subdistrict", "zip"},
        "SELECT code, province, city, district, subdistrict, zip FROM areas ORDER BY id"};
    static const catalogue_table origins{
        "origins", {"code", "name"}, "SELECT code, name FROM origins ORDER BY code"};
    static const catalogue_table branches{
        "branches", {"code", "name"}, "SELECT code, name FROM branches ORDER BY code"};
    static const catalogue_table services{
        "services",
        {"code", "display", "goods_type", "min_kilograms", "max_kilograms", "flat", "rank"},
        "SELECT code, display, goods_type, min_kilograms, max_kilograms, flat, rank FROM services "
        "ORDER BY rank, code"};
    static const catalogue_table tariffs{
        "tariffs",
        {"origin", "destination", "service", "price", "etd_from", "etd_thru"},
        "SELECT origin, destination, service, price, etd_from, etd_thru FROM tariffs "
        "ORDER BY origin, destination, service"};
    static const catalogue_table hubs{
        "hubs",
        {"code", "name", "latitude", "longitude"},
        "SELECT code, name, latitude, longitude FROM hubs ORDER BY code"};
    switch (kind) {
        case catalogue_kind::locations:
            return areas;
        case catalogue_kind::origins:
            return origins;
        case catalogue_kind::branches:
            return branches;
        case catalogue_kind::services:
            return services;
        case catalogue_kind::tariffs:
            return tariffs;
        case catalogue_kind::hubs:
            return hubs;
    }
    return areas;
}

std::optional<int> optional_int(const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<int>(f.as<int>());
}

void add_shipment(parameters& p, const core::shipment& s) {
    for (const std::string* f : {&s.airwaybill, &s.account, &s.order_id, &s.reference_number})
        p.add(*f);
    p.add(columns::channel_name(s.channel));
    for (const std::string* f :
         {&s.origin, &s.origin_name, &s.destination, &s.destination_name, &s.service_code,
          &s.service_display, &s.branch, &s.customer_number})
        p.add(*f);
    for (const std::string* f : columns::party_fields(s.shipper)) p.add(*f);
    for (const std::string* f : columns::party_fields(s.receiver)) p.add(*f);
    p.add(s.quantity);
    p.add(s.weight.value);
    p.add(s.chargeable_kilograms);
    p.add(s.goods_description);
    p.add(s.goods_value);
    p.add(s.goods_type);
    p.add(s.instructions);
    p.add(s.insured);
    p.add(s.cod);
    p.add(s.cost.price_per_kg);
    p.add(s.cost.freight);
    p.add(s.cost.insurance);
    p.add(s.cost.cod_amount);
    p.add(s.etd_from);
    p.add(s.etd_thru);
    p.add(s.created_at);
    p.add(s.pickup_details);
}

core::shipment read_shipment(const pqxx::row& row) {
    core::shipment s;
    pqxx::row::size_type i = 0;
    auto text = [&] { return row[i++].as<std::string>(); };
    auto number = [&] { return row[i++].as<std::int64_t>(); };
    for (std::string* f : {&s.airwaybill, &s.account, &s.order_id, &s.reference_number})
        *f = text();
    s.channel = columns::channel_of(text());
    for (std::string* f : {&s.origin, &s.origin_name, &s.destination, &s.destination_name,
                           &s.service_code, &s.service_display, &s.branch, &s.customer_number})
        *f = text();
    for (std::string* f : columns::party_fields(s.shipper)) *f = text();
    for (std::string* f : columns::party_fields(s.receiver)) *f = text();
    s.quantity = text();
    s.weight = core::grams{number()};
    s.chargeable_kilograms = number();
    s.goods_description = text();
    s.goods_value = number();
    s.goods_type = text();
    s.instructions = text();
    s.insured = row[i++].as<bool>();
    s.cod = row[i++].as<bool>();
    s.cost.price_per_kg = number();
    s.cost.freight = number();
    s.cost.insurance = number();
    s.cost.cod_amount = number();
    s.etd_from = optional_int(row[i++]);
    s.etd_thru = optional_int(row[i++]);
    s.created_at = number();
    s.pickup_details = text();
    return s;
}

core::scan_event read_event(const pqxx::row& r, pqxx::row::size_type first) {
    auto text = [&](pqxx::row::size_type i) { return r[first + i].as<std::string>(); };
    return core::scan_event{r[first].is_null() ? std::string() : text(0),
                            text(1),
                            text(2),
                            r[first + 3].as<std::int64_t>(),
                            text(4),
                            text(5),
                            text(6)};
}

webhook_delivery read_delivery(const pqxx::row& r) {
    webhook_delivery d;
    d.id = r[0].as<std::int64_t>();
    d.subscription_id = r[1].as<std::int64_t>();
    d.event_id = r[2].as<std::string>();
    d.airwaybill = r[3].as<std::string>();
    d.status = r[4].as<std::string>();
    d.payload = r[5].as<std::string>();
    d.state = columns::delivery_state_named(r[6].as<std::string>());
    d.attempts = r[7].as<int>();
    d.next_attempt_ms = r[8].as<std::int64_t>();
    d.last_code = r[9].as<int>();
    d.last_answer = r[10].as<std::string>();
    d.created_ms = r[11].as<std::int64_t>();
    d.updated_ms = r[12].as<std::int64_t>();
    d.url = r[13].as<std::string>();
    d.secret = r[14].as<std::string>();
    return d;
}

std::vector<core::scan_event> read_events(const pqxx::result& rows) {
    std::vector<core::scan_event> out;
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(read_event(r));
    return out;
}

namespace {

catalogue_row read_catalogue_row(catalogue_kind kind, const pqxx::row& r) {
    auto text = [&](int i) { return r[i].as<std::string>(); };
    switch (kind) {
        case catalogue_kind::locations:
            return core::area{text(0), text(1), text(2), text(3), text(4), text(5)};
        case catalogue_kind::origins:
            return core::origin{text(0), text(1)};
        case catalogue_kind::branches:
            return core::branch{text(0), text(1)};
        case catalogue_kind::services:
            return core::service{text(0),
                                 text(1),
                                 text(2),
                                 r[3].as<std::int64_t>(),
                                 r[4].as<std::int64_t>(),
                                 r[5].as<bool>(),
                                 r[6].as<int>()};
        case catalogue_kind::tariffs:
            return core::tariff_row{text(0), text(1),
                                    core::rate{text(2), r[3].as<std::int64_t>(), optional_int(r[4]),
                                               optional_int(r[5])}};
        case catalogue_kind::hubs:
            return core::hub{text(0), text(1), r[2].as<double>(), r[3].as<double>()};
    }
    return core::origin{};
}

}  // namespace

void visit_catalogue(pqxx::transaction_base& tx, catalogue_kind kind,
                     const std::function<void(const catalogue_row&)>& visit) {
    tx.exec(std::string("DECLARE catalogue_rows NO SCROLL CURSOR FOR ") + table_of(kind).select);
    for (;;) {
        const pqxx::result chunk = tx.exec("FETCH 10000 FROM catalogue_rows");
        if (chunk.empty()) break;
        for (const auto& row : chunk) visit(read_catalogue_row(kind, row));
    }
    tx.exec("CLOSE catalogue_rows");
}

std::int64_t single_number(const pqxx::result& r) {
    return r.empty() ? 0 : r[0][0].as<std::int64_t>();
}

}  // namespace jne::store::postgres
