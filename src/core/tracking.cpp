#include "core/tracking.hpp"

#include <algorithm>
#include <array>
#include <ctime>

namespace jne::core {

namespace {

using s = stage;

// The contract's codes first, then the project's own, in the same style.
constexpr std::array codes{
    status_code{"MF1", "SHIPMENT MANIFESTED [{place}]", "MANIFESTED", s::ordered},
    status_code{"PU9", "PICKUP REQUESTED [{place}]", "MANIFESTED", s::ordered},
    status_code{"DR9", "WAITING FOR DROP OFF AT JNE COUNTER [{place}]", "MANIFESTED", s::ordered},
    status_code{"PUF", "PICKUP FAILED [{place}] {note}", "PICKUP FAILED", s::pickup_failed},
    status_code{"PU0", "SHIPMENT PICKED UP BY JNE COURIER [{place}]", "ON PROCESS", s::in_network},
    status_code{"PU1", "PICKED UP BY COURIER [{place}]", "ON PROCESS", s::in_network},
    status_code{"RC1", "SHIPMENT RECEIVED BY JNE COUNTER OFFICER AT [{place}]", "ON PROCESS", s::in_network},
    status_code{"OP1", "RECEIVED AT SORTING CENTER [{place}]", "ON PROCESS", s::in_network},
    status_code{"OP2", "PROCESSED AT SORTING CENTER [{place}]", "ON PROCESS", s::in_network},
    status_code{"OP3", "SHIPMENT FORWARDED TO DESTINATION [{place}]", "ON PROCESS", s::in_network},
    status_code{"TP1", "RECEIVED AT ORIGIN GATEWAY [{place}]", "ON PROCESS", s::in_network},
    status_code{"TP4", "DEPARTED FROM TRANSIT [{place}]", "ON PROCESS", s::in_network},
    status_code{"IP1", "RECEIVED AT WAREHOUSE [{place}]", "ON PROCESS", s::in_network},
    status_code{"IP2", "RECEIVED AT INBOUND STATION [{place}]", "ON PROCESS", s::in_network},
    status_code{"IP3", "WITH DELIVERY COURIER [{place}]", "ON PROCESS", s::with_courier},
    status_code{"D01", "DELIVERED TO [{receiver} | {date} | {place} ]", "DELIVERED", s::delivered, "YANG BERSANGKUTAN"},
    status_code{"D09", "DELIVERED TO [{receiver} | {date} | {place} ]", "DELIVERED", s::delivered, "KELUARGA/SAUDARA"},
    status_code{"U01", "DELIVERY FAILED, BAD ADDRESS [{place}]", "UNDELIVERED", s::delivery_failed},
    status_code{"U02", "DELIVERY FAILED, ADDRESSEE NOT AT HOME [{place}]", "UNDELIVERED", s::delivery_failed},
    status_code{"U03", "DELIVERY FAILED, ADDRESSEE UNKNOWN [{place}]", "UNDELIVERED", s::delivery_failed},
    status_code{"U04", "DELIVERY FAILED, REFUSED BY ADDRESSEE [{place}]", "UNDELIVERED", s::delivery_failed},
    status_code{"U05", "SHIPMENT HELD AT WAREHOUSE [{place}] {note}", "ON HOLD", s::held},
    status_code{"R01", "RETURN TO SHIPPER [{place}] {note}", "RETURN TO SHIPPER", s::returning},
    status_code{"R09", "RETURNED TO SHIPPER [{receiver} | {date} | {place} ]", "RETURNED", s::returned},
    status_code{"CX1", "SHIPMENT CANCELLED BY SHIPPER [{place}]", "CANCELLED", s::cancelled},
};

bool final_stage(stage st) { return st == s::delivered || st == s::returned || st == s::cancelled; }

void replace_all(std::string& text, std::string_view what, std::string_view with) {
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += with.size())
        text.replace(at, what.size(), with);
}

std::tm wib(unix_seconds t) {
    const std::time_t shifted = static_cast<std::time_t>(t + 7 * 3600);  // WIB has no daylight saving
    std::tm parts{};
    gmtime_r(&shifted, &parts);
    return parts;
}

stage stage_of(const scan_event& e) {
    const status_code* c = find_status(e.code);
    return c != nullptr ? c->stage : s::in_network;
}

}  // namespace

std::span<const status_code> status_codes() { return codes; }

const status_code* find_status(std::string_view code) {
    for (const status_code& c : codes)
        if (c.code == code) return &c;
    return nullptr;
}

std::string describe(const scan_event& e) {
    const status_code* c = find_status(e.code);
    std::string text(c != nullptr ? c->text : std::string_view("{place}"));
    replace_all(text, "{receiver}", e.receiver);
    replace_all(text, "{date}", format_wib_short(e.at));
    replace_all(text, "{place}", e.place);
    replace_all(text, "{note}", e.note);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

std::optional<std::string> refuse_transition(std::span<const scan_event> history, const scan_event& next) {
    const status_code* code = find_status(next.code);
    if (code == nullptr) return "unknown status code " + next.code;
    bool scanned = false, returning = false, cancelled = false;
    std::optional<unix_seconds> final_at;
    for (const scan_event& e : history) {
        const stage st = stage_of(e);
        cancelled |= st == s::cancelled;
        returning |= st == s::returning;
        scanned |= st != s::ordered && st != s::pickup_failed;
        if (final_stage(st)) final_at = e.at;
    }
    if (cancelled) return "the shipment was cancelled";
    if (code->stage == s::cancelled) {
        if (scanned) return "the shipment is already in the network and cannot be cancelled";
        return std::nullopt;
    }
    if (code->stage == s::ordered) return "the shipment was already ordered";
    if (final_at && (final_stage(code->stage) || next.at >= *final_at))
        return "the shipment already reached its final status";
    if (code->stage == s::delivered && returning) return "the shipment is being returned to the shipper";
    if (code->stage == s::returned && !returning) return "a return must start (R01) before it completes";
    if ((code->stage == s::delivered || code->stage == s::returned) && next.receiver.empty())
        return "a delivery names its receiver";
    return std::nullopt;
}

tracking_state derive_state(std::vector<scan_event>& history) {
    std::stable_sort(history.begin(), history.end(),
                     [](const scan_event& a, const scan_event& b) { return a.at < b.at; });
    tracking_state state;
    for (const scan_event& e : history) {
        const status_code* c = find_status(e.code);
        if (c == nullptr) continue;
        // A late scan (older than the final one) joins the history but does not undo the outcome.
        if (final_stage(state.stage) && !final_stage(c->stage)) continue;
        state.pod_status = c->pod_status;
        state.stage = c->stage;
        if (c->stage == s::delivered) state.delivery = &e;
    }
    if (!history.empty()) state.last_status = describe(history.back());
    return state;
}

std::string format_wib_short(unix_seconds t) {
    std::tm p = wib(t);
    char out[32];
    std::strftime(out, sizeof out, "%d-%m-%Y %H:%M", &p);
    return out;
}

std::string format_wib_iso(unix_seconds t) {
    std::tm p = wib(t);
    char out[40];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S.000+07:00", &p);
    return out;
}

}  // namespace jne::core
