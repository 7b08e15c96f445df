#pragma once

#include <string>
#include <vector>

namespace jne::api {

/// A location code and its display name (getorigin, getdestination, dest/key).
struct place {
    std::string code;
    std::string name;

    bool operator==(const place&) const = default;
};

using place_list = std::vector<place>;

}  // namespace jne::api
