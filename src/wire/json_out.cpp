#include "wire/json_out.hpp"

#include <array>
#include <charconv>

namespace jne::wire {

namespace {

// The length of the valid UTF-8 sequence at the start of `s`, or 0.
std::size_t utf8_sequence_length(std::string_view s) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    auto continuation = [&](std::size_t i) { return i < s.size() && (byte(i) & 0xC0) == 0x80; };
    unsigned char lead = byte(0);
    if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (!continuation(1) || !continuation(2)) return 0;
        if (lead == 0xE0 && byte(1) < 0xA0) return 0;  // overlong
        if (lead == 0xED && byte(1) > 0x9F) return 0;  // surrogate
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
        if (lead == 0xF0 && byte(1) < 0x90) return 0;
        if (lead == 0xF4 && byte(1) > 0x8F) return 0;
        return 4;
    }
    return 0;
}

}  // namespace

// The bytes written as they are: printable ASCII but the quote and the backslash. A table, so
// that the run of them every name is made of costs one load and one test a byte.
constexpr std::array<bool, 256> plain_bytes = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
    return plain;
}();

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t clean_from = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (plain_bytes[c]) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            std::size_t n = utf8_sequence_length(text.substr(i));
            if (n != 0) {
                i += n;
                continue;
            }
        }
        out.append(text.substr(clean_from, i - clean_from));
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 15]);
                } else {
                    out += "\\ufffd";
                }
        }
        clean_from = ++i;
    }
    out.append(text.substr(clean_from));
    out.push_back('"');
}

void json_out::separate() {
    if (need_comma_) out_.push_back(',');
}

json_out& json_out::open(char c) {
    separate();
    out_.push_back(c);
    need_comma_ = false;
    return *this;
}

json_out& json_out::close(char c) {
    out_.push_back(c);
    need_comma_ = true;
    return *this;
}

json_out& json_out::key(std::string_view name) {
    separate();
    // Keys are the contract's own names, never user input: nothing to escape.
    out_.push_back('"');
    out_.append(name);
    out_.append("\":", 2);
    need_comma_ = false;
    return *this;
}

json_out& json_out::string(std::string_view text) {
    separate();
    append_json_string(out_, text);
    need_comma_ = true;
    return *this;
}

void append_number_string(std::string& out, std::int64_t value) {
    char digits[24];
    const auto written = std::to_chars(digits, digits + sizeof digits, value);
    out.push_back('"');
    out.append(digits, written.ptr);
    out.push_back('"');
}

json_out& json_out::number_string(std::int64_t value) {
    separate();
    append_number_string(out_, value);
    need_comma_ = true;
    return *this;
}

json_out& json_out::number(std::int64_t value) {
    separate();
    char digits[24];
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
    out_.append(digits, end);
    need_comma_ = true;
    return *this;
}

json_out& json_out::optional_number_string(std::optional<std::int64_t> value) {
    return value ? number_string(*value) : null();
}

json_out& json_out::optional_string(std::optional<std::string_view> text) {
    return text ? string(*text) : null();
}

json_out& json_out::boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
    need_comma_ = true;
    return *this;
}

json_out& json_out::null() {
    separate();
    out_ += "null";
    need_comma_ = true;
    return *this;
}

}  // namespace jne::wire
