#pragma once

#include "api/error.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace jne::service {

std::optional<store::catalogue_kind> parse_catalogue_kind(std::string_view name);
std::string_view catalogue_kind_name(store::catalogue_kind kind);

/// A row the import left out, and why.
struct skipped_row {
    std::int64_t line;
    std::string reason;
};

struct import_report {
    std::int64_t imported = 0;
    std::int64_t skipped = 0;
    std::vector<skipped_row> skipped_rows;  ///< the first `max_listed_skips`
    static constexpr std::size_t max_listed_skips = 1000;
};

/// Called as the file is read: bytes consumed so far, rows imported so far.
using import_progress = std::function<void(std::uint64_t bytes, std::int64_t rows)>;

/// Replaces one kind of the catalogue with the rows of a CSV file (header row
/// first, columns found by name), streaming: rows go to the store as they are
/// read, in one transaction, so a file of any size imports in constant memory.
/// A row that cannot be used is skipped with its reason; the import goes on.
/// Tariff rows must name known origins, destinations and services.
api::result<import_report> import_catalogue(store::catalogue_store& store,
                                            store::catalogue_kind kind, std::istream& in,
                                            const import_progress& progress = {});

/// Writes one kind of the catalogue as CSV in the format import reads.
void export_catalogue(store::catalogue_store& store, store::catalogue_kind kind, std::ostream& out);

}  // namespace jne::service
