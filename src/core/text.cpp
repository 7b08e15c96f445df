#include "core/text.hpp"

#include <algorithm>
#include <cctype>

namespace jne::core {

namespace {
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

std::string normalise(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (char c : text) {
        if (blank(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(upper(c));
    }
    return out;
}

std::string mask_name(std::string_view name) {
    std::string out;
    std::size_t i = 0;
    while (i < name.size()) {
        if (blank(name[i])) {
            ++i;
            continue;
        }
        // A word of punctuation ("-", "&") names nobody: left out.
        const auto lead = static_cast<unsigned char>(name[i]);
        if (lead < 0x80 && std::isalnum(lead) == 0) {
            while (i < name.size() && !blank(name[i])) ++i;
            continue;
        }
        if (!out.empty()) out.push_back(' ');
        // The word's first character: its lead byte and its continuation bytes (10xxxxxx).
        std::size_t end = i + 1;
        while (end < name.size() && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) ++end;
        out.append(name.substr(i, end - i)).append("***");
        while (end < name.size() && !blank(name[end])) ++end;
        i = end;
    }
    return out;
}

}  // namespace jne::core
