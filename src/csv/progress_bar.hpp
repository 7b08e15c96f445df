#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace jne::csv {

/// How far through a file a tool is, drawn on standard error when it is a terminal:
/// `[#####               ]  25%  120 rows/s  0:03 left  what`. Both tools' long reads
/// (catalogue imports, batches of shipments) show one.
class progress_bar {
public:
    /// `out` and `always` are for tests: another stream, drawn even when it is not a terminal.
    explicit progress_bar(std::uint64_t total_bytes, std::FILE* out = stderr, bool always = false);
    /// Ends the line, if anything was drawn.
    ~progress_bar();
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;

    /// `bytes_read`: through the end of the last row done; `rows`: how many are done. Redraws
    /// at most ten times a second, and always once the end is reached.
    void show(std::uint64_t bytes_read, std::uint64_t rows, std::string_view what);

    /// The line as drawn: bar, percentage, rate, time left, `what`.
    static std::string line(std::uint64_t total, std::uint64_t bytes_read, std::uint64_t rows,
                            std::chrono::duration<double> elapsed, std::string_view what);

private:
    std::uint64_t total_;
    std::FILE* out_;
    bool terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_drawn_{};
};

}  // namespace jne::csv
