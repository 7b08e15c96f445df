#pragma once

// The example shipment and events as the store keeps them, every kind of field filled: the one
// shipment builder of the tests and benchmarks, which change the fields their case is about.
#include "core/shipment.hpp"
#include "core/tracking.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <string>
#include <utility>

namespace jne::test {

/// The account "shop"'s shipment: pickup, CGK10000 to BDO10000, REG, insured, 1.5 kg.
inline core::shipment example_shipment(std::string airwaybill, std::string order_id) {
    core::shipment s;
    s.airwaybill = std::move(airwaybill);
    s.account = "shop";
    s.order_id = std::move(order_id);
    s.channel = core::channel::pickup;
    s.origin = "CGK10000";
    s.origin_name = "JAKARTA";
    s.destination = "BDO10000";
    s.destination_name = "BANDUNG";
    s.service_code = "REG19";
    s.service_display = "REG";
    s.shipper = {"TOKO", "JL. 1", "", "", "JAKARTA", "DKI", "10110", "0812", "ANI", "ID"};
    s.receiver = {"BUDI", "JL. 2", "RT 1", "", "BANDUNG", "JABAR", "40111", "0813", "", "ID"};
    s.quantity = "1";
    s.weight = core::grams{1500};
    s.chargeable_kilograms = 2;
    s.goods_value = 150000;
    s.insured = true;
    s.cost = {12000, 24000, 5300, 0};
    s.etd_from = 1;
    s.created_at = 1700000000;
    s.pickup_details = R"({"pickup_date":"29-11-2026"})";
    return s;
}

/// A scan at JAKARTA; `id` empty: one of the system's own.
inline core::scan_event stored_event(std::string id, std::string airwaybill, std::string code,
                                     core::unix_seconds at) {
    return core::scan_event{
        std::move(id), std::move(airwaybill), std::move(code), at, "JAKARTA", "", ""};
}

/// The store's tracking generation: its counters' sum, which every commit recording events moves.
inline std::int64_t tracking_generation(store::shipment_store& store) {
    std::int64_t sum = 0;
    for (const store::generation_counter& c : store.tracking_generations()) sum += c.value;
    return sum;
}

}  // namespace jne::test
