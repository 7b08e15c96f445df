#include "support/scratch_postgres.hpp"

#include <unistd.h>
#include <pqxx/pqxx>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace jne::test {

std::string postgres_server_url() {
    const char* url = std::getenv("JNE_TEST_POSTGRES_URL");
    return url ? url : "";
}

bool postgres_tests_wanted() { return JNE_TEST_POSTGRES != 0; }

std::map<std::string, std::string> stored_orders(const std::string& url) {
    pqxx::connection c(url);
    pqxx::read_transaction tx(c);
    std::map<std::string, std::string> out;
    for (const auto& row : tx.exec("SELECT airwaybill, order_id FROM shipments"))
        out.emplace(row[0].as<std::string>(), row[1].as<std::string>());
    return out;
}

namespace {

// Runs one statement outside a transaction (CREATE/DROP DATABASE need that).
void run_on_server(const std::string& sql) {
    pqxx::connection admin(postgres_server_url());
    pqxx::nontransaction tx(admin);
    tx.exec(sql);
}

}  // namespace

scratch_postgres::scratch_postgres() {
    const std::string server = postgres_server_url();
    if (server.empty())
        throw std::runtime_error("no PostgreSQL server: run under scripts/with-postgres");
    static std::atomic<int> counter{0};
    name_ = "jne_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
            std::to_string(std::random_device{}() % 100000);
    run_on_server("CREATE DATABASE " + name_);
    // The server URL names a database last: swap it for ours.
    url_ = server.substr(0, server.rfind('/') + 1) + name_;
}

void scratch_postgres::drop() {
    run_on_server("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

scratch_postgres::~scratch_postgres() {
    try {
        run_on_server("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
        // the throwaway server goes with the run anyway
    }
}

}  // namespace jne::test
