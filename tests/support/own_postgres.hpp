#pragma once

#include "support/temp_dir.hpp"

#include <string>

namespace jne::test {

/// A PostgreSQL server of the test's own (a fresh cluster in a temporary folder, on a free port
/// of 127.0.0.1), for tests that stop and start it: the shared one (scripts/with-postgres) must
/// stay up for the others. Run as the `postgres` user when the test runs as root.
class own_postgres {
public:
    own_postgres();
    ~own_postgres();
    own_postgres(const own_postgres&) = delete;
    own_postgres& operator=(const own_postgres&) = delete;

    /// A superuser's URL of its `postgres` database.
    const std::string& url() const { return url_; }
    /// Stops it as an operator would (`pg_ctl stop -m fast`: sessions cut, then down).
    void stop();
    void start();

private:
    void pg_ctl(const std::string& arguments) const;

    temp_dir dir_;
    std::string bin_;
    std::string as_owner_;
    unsigned short port_ = 0;
    std::string url_;
};

}  // namespace jne::test
