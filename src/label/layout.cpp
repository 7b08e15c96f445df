#include "label/layout.hpp"

#include "label/font.hpp"

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string_view>

namespace jne::label {

namespace {

constexpr double mm = 72.0 / 25.4;
constexpr double margin = 8;                 // from the page's edges
constexpr double padding = 2;                // inside a frame, around its text
constexpr double thermal_height = 150 * mm;  // the design's height; A6 scales it

// Lines of text measured with the labels' font on a surface of its own.
class measure {
public:
    measure()
        : surface_(cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1), cairo_surface_destroy),
          cr_(cairo_create(surface_.get()), cairo_destroy) {}

    void font(double size, bool bold) { use_font(cr_.get(), size, bold); }
    // From the leftmost ink (a "J" reaches left of its origin) to the furthest of ink and advance.
    struct span {
        double left, right;
    };
    span ink(const std::string& s) {
        cairo_text_extents_t e;
        cairo_text_extents(cr_.get(), s.c_str(), &e);
        return {std::min(0.0, e.x_bearing), std::max(e.x_advance, e.x_bearing + e.width)};
    }
    double width(const std::string& s) {
        const span i = ink(s);
        return i.right - i.left;
    }
    cairo_font_extents_t extents() {
        cairo_font_extents_t e;
        cairo_font_extents(cr_.get(), &e);
        return e;
    }

private:
    std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface_;
    std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr_;
};

// The end of the UTF-8 character that starts at `at`.
std::size_t next_char(std::string_view s, std::size_t at) {
    ++at;
    while (at < s.size() && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) ++at;
    return at;
}

// Greedy wrapping at spaces; a word wider than the line is broken between characters.
std::vector<std::string> wrap(measure& m, std::string_view text, double width) {
    std::vector<std::string> lines;
    std::string line;
    auto push_word = [&](std::string_view word) {
        std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
        if (m.width(candidate) <= width) {
            line = std::move(candidate);
            return;
        }
        if (!line.empty()) lines.push_back(std::move(line)), line.clear();
        for (std::size_t at = 0; at < word.size();) {
            const std::size_t end = next_char(word, at);
            std::string longer = line + std::string(word.substr(at, end - at));
            if (!line.empty() && m.width(longer) > width) {
                lines.push_back(std::move(line));
                line = std::string(word.substr(at, end - at));
            } else {
                line = std::move(longer);
            }
            at = end;
        }
    };
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t space = std::min(text.find(' ', at), text.size());
        if (space > at) push_word(text.substr(at, space - at));
        at = space + 1;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

// The last line cut to end in an ellipsis within `width`.
std::string ellipsised(measure& m, std::string line, double width) {
    while (!line.empty() && m.width(line + "…") > width) {
        std::size_t cut = line.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        line.erase(cut);
    }
    return line + "…";
}

struct style {
    double largest = 10;
    double smallest = 6;
    int max_lines = 1;
    bool bold = false;
    align how = align::left;
    bool white = false;
};

class builder {
public:
    explicit builder(box page) : page_(page), k_(page.height / thermal_height) { d_.page = page; }

    // A band of the design's height `h` at the design's `y`, across the printable width.
    box band(double y, double h) const {
        return {margin, y * k_, page_.width - 2 * margin, h * k_};
    }

    void frame(box b, bool filled = false) { d_.frames.push_back({b, filled}); }

    void code(box b, std::string data, symbology kind) {
        if (!data.empty()) d_.codes.push_back({b, std::move(data), kind});
    }

    // `text` fitted into `b` less the padding: the largest size whose wrapped lines fit.
    void write(box b, std::string_view words, const style& s) {
        if (words.empty()) return;
        text t;
        t.area = {b.x + padding, b.y + padding / 2, b.width - 2 * padding, b.height - padding};
        t.bold = s.bold;
        t.white = s.white;
        t.how = s.how;
        for (double size = s.largest; size >= s.smallest - 1e-9; size -= 0.5) {
            m_.font(size, s.bold);
            auto lines = wrap(m_, words, t.area.width);
            if (lines.size() <= static_cast<std::size_t>(s.max_lines) &&
                block_height(lines.size(), size, s.bold) <= t.area.height) {
                t.lines = std::move(lines);
                t.size = size;
                break;
            }
        }
        if (t.lines.empty()) {  // too long even at the smallest size: as much as fits, then …
            t.size = s.smallest;
            std::size_t room = 1;
            while (room < static_cast<std::size_t>(s.max_lines) &&
                   block_height(room + 1, t.size, s.bold) <= t.area.height)
                ++room;
            m_.font(t.size, s.bold);
            t.lines = wrap(m_, words, t.area.width);
            if (t.lines.size() > room) {
                t.lines.resize(room);
                t.lines.back() = ellipsised(m_, t.lines.back(), t.area.width);
            }
        }
        const double block = block_height(t.lines.size(), t.size, s.bold);
        const cairo_font_extents_t e = m_.extents();
        for (const std::string& line : t.lines) {
            const auto i = m_.ink(line);
            const double room = s.how == align::center ? t.area.width - (i.right - i.left) : 0;
            t.line_x.push_back(t.area.x + room / 2 - i.left);
        }
        t.line_step = t.size * 1.15;
        t.first_baseline = t.area.y + (t.area.height - block) / 2 + e.ascent;
        d_.texts.push_back(std::move(t));
    }

    drawing take() { return std::move(d_); }

private:
    // Leaves the measure set to this font, for the wrapping that follows.
    double block_height(std::size_t lines, double size, bool bold) {
        m_.font(size, bold);
        const cairo_font_extents_t e = m_.extents();
        return static_cast<double>(lines - 1) * size * 1.15 + e.ascent + e.descent;
    }

    box page_;
    double k_;
    measure m_;
    drawing d_;
};

box left_part(box b, double share) { return {b.x, b.y, b.width * share, b.height}; }
box right_part(box b, double share) {
    return {b.x + b.width * (1 - share), b.y, b.width * share, b.height};
}
box top_part(box b, double height) { return {b.x, b.y, b.width, height}; }
box below(box b, double offset, double height) { return {b.x, b.y + offset, b.width, height}; }

}  // namespace

box page_of(api::label_size size) {
    if (size == api::label_size::a6) return {0, 0, 105 * mm, 148 * mm};
    return {0, 0, 100 * mm, 150 * mm};
}

drawing lay_out(const content& c, api::label_size size) {
    builder b(page_of(size));
    const style caption{6, 5, 1, false, align::left, false};

    // The sender's brand and the service, large: the first thing a sorter reads.
    const box header = b.band(8, 24);
    b.write(left_part(header, 0.5), "JNE", {20, 12, 1, true});
    const box service = right_part(header, 0.4);
    b.frame(service, true);
    b.write(service, c.service, {18, 8, 1, true, align::center, true});

    // The airwaybill: the barcode every scan reads, then its digits.
    b.code(b.band(35, 50), c.airwaybill, symbology::code128);
    b.write(b.band(86, 18), c.airwaybill, {17, 8, 1, true, align::center});

    // Where it goes: the codes sorting centres route by, the destination larger.
    const box route = b.band(107, 48);
    const box from = left_part(route, 0.4), to = right_part(route, 0.6);
    for (const auto& [area, title, code, name, largest] :
         {std::tuple{from, "ASAL / FROM", &c.origin, &c.origin_name, 22.0},
          std::tuple{to, "TUJUAN / TO", &c.destination, &c.destination_name, 30.0}}) {
        b.frame(area);
        b.write(top_part(area, 10), title, caption);
        b.write(below(area, 9, 26), *code, {largest, 8, 1, true});
        b.write(below(area, 35, 13), *name, {9, 5, 1});
    }

    // The facts a counter checks: weight, pieces, insurance, date.
    const box facts = b.band(158, 26);
    const double cell = facts.width / 4;
    const std::string insured = c.insured ? "YA / YES" : "TIDAK / NO";
    int i = 0;
    for (const auto& [title, value] :
         {std::pair<const char*, const std::string*>{"BERAT / WEIGHT", &c.weight},
          {"KOLI / QTY", &c.quantity},
          {"ASURANSI / INSURED", &insured},
          {"TANGGAL / DATE", &c.date}}) {
        const box area{facts.x + cell * i++, facts.y, cell, facts.height};
        b.frame(area);
        b.write(top_part(area, 10), title, caption);
        b.write(below(area, 10, 16), *value, {10, 5, 1, true});
    }

    // Cash on delivery: the amount to collect, white on black so no courier misses it.
    const box cod = b.band(187, 22);
    if (c.cod.empty()) {
        b.frame(cod);
        b.write(cod, "NON COD", {12, 6, 1, true, align::center});
    } else {
        b.frame(cod, true);
        b.write(cod, "COD " + c.cod, {14, 6, 1, true, align::center, true});
    }

    // The receiver, then the tracking link as a QR code beside them.
    const box receiver_band = b.band(212, 80);
    const box receiver = left_part(receiver_band, 0.7);
    const box track = right_part(receiver_band, 0.3);
    b.frame(receiver);
    b.frame(track);
    b.write(top_part(receiver, 10), "PENERIMA / RECEIVER", caption);
    b.write(below(receiver, 9, 16), c.receiver_name, {12, 6, 2, true});
    b.write(below(receiver, 25, 42), c.receiver_address, {9, 5, 4});
    b.write(below(receiver, 66, 13), c.receiver_phone, {9, 5, 1, true});
    b.code(below(track, 1, track.height - 10), c.tracking_link, symbology::qr);
    b.write(below(track, track.height - 10, 10), "LACAK / TRACK", {6, 5, 1, false, align::center});

    const box shipper = b.band(295, 46);
    b.frame(shipper);
    b.write(top_part(shipper, 10), "PENGIRIM / SHIPPER", caption);
    b.write(below(shipper, 9, 12), c.shipper_name, {9, 5, 1, true});
    b.write(below(shipper, 20, 16), c.shipper_address, {7, 5, 2});
    b.write(below(shipper, 35, 11), c.shipper_phone, {7, 5, 1});

    const std::string goods =
        "ISI / GOODS: " + c.goods + (c.instructions.empty() ? "" : " · " + c.instructions);
    b.write(b.band(343, 18), goods, {7, 5, 2});

    // The merchant's order id, for its own warehouse scanners.
    b.code(b.band(363, 32), c.order_id, symbology::code128);
    b.write(b.band(396, 11), "ORDER " + c.order_id, {8, 5, 1, false, align::center});
    return b.take();
}

}  // namespace jne::label
