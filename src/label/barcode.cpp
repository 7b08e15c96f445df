#include "label/barcode.hpp"

#include <zint.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace jne::label {

std::optional<modules> encode(symbology kind, std::string_view data) {
    const std::unique_ptr<zint_symbol, decltype(&ZBarcode_Delete)> symbol(ZBarcode_Create(),
                                                                          ZBarcode_Delete);
    if (!symbol || data.empty()) return std::nullopt;
    symbol->symbology = kind == symbology::qr ? BARCODE_QRCODE : BARCODE_CODE128;
    symbol->input_mode = UNICODE_MODE;  // UTF-8 in; Code 128 refuses what Latin-1 lacks
    symbol->show_hrt = 0;               // the digits are the layout's own text
    symbol->output_options = BARCODE_NO_QUIET_ZONES;
    if (kind == symbology::qr) symbol->option_1 = 2;  // error correction M: 15% may be lost
    const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
    if (ZBarcode_Encode_and_Buffer_Vector(symbol.get(), bytes, static_cast<int>(data.size()), 0) >=
        ZINT_ERROR)
        return std::nullopt;
    const zint_vector* v = symbol->vector;
    if (v == nullptr || symbol->width <= 0) return std::nullopt;
    // zint's vector units are its own (X-dimension times its scale): normalise to modules.
    const double unit = v->width / symbol->width;
    modules m;
    m.columns = symbol->width;
    m.rows = kind == symbology::qr ? symbol->rows : 1;
    for (const zint_vector_rect* r = v->rectangles; r != nullptr; r = r->next)
        m.dark.push_back({r->x / unit, r->y / unit, r->width / unit, r->height / unit});
    if (kind == symbology::code128)  // a linear code's bars run the box's full height
        for (auto& run : m.dark) run.y = 0, run.height = 1;
    return m;
}

placement place(const modules& m, symbology kind, const box& area) {
    const int span = m.columns + 2 * quiet_zone(kind);
    double fit = area.width / span;
    if (kind == symbology::qr) fit = std::min(fit, area.height / (m.rows + 2 * quiet_zone(kind)));
    placement p;
    p.module = std::max(dot, std::floor(fit / dot) * dot);
    const double width = m.columns * p.module;
    // On the printer's dot grid, so every bar is whole dots wide at 203 dpi.
    p.x = std::round((area.x + (area.width - width) / 2) / dot) * dot;
    if (kind == symbology::qr) {
        p.y = std::round((area.y + (area.height - m.rows * p.module) / 2) / dot) * dot;
        p.bar_height = p.module;
    } else {
        p.y = std::round(area.y / dot) * dot;
        p.bar_height = std::floor(area.height / dot) * dot;
    }
    return p;
}

}  // namespace jne::label
