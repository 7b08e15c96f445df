#include "label/content.hpp"

#include "core/tracking.hpp"

namespace jne::label {

namespace {

// The parts that are there, joined: an address without its empty third line.
std::string joined(std::initializer_list<std::string_view> parts, std::string_view separator) {
    std::string out;
    for (std::string_view p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

std::string address_of(const core::party& p) {
    const std::string place = joined({p.city, p.region, p.zip}, " ");
    return joined({p.addr1, p.addr2, p.addr3, place}, ", ");
}

}  // namespace

std::string rupiah(std::int64_t amount) {
    std::string digits = std::to_string(amount < 0 ? -amount : amount);
    for (std::ptrdiff_t at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), 1, '.');
    return (amount < 0 ? "-Rp " : "Rp ") + digits;
}

content content_of(const core::shipment& s, std::string_view tracking_base) {
    content c;
    c.airwaybill = s.airwaybill;
    c.order_id = s.order_id;
    c.origin = s.origin;
    c.origin_name = s.origin_name;
    c.destination = s.destination;
    c.destination_name = s.destination_name;
    c.service = s.service_display.empty() ? s.service_code : s.service_display;
    c.weight = core::format_kilograms(s.weight) + " kg";
    c.quantity = s.quantity.empty() ? "1" : s.quantity;
    if (s.cod) c.cod = rupiah(s.cost.cod_amount);
    c.insured = s.insured;
    c.shipper_name = s.shipper.name;
    c.shipper_address = address_of(s.shipper);
    c.shipper_phone = s.shipper.phone;
    c.receiver_name = s.receiver.name;
    c.receiver_address = address_of(s.receiver);
    c.receiver_phone = s.receiver.phone;
    c.goods = s.goods_description;
    c.instructions = s.instructions == "-" ? std::string() : s.instructions;
    c.date = core::format_wib_short(s.created_at).substr(0, 10);
    std::string base(tracking_base);
    while (!base.empty() && base.back() == '/') base.pop_back();
    c.tracking_link = base + "/track/" + s.airwaybill;
    return c;
}

}  // namespace jne::label
