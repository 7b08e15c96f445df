#include "sandbox/journey.hpp"

#include "core/text.hpp"
#include "sandbox/tariff_model.hpp"

namespace jne::sandbox {

using namespace jne::core;  // the domain this file moves through

namespace {

constexpr std::int64_t minute = 60;
constexpr std::int64_t hour = 60 * minute;
constexpr std::int64_t day = 24 * hour;

// FNV-1a of the airwaybill: the variations of a journey, the same every time.
std::uint64_t variation(std::string_view airwaybill) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : airwaybill) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

}  // namespace

scenario scenario_of(const shipment& s) {
    const std::string order = to_upper(s.order_id);
    const std::string receiver = normalise(s.receiver.name);
    if (order.starts_with("FAILONCE-") || receiver == "FAIL ONCE")
        return scenario::fail_delivery_once;
    if (order.starts_with("RETURN-") || receiver == "RETURN TO SHIPPER") return scenario::returned;
    if (order.starts_with("FAILPICKUP-") || receiver == "FAIL PICKUP")
        return scenario::failed_pickup;
    if (order.starts_with("HOLD-") || receiver == "HOLD") return scenario::held;
    return scenario::delivered;
}

std::vector<journey_step> journey(const shipment& s, const hub& from, const hub& to) {
    const std::uint64_t v = variation(s.airwaybill);
    const scenario ending = scenario_of(s);
    const bool same_city = from.code == to.code;
    std::vector<journey_step> steps;
    auto add = [&](std::int64_t after, std::string_view code, std::string place,
                   std::string receiver = {}, std::string note = {}) {
        const std::string id = "sandbox-" + s.airwaybill + "-" + std::to_string(steps.size() + 1);
        steps.push_back(
            {after, scan_event{id, s.airwaybill, std::string(code), s.created_at + after,
                               std::move(place), std::move(receiver), std::move(note)}});
    };

    // Into the network.
    const std::int64_t jitter = static_cast<std::int64_t>(v % 40) * minute;
    if (s.channel == channel::pickup || ending == scenario::failed_pickup) {
        if (ending == scenario::failed_pickup) {
            add(2 * hour + jitter, "MP", from.name);
            return steps;
        }
        add(2 * hour + jitter, "PU1", s.origin_name + ", " + from.name);
    } else {
        add(1 * hour + jitter, "RC1", s.origin_name);
    }
    add(3 * hour + jitter, "OP1", s.origin_name);
    add(5 * hour + jitter, "OP2", s.origin_name + ", " + from.name + " HUB");
    if (!same_city) {
        add(7 * hour + jitter, "TP1", from.name);
        add(9 * hour + jitter, "TP4", "GATEWAY , " + from.name);
    }

    // Arrival: the evening before the first day of the ETD (a day within a city).
    const std::int64_t days = std::max<std::int64_t>(1, s.etd_from.value_or(same_city ? 1 : 2));
    const std::int64_t arrival = days * day - 10 * hour + jitter;
    if (!same_city) add(arrival, "IP2", to.name);
    add(arrival + 2 * hour, "IP1", to.name + " (INBOUND)");
    if (ending == scenario::held) {
        add(arrival + 4 * hour, "WH5", to.name);
        return steps;
    }

    const std::int64_t out =
        arrival + 10 * hour + static_cast<std::int64_t>((v >> 8) % 90) * minute;
    const std::string receiver = s.receiver.name.substr(0, 20);
    add(out, "IP3", to.name);
    switch (ending) {
        case scenario::fail_delivery_once:
            add(out + 3 * hour, "U05", s.destination_name);
            add(out + day, "IP3", to.name);
            add(out + day + 2 * hour, "D01", s.destination_name, receiver);
            break;
        case scenario::returned:
            add(out + 3 * hour, "U06", s.destination_name);
            add(out + 5 * hour, "R01", s.origin_name);  // RETURN SHIPMENT TO [the origin]
            add(out + day, "TP4", "GATEWAY , " + to.name);
            add(out + 2 * day + static_cast<std::int64_t>(distance_km(from, to)) * minute, "D15",
                s.origin_name, s.shipper.name.substr(0, 20));
            break;
        default:
            add(out + 2 * hour + static_cast<std::int64_t>((v >> 16) % 120) * minute, "D01",
                s.destination_name, receiver);
    }
    return steps;
}

}  // namespace jne::sandbox
