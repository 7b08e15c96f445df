#include "http/framing.hpp"

#include <boost/beast/core/string.hpp>

namespace jne::http {

namespace bhttp = boost::beast::http;

bool folds_a_line(std::string_view buffered) {
    const std::size_t end = buffered.find("\r\n\r\n");
    const std::string_view header =
        end == std::string_view::npos ? buffered : buffered.substr(0, end + 2);
    for (std::size_t at = header.find('\n'); at != std::string_view::npos;
         at = header.find('\n', at + 1)) {
        if (at + 1 < header.size() && (header[at + 1] == ' ' || header[at + 1] == '\t'))
            return true;
    }
    return false;
}

bool ambiguous_framing(const bhttp::fields& header, unsigned version) {
    std::size_t hosts = 0;
    std::size_t codings = 0;
    bool only_chunked = true;
    for (const auto& f : header) {
        if (f.name() == bhttp::field::host) ++hosts;
        if (f.name() != bhttp::field::transfer_encoding) continue;
        ++codings;
        std::string_view value(f.value().data(), f.value().size());
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
            value.remove_prefix(1);
        while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
            value.remove_suffix(1);
        only_chunked = only_chunked && boost::beast::iequals(value, "chunked");
    }
    if (hosts > 1) return true;
    if (codings == 0) return false;
    return version < 11 || codings > 1 || !only_chunked;
}

}  // namespace jne::http
