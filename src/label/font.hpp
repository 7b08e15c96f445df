#pragma once

#include <cairo.h>

namespace jne::label {

/// Selects the labels' font on `cr`, with metrics that do not depend on the surface (no
/// hinting): a line measured while laying out is as wide in the PDF, the PNG and the tests.
void use_font(cairo_t* cr, double size, bool bold);

}  // namespace jne::label
