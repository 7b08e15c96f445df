#include "wire/form.hpp"

#include "api/values.hpp"

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

#include <optional>

namespace jne::wire {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Appends `text` percent-decoded; false on a broken escape. Runs of plain characters are
// appended whole: a form's fields rarely hold an escape.
bool append_decoded(std::string& out, std::string_view text, bool plus_as_space) {
    out.reserve(out.size() + text.size());
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p != end) {
        const char* run = p;
        while (p != end && *p != '%' && (*p != '+' || !plus_as_space)) ++p;
        out.append(run, p);
        if (p == end) break;
        if (*p == '+') {
            out.push_back(' ');
            ++p;
            continue;
        }
        if (end - p < 3) return false;
        const int hi = hex_value(p[1]), lo = hex_value(p[2]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<char>(hi * 16 + lo));
        p += 3;
    }
    return true;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space) {
    std::string out;
    if (!append_decoded(out, text, plus_as_space)) return std::nullopt;
    return out;
}

namespace {

using api::trim;

bool iequals_prefix(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char a = text[i], b = prefix[i];
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        if (a != b) return false;
    }
    return true;
}

// The value of `name=` in a header's parameters (`; boundary="x"`), unquoted.
std::string_view header_parameter(std::string_view header, std::string_view name) {
    std::size_t pos = 0;
    while ((pos = header.find(';', pos)) != std::string_view::npos) {
        std::string_view rest = trim(header.substr(pos + 1));
        ++pos;
        if (!iequals_prefix(rest, name) || rest.size() <= name.size() || rest[name.size()] != '=')
            continue;
        std::string_view value = rest.substr(name.size() + 1);
        if (!value.empty() && value.front() == '"') {
            value.remove_prefix(1);
            return value.substr(0, value.find('"'));
        }
        return trim(value.substr(0, value.find(';')));
    }
    return {};
}

// Collects a flat JSON object's members as text: strings as they are, numbers
// as written, booleans as "true"/"false"; null leaves the field out. Anything
// nested makes the body undecodable.
class flat_object_handler {
public:
    static constexpr std::size_t max_object_size = 1000;
    static constexpr std::size_t max_array_size = 0;
    static constexpr std::size_t max_key_size = 1000;
    static constexpr std::size_t max_string_size = 65536;

    form result;

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code& ec) { return ++depth_ == 1 || fail(ec); }
    bool on_object_end(std::size_t, boost::json::error_code&) { return --depth_, true; }
    bool on_array_begin(boost::json::error_code& ec) { return fail(ec); }
    bool on_array_end(std::size_t, boost::json::error_code&) { return true; }
    bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        return key_.append(s.data(), s.size()), true;
    }
    bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        return key_.append(s.data(), s.size()), true;
    }
    bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
        return value_.append(s.data(), s.size()), true;
    }
    bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code& ec) {
        value_.append(s.data(), s.size());
        return store(ec);
    }
    bool on_number_part(boost::json::string_view s, boost::json::error_code&) {
        return value_.append(s.data(), s.size()), true;
    }
    bool on_int64(std::int64_t, boost::json::string_view s, boost::json::error_code& ec) {
        return number(s, ec);
    }
    bool on_uint64(std::uint64_t, boost::json::string_view s, boost::json::error_code& ec) {
        return number(s, ec);
    }
    bool on_double(double, boost::json::string_view s, boost::json::error_code& ec) {
        return number(s, ec);
    }
    bool on_bool(bool b, boost::json::error_code& ec) {
        value_ = b ? "true" : "false";
        return store(ec);
    }
    bool on_null(boost::json::error_code&) {
        key_.clear();
        return true;
    }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

private:
    bool number(boost::json::string_view s, boost::json::error_code& ec) {
        value_.append(s.data(), s.size());
        return store(ec);
    }
    bool store(boost::json::error_code& ec) {
        if (depth_ != 1) return fail(ec);
        result.add(std::move(key_), std::move(value_));
        key_.clear();
        value_.clear();
        return true;
    }
    static bool fail(boost::json::error_code& ec) {
        ec = boost::json::error::syntax;
        return false;
    }

    int depth_ = 0;
    std::string key_;
    std::string value_;
};

}  // namespace

form decode_urlencoded(std::string_view body) {
    form out;
    out.reserve(8);  // JNE's requests send five to twenty fields
    // Most bodies hold no escape at all: then each field is copied as it is.
    const bool plain =
        body.find('%') == std::string_view::npos && body.find('+') == std::string_view::npos;
    while (!body.empty()) {
        std::size_t amp = body.find('&');
        std::string_view pair = body.substr(0, amp);
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view raw_name = pair.substr(0, eq);
        const std::string_view raw_value =
            eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        if (plain) {
            if (!raw_name.empty()) out.add(std::string(raw_name), std::string(raw_value));
            continue;
        }
        std::string name, value;
        if (append_decoded(name, raw_name, true) && !name.empty() &&
            append_decoded(value, raw_value, true))
            out.add(std::move(name), std::move(value));
    }
    return out;
}

form decode_multipart(std::string_view boundary, std::string_view body) {
    form out;
    if (boundary.empty()) return out;
    const std::string delimiter = "--" + std::string(boundary);
    std::size_t pos = body.find(delimiter);
    while (pos != std::string_view::npos) {
        pos += delimiter.size();
        if (body.substr(pos, 2) == "--") break;  // the closing delimiter
        std::size_t headers_end = body.find("\r\n\r\n", pos);
        std::size_t next = body.find("\r\n" + delimiter, pos);
        if (headers_end == std::string_view::npos || next == std::string_view::npos ||
            headers_end > next)
            break;
        std::string_view headers = body.substr(pos, headers_end - pos);
        std::string_view value = body.substr(headers_end + 4, next - headers_end - 4);
        std::string_view name;
        std::size_t line_start = 0;
        while (line_start < headers.size()) {
            std::size_t line_end = headers.find("\r\n", line_start);
            std::string_view line = trim(headers.substr(line_start, line_end - line_start));
            if (iequals_prefix(line, "content-disposition:")) name = header_parameter(line, "name");
            if (line_end == std::string_view::npos) break;
            line_start = line_end + 2;
        }
        if (!name.empty()) out.add(std::string(name), std::string(value));
        pos = next + 2;
    }
    return out;
}

form decode_json_object(std::string_view body) {
    boost::json::basic_parser<flat_object_handler> parser{boost::json::parse_options{}};
    boost::json::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    if (!ec && parser.done() && used == body.size()) return std::move(parser.handler().result);
    // Not flat: an object whose members nest (a batch of events) keeps them as JSON text.
    boost::json::value doc = boost::json::parse(body, ec);
    if (ec || !doc.is_object()) return {};
    form out;
    for (const auto& [key, value] : doc.get_object()) {
        if (value.is_null()) continue;
        out.add(std::string(key), value.is_string() ? std::string(value.get_string())
                                                    : boost::json::serialize(value));
    }
    return out;
}

form decode_form(std::string_view content_type, std::string_view body) {
    std::string_view type = trim(content_type.substr(0, content_type.find(';')));
    if (iequals_prefix(type, "multipart/form-data"))
        return decode_multipart(header_parameter(content_type, "boundary"), body);
    if (iequals_prefix(type, "application/json")) return decode_json_object(body);
    return decode_urlencoded(body);
}

std::string url_encode(std::string_view text) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(digits[c >> 4]);
            out.push_back(digits[c & 15]);
        }
    }
    return out;
}

}  // namespace jne::wire
