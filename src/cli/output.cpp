#include "cli/output.hpp"

#include "cli/batch.hpp"

#include <fmt/format.h>

namespace jne::cli {

int print_prices(std::ostream& out, std::ostream& err, const api::price_list& prices,
                 std::string_view weight, std::string_view dims) {
    if (prices.empty()) {
        err << "jne: the server answered no service for this route\n";
        return exit_refused;
    }
    out << fmt::format("{} → {}, {} kg{}\n", prices.front().origin_name,
                       prices.front().destination_name, weight,
                       dims.empty() ? std::string() : fmt::format(", {} cm", dims));
    out << fmt::format("{:<9} {:<9} {:<15} {:>12} {:>9}\n", "SERVICE", "CODE", "GOODS",
                       "PRICE (IDR)", "ETD");
    for (const auto& p : prices) {
        const std::string etd =
            p.etd_from ? fmt::format("{}-{} D", *p.etd_from, p.etd_thru.value_or(*p.etd_from))
                       : "-";
        out << fmt::format("{:<9} {:<9} {:<15} {:>12} {:>9}\n", p.service_display, p.service_code,
                           p.goods_type, p.amount, etd);
    }
    return exit_ok;
}

int print_tracking(std::ostream& out, std::ostream& err, const api::tracking& t) {
    const auto& c = t.cnote;
    if (c.cnote_no.empty()) {
        err << "jne: the server answered a tracking without its airwaybill\n";
        return exit_unreachable;
    }
    out << fmt::format("{}  {}\n{}\n\n", c.cnote_no, c.pod_status, c.last_status);
    out << fmt::format("{} {} → {} {}, {} kg, IDR {}\n", c.servicetype, c.cnote_origin,
                       c.cnote_destination, c.city_name, api::format_kilograms(c.weight),
                       c.cnote_amount);
    if (c.cnote_pod_receiver)
        out << fmt::format("received by {} ({})\n", *c.cnote_pod_receiver,
                           c.keterangan.value_or(""));
    out << "\n";
    if (t.history.empty()) out << "no scans yet\n";
    for (auto it = t.history.rbegin(); it != t.history.rend(); ++it)
        out << fmt::format("{}  {:<4} {}\n", api::format_wib_short(it->at), it->code, it->desc);
    return exit_ok;
}

int print_created(std::ostream& out, std::ostream& err, const api::created& c) {
    if (c.airwaybill.empty()) {
        err << "jne: the server said it created the shipment but answered no airwaybill\n";
        return exit_unreachable;
    }
    out << c.airwaybill << "\n";
    return exit_ok;
}

int print_cancelled(std::ostream& out, std::ostream& err, const api::cancelled& c) {
    if (c.reason.empty() && c.airwaybill.empty()) {
        err << "jne: the server answered the cancellation with nothing\n";
        return exit_unreachable;
    }
    out << (c.reason.empty() ? "cancelled " + c.airwaybill : c.reason) << "\n";
    return exit_ok;
}

int print_places(std::ostream& out, std::ostream& err, const api::place_list& places) {
    if (places.empty()) {
        err << "jne: no place found\n";
        return exit_refused;
    }
    for (const auto& p : places) out << fmt::format("{}  {}\n", p.code, p.name);
    return exit_ok;
}

}  // namespace jne::cli
