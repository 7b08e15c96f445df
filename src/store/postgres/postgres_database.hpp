#pragma once

#include "store/store.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace jne::store::postgres {

/// Connects to the PostgreSQL database a libpq connection URI names
/// (postgresql://user:password@host:port/dbname) and brings its schema up to
/// date. Keeps up to `connections` connections, opened as they are needed.
/// Throws storage_error when it cannot.
std::unique_ptr<database> open(const std::string& url, std::size_t connections = 8);

}  // namespace jne::store::postgres
