#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace jne::csv {

/// One row's fields, and its line number (1 for the header).
using row_handler = std::function<void(std::vector<std::string>& fields, std::int64_t line)>;
/// Bytes read through the end of the row about to be handled (before each row).
using progress_handler = std::function<void(std::uint64_t bytes)>;

/// Reads RFC 4180 CSV (quoted fields, embedded commas and line breaks, CRLF)
/// from `in` in 64 KiB chunks and calls `on_row` for every row, so a file of any
/// size is read in constant memory. An empty string, or the parser's complaint.
std::string read(std::istream& in, const row_handler& on_row,
                 const progress_handler& progress = {});

/// Writes one row, quoting only the fields that need it.
void write_row(std::ostream& out, const std::vector<std::string_view>& fields);

}  // namespace jne::csv
