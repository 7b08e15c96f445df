#include "csv/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace jne::csv {

progress_bar::progress_bar(std::uint64_t total_bytes)
    : total_(total_bytes), terminal_(isatty(STDERR_FILENO) != 0) {}

progress_bar::~progress_bar() {
    if (drawn_) std::fputc('\n', stderr);
}

void progress_bar::show(std::uint64_t bytes_read, std::string_view what) {
    const auto now = std::chrono::steady_clock::now();
    const bool done = bytes_read >= total_;
    if (!terminal_ || (drawn_ && !done && now - last_drawn_ < std::chrono::milliseconds(100)))
        return;
    last_drawn_ = now;
    drawn_ = true;
    const auto percent = total_ == 0 || done ? 100 : static_cast<int>(bytes_read * 100 / total_);
    const std::string filled(static_cast<std::size_t>(percent / 5), '#');
    std::fprintf(stderr, "\r[%-20s] %3d%%  %.*s", filled.c_str(), percent,
                 static_cast<int>(what.size()), what.data());
    std::fflush(stderr);
}

}  // namespace jne::csv
