#include "http/compression.hpp"

#include <zlib.h>

#include <stdexcept>

namespace jne::http {

bool accepts_gzip(std::string_view value) {
    while (!value.empty()) {
        const auto comma = value.find(',');
        std::string_view item = value.substr(0, comma);
        value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
        const auto semicolon = item.find(';');
        std::string_view coding = item.substr(0, semicolon);
        while (!coding.empty() && coding.front() == ' ') coding.remove_prefix(1);
        while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
        if (coding.size() != 4 && coding.size() != 6 && coding != "*") continue;
        std::string lower(coding);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower != "gzip" && lower != "x-gzip" && lower != "*") continue;
        if (semicolon == std::string_view::npos) return true;
        // "gzip;q=0" (or 0.0, 0.000) refuses it.
        std::string_view q = item.substr(semicolon + 1);
        while (!q.empty() && q.front() == ' ') q.remove_prefix(1);
        if (!q.starts_with("q=") && !q.starts_with("Q=")) return true;
        q.remove_prefix(2);
        return q.find_first_not_of("0.") != std::string_view::npos;
    }
    return false;
}

std::string gzip(std::string_view body) {
    z_stream z{};
    // 15 bits of window, +16 for gzip's header and trailer; level 6, zlib's default balance.
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out(deflateBound(&z, body.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    z.avail_in = static_cast<uInt>(body.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
    return out;
}

}  // namespace jne::http
