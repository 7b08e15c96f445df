#include "server/database_url.hpp"

#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

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
        return store::postgres::open(url);
    throw std::runtime_error("unknown database URL (expected sqlite:PATH or postgresql://…): " +
                             url);
}

std::string redacted(const std::string& url) {
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed || !parsed->has_password()) return url;
    boost::urls::url copy(*parsed);
    copy.set_password("***");
    return std::string(copy.buffer());
}

}  // namespace jne::server
