#include "label/barcode.hpp"
#include "label/layout.hpp"
#include "label/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

// ZPL II, written from the same layout as the PDF: positions in dots at 203 dpi, text in the
// printer's scalable font 0 (narrower than DejaVu, so what fits on the PDF fits here).
namespace jne::label {

namespace {

int dots(double points) { return static_cast<int>(std::lround(points / dot)); }

// Field data behind ^FH: the three characters ZPL reads as commands or escapes, in hex.
std::string field_data(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        if (ch == '_')
            out += "_5F";
        else if (ch == '^')
            out += "_5E";
        else if (ch == '~')
            out += "_7E";
        else
            out += ch;
    }
    return out;
}

void write_label(std::string& out, const drawing& d) {
    out += fmt::format("^XA^CI28^PW{}^LL{}^LH0,0\n", dots(d.page.width), dots(d.page.height));
    for (const frame& f : d.frames) {
        const int w = dots(f.area.width), h = dots(f.area.height);
        out += fmt::format("^FO{},{}^GB{},{},{}^FS\n", dots(f.area.x), dots(f.area.y), w, h,
                           f.filled ? std::min(w, h) : 2);
    }
    for (const barcode& c : d.codes) {
        const auto m = encode(c.kind, c.data);
        if (!m) continue;
        const placement p = place(*m, c.kind, c.area);
        const int module = std::max(1, dots(p.module));
        if (c.kind == symbology::qr)  // MA: error correction M, automatic modes
            out += fmt::format("^FO{},{}^BQN,2,{}^FH^FDMA,{}^FS\n", dots(p.x), dots(p.y),
                               std::min(module, 10), field_data(c.data));
        else  // A: the printer picks Code 128's subsets (C for runs of digits)
            out += fmt::format("^FO{},{}^BY{}^BCN,{},N,N,N,A^FH^FD{}^FS\n", dots(p.x), dots(p.y),
                               module, dots(p.bar_height), field_data(c.data));
    }
    for (const text& t : d.texts) {
        const int height = dots(t.size);
        double top = t.first_baseline - t.size * 0.8;
        for (const std::string& line : t.lines) {
            out += fmt::format("^FO{},{}^A0N,{},{}^FB{},1,0,{}{}^FH^FD{}^FS\n", dots(t.area.x),
                               dots(top), height, height, dots(t.area.width),
                               t.how == align::center ? 'C' : 'L', t.white ? "^FR" : "",
                               field_data(line));
            top += t.line_step;
        }
    }
    out += "^XZ\n";
}

}  // namespace

std::string render_zpl(std::span<const content> labels, api::label_size size) {
    std::string out;
    for (const content& c : labels) write_label(out, lay_out(c, size));
    return out;
}

}  // namespace jne::label
