#pragma once

#include "store/store.hpp"

#include <memory>
#include <string>

namespace jne::server {

/// Opens the database a URL names: `sqlite:PATH` or `postgresql://user@host:port/dbname`. Throws
/// std::runtime_error for another scheme or a database that cannot be opened.
std::unique_ptr<store::database> open_database(const std::string& url);

/// The URL with its password, if any, replaced by `***`: fit for a log.
std::string redacted(const std::string& url);

}  // namespace jne::server
