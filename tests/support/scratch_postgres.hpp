#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace jne::test {

/// The PostgreSQL server the tests may use (scripts/with-postgres sets it), or "".
std::string postgres_server_url();

/// Whether this tree runs PostgreSQL's cases (the JNE_TEST_POSTGRES option, on by default).
bool postgres_tests_wanted();

/// First in a case that needs the PostgreSQL server: without JNE_TEST_POSTGRES_URL the case fails
/// (a green run must mean they ran), unless the tree was configured with -DJNE_TEST_POSTGRES=OFF:
/// then it is skipped, and ctest lists it as skipped by name.
#define JNE_REQUIRE_POSTGRES()                                                               \
    do {                                                                                     \
        if (::jne::test::postgres_server_url().empty()) {                                    \
            if (::jne::test::postgres_tests_wanted())                                        \
                GTEST_FAIL() << "no PostgreSQL server: run under scripts/with-postgres, or " \
                                "configure with -DJNE_TEST_POSTGRES=OFF to leave them out";  \
            GTEST_SKIP() << "PostgreSQL's cases left out (-DJNE_TEST_POSTGRES=OFF)";         \
        }                                                                                    \
    } while (false)

/// Each stored shipment's order id by its airwaybill, read from the PostgreSQL database at `url`
/// directly: what a durability test checks, without asking the server under test.
std::map<std::string, std::string> stored_orders(const std::string& url);

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
