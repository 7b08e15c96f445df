#include "support/own_postgres.hpp"

#include "support/free_port.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace jne::test {

namespace {

void run(const std::string& command) {
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

// The newest PostgreSQL installed, as scripts/with-postgres picks it.
std::string postgres_bin() {
    std::string newest;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql")) {
        const std::string bin = (entry.path() / "bin").string();
        if (std::filesystem::exists(bin + "/initdb") && bin > newest) newest = bin;
    }
    if (newest.empty()) throw std::runtime_error("PostgreSQL's server is not installed");
    return newest;
}

}  // namespace

own_postgres::own_postgres() : bin_(postgres_bin()), port_(free_port()) {
    const std::string dir = dir_.path().string();
    if (geteuid() == 0) {  // PostgreSQL refuses to run as root
        run("chown postgres: '" + dir + "'");
        as_owner_ = "runuser -u postgres -- ";
    }
    run(as_owner_ + bin_ + "/initdb -D '" + dir + "/data' -U postgres --auth=trust -E UTF8 " +
        "--locale=C.UTF-8 >'" + dir + "/initdb.log' 2>&1");
    start();
    url_ = "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
}

own_postgres::~own_postgres() {
    try {
        pg_ctl("-m immediate stop");
    } catch (const std::exception&) {
        // already stopped
    }
}

void own_postgres::pg_ctl(const std::string& arguments) const {
    const std::string dir = dir_.path().string();
    run(as_owner_ + bin_ + "/pg_ctl -D '" + dir + "/data' -l '" + dir + "/server.log' -w -t 60 " +
        arguments + " >/dev/null");
}

void own_postgres::stop() { pg_ctl("-m fast stop"); }

void own_postgres::start() {
    pg_ctl("-o '-c listen_addresses=127.0.0.1 -c port=" + std::to_string(port_) +
           " -c unix_socket_directories=" + dir_.path().string() + "' start");
}

}  // namespace jne::test
