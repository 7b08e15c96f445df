#include "csv/progress_bar.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace jne::csv {

progress_bar::progress_bar(std::uint64_t total_bytes, std::FILE* out, bool always)
    : total_(total_bytes), out_(out), terminal_(always || isatty(fileno(out)) != 0) {}

progress_bar::~progress_bar() {
    if (drawn_) std::fputc('\n', out_);
}

std::string progress_bar::line(std::uint64_t total, std::uint64_t bytes_read, std::uint64_t rows,
                               std::chrono::duration<double> elapsed, std::string_view what) {
    const bool done = bytes_read >= total;
    const int percent = total == 0 || done ? 100 : static_cast<int>(bytes_read * 100 / total);
    const std::string filled(static_cast<std::size_t>(percent / 5), '#');
    const double seconds = std::max(elapsed.count(), 1e-3);
    std::string left = "-:--";
    if (done) {
        left = "0:00";
    } else if (bytes_read > 0) {  // what is left, at the pace so far
        const auto s = static_cast<std::int64_t>(seconds * static_cast<double>(total - bytes_read) /
                                                 static_cast<double>(bytes_read));
        left = fmt::format("{}:{:02}", s / 60, s % 60);
    }
    return fmt::format("[{:<20}] {:>3}%  {:.0f} rows/s  {} left  {}", filled, percent,
                       static_cast<double>(rows) / seconds, left, what);
}

void progress_bar::show(std::uint64_t bytes_read, std::uint64_t rows, std::string_view what) {
    const auto now = std::chrono::steady_clock::now();
    const bool done = bytes_read >= total_;
    if (!terminal_ || (drawn_ && !done && now - last_drawn_ < std::chrono::milliseconds(100)))
        return;
    last_drawn_ = now;
    drawn_ = true;
    // \x1b[K clears what a longer line before left.
    const std::string text = line(total_, bytes_read, rows, now - started_, what);
    std::fprintf(out_, "\r%s\x1b[K", text.c_str());
    std::fflush(out_);
}

}  // namespace jne::csv
