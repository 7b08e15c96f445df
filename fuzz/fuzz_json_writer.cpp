// The JSON writer against Boost.JSON's parser: whatever bytes go into its strings, what it writes
// parses, and every string that was UTF-8 comes back exactly. (Keys are the contract's own
// literals, never input, and are written as they are.)
//
// Input: strings separated by NUL bytes; the first is an object's value, the rest an array's.
#include "wire/json_out.hpp"

#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// The writer's own idea of UTF-8 is checked against the parser's: a string the parser takes
// as it is must come back unchanged.
bool utf8(std::string_view s) {
    boost::json::error_code ec;
    const auto parsed = boost::json::parse(boost::json::serialize(boost::json::string(s)), ec);
    return !ec && parsed.as_string() == s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string_view> parts;
    for (std::size_t from = 0;;) {
        const auto nul = input.find('\0', from);
        parts.push_back(input.substr(from, nul - from));
        if (nul == std::string_view::npos) break;
        from = nul + 1;
    }
    std::string out;
    jne::wire::json_out j(out);
    j.begin_object().key("first").string(parts[0]).key("rest").begin_array();
    for (std::size_t i = 1; i < parts.size(); ++i) j.string(parts[i]);
    j.end_array().end_object();

    boost::json::error_code ec;
    const boost::json::value parsed = boost::json::parse(out, ec);
    if (ec) std::abort();  // the writer wrote something that is not JSON
    const auto& object = parsed.as_object();
    if (utf8(parts[0]) && object.at("first").as_string() != parts[0]) std::abort();
    const auto& items = object.at("rest").as_array();
    if (items.size() != parts.size() - 1) std::abort();
    for (std::size_t i = 1; i < parts.size(); ++i)
        if (utf8(parts[i]) && items[i - 1].as_string() != parts[i]) std::abort();
    return 0;
}
