#pragma once

#include <string>
#include <vector>

namespace jne::test {

/// A symbol zbar found: its kind as zbar names it ("CODE-128", "QR-Code") and its data.
struct symbol {
    std::string kind;
    std::string data;
    bool operator==(const symbol&) const = default;
};

/// Every barcode zbar reads in a PNG image (cairo decodes the PNG; zbar scans its grey levels).
std::vector<symbol> read_barcodes(const std::string& png);

/// The data of the symbols of one kind.
std::vector<std::string> data_of(const std::vector<symbol>& found, const std::string& kind);

}  // namespace jne::test
