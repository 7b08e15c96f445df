#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jne::api {

/// What a label is drawn as: a PDF page each, one PNG, or ZPL for Zebra printers.
enum class label_format { pdf, png, zpl };

/// The label's paper: a 100 × 150 mm thermal label, or an A6 sheet (105 × 148 mm).
enum class label_size { thermal_100x150, a6 };

/// POST /tracing/api/label/{AWB}: the shipments to label, by airwaybill or by the caller's
/// own reference, in the order given.
struct label_request {
    std::vector<std::string> numbers;
    label_format format = label_format::pdf;
    label_size size = label_size::thermal_100x150;

    bool operator==(const label_request&) const = default;
};

/// The most labels one request may ask for: a day's batch of a busy merchant, rendered in
/// about a second (bench/label_bench.cpp).
inline constexpr std::size_t max_labels = 500;

/// A label as bytes, sent as they are with the format's content type.
struct label_file {
    label_format format = label_format::pdf;
    std::string bytes;
};

inline std::string_view content_type(label_format f) {
    switch (f) {
        case label_format::png:
            return "image/png";
        case label_format::zpl:
            return "text/plain; charset=utf-8";
        case label_format::pdf:
            break;
    }
    return "application/pdf";
}

inline std::string_view extension(label_format f) {
    switch (f) {
        case label_format::png:
            return "png";
        case label_format::zpl:
            return "zpl";
        case label_format::pdf:
            break;
    }
    return "pdf";
}

}  // namespace jne::api
