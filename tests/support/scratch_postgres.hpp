#pragma once

#include <string>

namespace jne::test {

/// The PostgreSQL server the tests may use (scripts/with-postgres sets it), or "".
std::string postgres_server_url();

/// A database of its own on that server, created empty and dropped (with any
/// connection still open to it) when the object goes.
class scratch_postgres {
public:
    scratch_postgres();
    ~scratch_postgres();
    scratch_postgres(const scratch_postgres&) = delete;
    scratch_postgres& operator=(const scratch_postgres&) = delete;
    const std::string& url() const { return url_; }
    /// Drops the database now, cutting off whoever is connected to it.
    void drop();

private:
    std::string name_;
    std::string url_;
};

}  // namespace jne::test
