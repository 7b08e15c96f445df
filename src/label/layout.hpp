#pragma once

#include "api/label.hpp"
#include "label/content.hpp"

#include <string>
#include <vector>

namespace jne::label {

/// Points (1/72 inch) from the page's top left corner.
struct box {
    double x = 0, y = 0, width = 0, height = 0;
};

/// A page's size in points: 100 × 150 mm is 283.46 × 425.2 pt.
box page_of(api::label_size size);

/// A printer dot at 203 dpi, the thermal printers' resolution: bars are whole dots wide.
inline constexpr double dot = 72.0 / 203.0;

enum class align { left, center };

/// Text fitted into its box: wrapped into lines no wider than the box, at the largest size
/// that fits; ellipsised at the smallest size if even that does not (the layout's tests
/// measure every line with cairo's text extents).
struct text {
    box area;
    std::vector<std::string> lines;
    double size = 10;  ///< the font's size in points
    bool bold = false;
    bool white = false;  ///< on a filled frame
    align how = align::left;
    std::vector<double> line_x;  ///< where each line starts: its ink, not its origin, aligned
    double first_baseline = 0;   ///< y of the first line's baseline
    double line_step = 0;        ///< from one baseline to the next
};

enum class symbology { code128, qr };

struct barcode {
    box area;  ///< the symbol, centred in it, with its quiet zones inside
    std::string data;
    symbology kind = symbology::code128;
};

/// A rectangle drawn as a thin outline, or filled (a box for white text).
struct frame {
    box area;
    bool filled = false;
};

/// One label, ready for any renderer: frames first, then barcodes, then texts on top.
struct drawing {
    box page;
    std::vector<frame> frames;
    std::vector<barcode> codes;
    std::vector<text> texts;
};

/// Where everything goes on a label of this size.
drawing lay_out(const content& c, api::label_size size);

/// The font the labels use (DejaVu Sans, from Debian's fonts-dejavu-core).
inline constexpr const char* font_family = "DejaVu Sans";

}  // namespace jne::label
