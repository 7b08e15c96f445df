#include "server/database_url.hpp"

#include "store/sqlite/sqlite_database.hpp"

#include <stdexcept>

namespace jne::server {

std::unique_ptr<store::database> open_database(const std::string& url) {
    if (url.starts_with("sqlite:")) {
        std::string path = url.substr(7);
        if (path.starts_with("//")) path = path.substr(2);  // sqlite:///abs/path also reads well
        if (path.empty()) throw std::runtime_error("the database URL names no file: " + url);
        return store::sqlite::open(path);
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        throw std::runtime_error("this build has no PostgreSQL backend yet; use sqlite:PATH");
    throw std::runtime_error("unknown database URL (expected sqlite:PATH): " + url);
}

}  // namespace jne::server
