#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jne::wire {

/// Appends JSON to a string with no document in between: the hot routes write
/// their answers straight into the response body. Commas are placed by the
/// writer; the caller states structure and key order, which is the contract.
class json_out {
public:
    explicit json_out(std::string& out) : out_(out) {}

    json_out& begin_object() { return open('{'); }
    json_out& end_object() { return close('}'); }
    json_out& begin_array() { return open('['); }
    json_out& end_array() { return close(']'); }
    /// A member name of the contract (written as is: never pass user input here).
    json_out& key(std::string_view name);

    json_out& string(std::string_view text);
    /// JNE writes every number as a string: "12000".
    json_out& number_string(std::int64_t value);
    /// A JSON number, for the project's own routes (JNE's write numbers as strings).
    json_out& number(std::int64_t value);
    json_out& optional_number_string(std::optional<std::int64_t> value);
    json_out& optional_string(std::optional<std::string_view> text);
    json_out& boolean(bool value);
    json_out& null();

private:
    json_out& open(char c);
    json_out& close(char c);
    void separate();

    std::string& out_;
    bool need_comma_ = false;
};

/// Appends `text` as a quoted JSON string: quotes, backslashes and control
/// characters escaped; bytes that are not UTF-8 replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text);

/// Appends an integer as JNE writes most of its numbers: a string of digits ("12000").
void append_number_string(std::string& out, std::int64_t value);

}  // namespace jne::wire
