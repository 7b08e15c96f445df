#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "label/layout.hpp"

namespace jne::label {

/// A symbol as zint encodes it, in modules: the dark rectangles of a grid `columns` wide and
/// `rows` high (1 for a linear code, whose bars run the full height).
struct modules {
    int columns = 0;
    int rows = 0;
    struct run {
        double x, y, width, height;
    };
    std::vector<run> dark;
};

/// Nothing when zint cannot encode the data (Code 128 takes Latin-1 only).
std::optional<modules> encode(symbology kind, std::string_view data);

/// Quiet zones, in modules, that scanners need on each side.
inline int quiet_zone(symbology kind) { return kind == symbology::qr ? 4 : 10; }

/// Where a symbol's modules go in its box: whole printer dots per module, centred.
struct placement {
    double x = 0, y = 0;  ///< the top left of the first module
    double module = 0;    ///< a module's width (and a QR module's height)
    double bar_height = 0;
};
placement place(const modules& m, symbology kind, const box& area);

}  // namespace jne::label
