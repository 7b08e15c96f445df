#pragma once

#include "store/store.hpp"

#include <memory>
#include <string>

namespace jne::store::sqlite {

/// Opens (creating if need be) the SQLite database at `path` and brings its
/// schema up to date. Throws storage_error when it cannot.
std::unique_ptr<database> open(const std::string& path);

}  // namespace jne::store::sqlite
