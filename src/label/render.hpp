#pragma once

#include "api/label.hpp"
#include "label/content.hpp"

#include <span>
#include <string>

namespace jne::label {

/// One PDF, a page of the label's size for each shipment (vector text and barcodes).
std::string render_pdf(std::span<const content> labels, api::label_size size);

/// One label as a PNG at `dpi` (203: a thermal printer's dots, so bars are whole pixels).
std::string render_png(const content& label, api::label_size size, int dpi = 203);

/// ZPL II for a 203 dpi Zebra printer: one ^XA…^XZ format per shipment, laid out as the PDF.
std::string render_zpl(std::span<const content> labels, api::label_size size);

/// The format asked for; PNG holds the first label only (the service asks for one).
std::string render(std::span<const content> labels, api::label_format format, api::label_size size);

}  // namespace jne::label
