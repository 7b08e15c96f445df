#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jne::wire {

/// The fields of a request body, whatever its encoding. Small (tens of fields),
/// so a vector searched in order beats a map. The first occurrence of a name wins.
class form {
public:
    void add(std::string name, std::string value) {
        fields_.emplace_back(std::move(name), std::move(value));
    }
    void reserve(std::size_t fields) { fields_.reserve(fields); }
    bool has(std::string_view name) const { return find(name) != nullptr; }
    /// The value, or an empty view when the field is absent.
    std::string_view get(std::string_view name) const {
        const std::string* v = find(name);
        return v != nullptr ? std::string_view(*v) : std::string_view();
    }
    const std::string* find(std::string_view name) const {
        for (const auto& [n, v] : fields_)
            if (n == name) return &v;
        return nullptr;
    }
    const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

/// Decodes a request body by its Content-Type: application/x-www-form-urlencoded
/// (also when the type is absent), multipart/form-data, or a flat JSON object.
/// Bad input never throws: a field that cannot be decoded is left out, so it reads
/// as missing; an undecodable body gives an empty form.
form decode_form(std::string_view content_type, std::string_view body);

form decode_urlencoded(std::string_view body);
form decode_multipart(std::string_view boundary, std::string_view body);
/// A flat JSON object's members; members that nest are kept as their JSON text.
form decode_json_object(std::string_view body);

/// Percent-decoding; with `plus_as_space`, '+' is a space (form bodies, not paths).
/// Nothing on a broken escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);

/// Percent-encodes for a urlencoded body or a path segment (the client's side).
std::string url_encode(std::string_view text);

}  // namespace jne::wire
