#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace jne::csv {

/// How far through a file a tool is, drawn on standard error when it is a terminal:
/// `[#####               ]  25%  what`. Both tools' long reads (catalogue imports,
/// batches of shipments) show one.
class progress_bar {
public:
    explicit progress_bar(std::uint64_t total_bytes);
    /// Ends the line, if anything was drawn.
    ~progress_bar();
    progress_bar(const progress_bar&) = delete;
    progress_bar& operator=(const progress_bar&) = delete;

    /// Redraws at most ten times a second, and always once the end is reached.
    void show(std::uint64_t bytes_read, std::string_view what);

private:
    std::uint64_t total_;
    bool terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_drawn_{};
};

}  // namespace jne::csv
