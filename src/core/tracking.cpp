#include "core/tracking.hpp"

#include <algorithm>
#include <array>
#include <ctime>

namespace jne::core {

namespace {

using st = stage;

// The contract's codes first, then the project's own, in the same style. One row a code:
// code, history text, pod_status, stage, keterangan, Status V2 status.
// clang-format off
constexpr std::array codes{
    status_code{"MF1", "SHIPMENT MANIFESTED [{place}]", "MANIFESTED", st::ordered, {}, {}},
    status_code{"PU9", "PICKUP REQUESTED [{place}]", "MANIFESTED", st::ordered, {}, {}},
    status_code{"DR9", "WAITING FOR DROP OFF AT JNE COUNTER [{place}]", "MANIFESTED", st::ordered, {}, {}},
    status_code{"PUF", "PICKUP FAILED [{place}] {note}", "PICKUP FAILED", st::pickup_failed, {}, "FAILED PICKUP"},
    status_code{"PU0", "SHIPMENT PICKED UP BY JNE COURIER [{place}]", "ON PROCESS", st::in_network, {}, "SUCCESS PICKUP"},
    status_code{"PU1", "PICKED UP BY COURIER [{place}]", "ON PROCESS", st::in_network, {}, "SUCCESS PICKUP"},
    status_code{"RC1", "SHIPMENT RECEIVED BY JNE COUNTER OFFICER AT [{place}]", "ON PROCESS", st::in_network, {}, "SUCCESS PICKUP"},
    status_code{"OP1", "RECEIVED AT SORTING CENTER [{place}]", "ON PROCESS", st::in_network, {}, "SHIPPED"},
    status_code{"OP2", "PROCESSED AT SORTING CENTER [{place}]", "ON PROCESS", st::in_network, {}, "SHIPPED"},
    status_code{"OP3", "SHIPMENT FORWARDED FROM TRANSIT CITY TO DESTINATION CITY [{place}]", "ON PROCESS", st::in_network, {}, "SHIPPED"},
    status_code{"TP1", "RECEIVED AT ORIGIN GATEWAY [{place}]", "ON PROCESS", st::in_network, {}, "SHIPPED"},
    status_code{"TP4", "DEPARTED FROM TRANSIT [{place}]", "ON PROCESS", st::in_network, {}, "SHIPPED"},
    status_code{"IP1", "RECEIVED AT WAREHOUSE [{place}]", "ON PROCESS", st::in_network, {}, "SHIPPED"},
    status_code{"IP2", "RECEIVED AT INBOUND STATION [{place}]", "ON PROCESS", st::in_network, {}, "SHIPPED"},
    status_code{"IP3", "WITH DELIVERY COURIER [{place}]", "ON PROCESS", st::with_courier, {}, "SHIPPED"},
    status_code{"D01", "DELIVERED TO [{receiver} | {date} | {place} ]", "DELIVERED", st::delivered, "YANG BERSANGKUTAN", "DELIVERED"},
    status_code{"D09", "DELIVERED TO [{receiver} | {date} | {place} ]", "DELIVERED", st::delivered, "KELUARGA/SAUDARA", "DELIVERED"},
    status_code{"U01", "DELIVERY FAILED, BAD ADDRESS [{place}]", "UNDELIVERED", st::delivery_failed, {}, "SHIPMENT PROBLEM"},
    status_code{"U02", "DELIVERY FAILED, ADDRESSEE NOT AT HOME [{place}]", "UNDELIVERED", st::delivery_failed, {}, "SHIPMENT PROBLEM"},
    status_code{"U03", "DELIVERY FAILED, ADDRESSEE UNKNOWN [{place}]", "UNDELIVERED", st::delivery_failed, {}, "SHIPMENT PROBLEM"},
    status_code{"U04", "DELIVERY FAILED, REFUSED BY ADDRESSEE [{place}]", "UNDELIVERED", st::delivery_failed, {}, "SHIPMENT PROBLEM"},
    status_code{"U05", "SHIPMENT HELD AT WAREHOUSE [{place}] {note}", "ON HOLD", st::held, {}, "SHIPMENT PROBLEM"},
    status_code{"R01", "RETURN TO SHIPPER [{place}] {note}", "RETURN TO SHIPPER", st::returning, {}, "RETURN TO SHIPPER"},
    status_code{"R09", "RETURNED TO SHIPPER [{receiver} | {date} | {place} ]", "RETURNED", st::returned, {}, "RETURN TO SHIPPER"},
    status_code{"CX1", "SHIPMENT CANCELLED BY SHIPPER [{place}]", "CANCELLED", st::cancelled, {}, {}},
};
// clang-format on

bool final_stage(stage x) { return x == st::delivered || x == st::returned || x == st::cancelled; }

void replace_all(std::string& text, std::string_view what, std::string_view with) {
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += with.size())
        text.replace(at, what.size(), with);
}

std::tm wib(unix_seconds t) {
    const std::time_t shifted =
        static_cast<std::time_t>(t + unix_seconds{7} * 3600);  // WIB has no daylight saving
    std::tm parts{};
    gmtime_r(&shifted, &parts);
    return parts;
}

stage stage_of(const scan_event& e) {
    const status_code* c = find_status(e.code);
    return c != nullptr ? c->stage : st::in_network;
}

}  // namespace

std::string_view stage_name(stage s) {
    switch (s) {
        case st::ordered:
            return "ordered";
        case st::pickup_failed:
            return "pickup_failed";
        case st::in_network:
            return "in_network";
        case st::with_courier:
            return "with_courier";
        case st::delivery_failed:
            return "delivery_failed";
        case st::held:
            return "held";
        case st::returning:
            return "returning";
        case st::delivered:
            return "delivered";
        case st::returned:
            return "returned";
        case st::cancelled:
            return "cancelled";
    }
    return "in_network";
}

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

std::optional<api::problem> refuse_transition(std::span<const scan_event> history,
                                              const scan_event& next) {
    using p = api::problem;
    const status_code* code = find_status(next.code);
    if (code == nullptr) return p::unknown_status_code;
    bool scanned = false, returning = false, cancelled = false;
    std::optional<unix_seconds> final_at;
    for (const scan_event& e : history) {
        const stage now = stage_of(e);
        cancelled |= now == st::cancelled;
        returning |= now == st::returning;
        scanned |= now != st::ordered && now != st::pickup_failed;
        if (final_stage(now)) final_at = e.at;
    }
    if (cancelled) return p::already_cancelled;
    if (code->stage == st::cancelled) {
        if (scanned) return p::already_in_network;
        return std::nullopt;
    }
    if (code->stage == st::ordered) return p::already_ordered;
    if (code->stage == st::pickup_failed && scanned) return p::already_picked_up;
    if (final_at && (final_stage(code->stage) || next.at >= *final_at)) return p::already_final;
    if (code->stage == st::delivered && returning) return p::being_returned;
    if (code->stage == st::returned && !returning) return p::return_not_started;
    if ((code->stage == st::delivered || code->stage == st::returned) && next.receiver.empty())
        return p::receiver_missing;
    return std::nullopt;
}

std::optional<std::string_view> status_v2_change(std::span<const scan_event> history,
                                                 const scan_event& next) {
    const status_code* code = find_status(next.code);
    if (code == nullptr || code->status_v2.empty()) return std::nullopt;
    const scan_event* latest = nullptr;
    for (const scan_event& e : history)
        if (latest == nullptr || e.at >= latest->at) latest = &e;
    if (latest != nullptr && next.at < latest->at) return std::nullopt;
    const bool news = code->stage == st::pickup_failed || code->stage == st::delivery_failed ||
                      code->stage == st::held || code->stage == st::returning ||
                      code->stage == st::returned;
    if (news) return code->status_v2;
    // On its way back the parcel stays RETURN TO SHIPPER whatever it is scanned as.
    if (std::any_of(history.begin(), history.end(),
                    [](const scan_event& e) { return stage_of(e) == st::returning; }))
        return std::nullopt;
    // The status before: the latest pushed status in time order.
    std::string_view before;
    unix_seconds before_at = 0;
    for (const scan_event& e : history) {
        const status_code* c = find_status(e.code);
        if (c != nullptr && !c->status_v2.empty() && (before.empty() || e.at >= before_at)) {
            before = c->status_v2;
            before_at = e.at;
        }
    }
    if (before == code->status_v2) return std::nullopt;
    return code->status_v2;
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
        if (c->stage == st::delivered) state.delivery = &e;
    }
    if (!history.empty()) state.last_status = describe(history.back());
    return state;
}

namespace {
std::optional<int> digits_at(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

std::optional<unix_seconds> from_parts(int year, int month, int day, int hour, int minute,
                                       int second, int offset_minutes) {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1] || hour > 23 || minute > 59 ||
        second > 60)
        return std::nullopt;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && day == 29 && !leap) return std::nullopt;  // 29-02 of a common year
    std::tm t{};
    t.tm_year = year - 1900;
    t.tm_mon = month - 1;
    t.tm_mday = day;
    t.tm_hour = hour;
    t.tm_min = minute;
    t.tm_sec = second;
    return static_cast<unix_seconds>(timegm(&t)) - unix_seconds{offset_minutes} * 60;
}
}  // namespace

std::optional<unix_seconds> parse_time(std::string_view s) {
    constexpr int wib_minutes = 7 * 60;
    if (s.size() == 16 && s[2] == '-' && s[5] == '-' && s[10] == ' ' && s[13] == ':') {
        auto d = digits_at(s, 0, 2), m = digits_at(s, 3, 2), y = digits_at(s, 6, 4);
        auto h = digits_at(s, 11, 2), mi = digits_at(s, 14, 2);
        if (!d || !m || !y || !h || !mi) return std::nullopt;
        return from_parts(*y, *m, *d, *h, *mi, 0, wib_minutes);
    }
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || s[16] != ':')
        return std::nullopt;
    auto y = digits_at(s, 0, 4), m = digits_at(s, 5, 2), d = digits_at(s, 8, 2);
    auto h = digits_at(s, 11, 2), mi = digits_at(s, 14, 2), sec = digits_at(s, 17, 2);
    if (!y || !m || !d || !h || !mi || !sec) return std::nullopt;
    std::string_view rest = s.substr(19);
    if (!rest.empty() && rest.front() == '.') {
        rest.remove_prefix(1);
        while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') rest.remove_prefix(1);
    }
    int offset = wib_minutes;
    if (rest == "Z") {
        offset = 0;
    } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
        auto oh = digits_at(rest, 1, 2), om = digits_at(rest, 4, 2);
        if (!oh || !om) return std::nullopt;
        offset = (*oh * 60 + *om) * (rest[0] == '-' ? -1 : 1);
    } else if (!rest.empty()) {
        return std::nullopt;
    }
    return from_parts(*y, *m, *d, *h, *mi, *sec, offset);
}

std::string format_kilograms(grams weight) {
    std::string out = std::to_string(weight.value / 1000);
    if (auto rest = weight.value % 1000; rest != 0) {
        std::string fraction = std::to_string(rest);
        fraction = std::string(3 - fraction.size(), '0') + fraction;
        while (fraction.back() == '0') fraction.pop_back();
        out += "." + fraction;
    }
    return out;
}

std::string format_wib_short(unix_seconds t) {
    std::tm p = wib(t);
    char out[32];
    std::strftime(out, sizeof out, "%d-%m-%Y %H:%M", &p);
    return out;
}

std::string format_wib_seconds(unix_seconds t) {
    std::tm p = wib(t);
    char out[32];
    std::strftime(out, sizeof out, "%Y-%m-%d %H:%M:%S", &p);
    return out;
}

std::string format_wib_iso(unix_seconds t) {
    std::tm p = wib(t);
    char out[40];
    std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S.000+07:00", &p);
    return out;
}

}  // namespace jne::core
