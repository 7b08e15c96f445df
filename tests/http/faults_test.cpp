// Faults under a real server on a real SQLite file: a file it may not write when it starts, a
// file-size limit standing in for a full disk, and another process holding the write lock. In
// each the server refuses writes cleanly (503), keeps reading, and recovers by itself; no
// acknowledged create is lost.
#include "client/client.hpp"
#include "support/requests.hpp"
#include "support/sandbox_database.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <unistd.h>
#include <fstream>
#include <future>
#include <map>
#include <sstream>
#include <thread>

using namespace jne;
namespace fs = std::filesystem;

namespace {

client::client merchant(const test::server_process& server) {
    client::options o{server.base_url(), "TESTAPI", test::sandbox_key};
    o.retries = 0;  // the test sees each refusal
    o.request_timeout = std::chrono::milliseconds(20'000);
    return client::client(o);
}

std::string log_of(const test::server_process& server) {
    std::ifstream in(server.directory() / "server.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Retries `attempt` until it holds or `within` passes.
template <class F>
bool eventually(F attempt, std::chrono::milliseconds within) {
    const auto until = std::chrono::steady_clock::now() + within;
    while (!attempt()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return true;
}

bool refused_as_unavailable(const client::result<api::created>& r) {
    return !r && r.error().http_status == 503;
}

}  // namespace

TEST(Faults, AFileTheServerCannotWriteIsReportedAtStartAndWrittenOnceItCan) {
    // Root writes any file: the server runs as nobody for the mode bits to count.
    test::temp_dir dir;
    const fs::path file = dir / "jne.db";
    fs::copy_file(test::seeded_sandbox_database(), file);
    std::vector<std::string> launcher;
    if (geteuid() == 0) {
        ASSERT_EQ(chown(dir.path().c_str(), 65534, 65534), 0);
        ASSERT_EQ(chown(file.c_str(), 65534, 65534), 0);
        launcher = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
    }
    fs::permissions(dir.path(), fs::perms(0755));
    fs::permissions(file, fs::perms(0444));

    test::server_process server("sqlite:" + file.string(), {}, launcher);
    EXPECT_NE(log_of(server).find("cannot be written"), std::string::npos) << log_of(server);
    const auto [status, body] = test::http_get(server, "/readyz");
    EXPECT_EQ(status, 503u);
    EXPECT_NE(body.find("read-only"), std::string::npos) << body;
    auto api = merchant(server);
    EXPECT_TRUE(api.tariff("CGK10000", "BDO10000", "1").has_value());  // reading goes on
    EXPECT_TRUE(refused_as_unavailable(api.generatecnote(test::example_generatecnote("RO-1"))));

    // SQLite made its -wal and -shm beside it with the database's mode, read-only too.
    EXPECT_TRUE(fs::exists(dir / "jne.db-wal"));
    EXPECT_EQ(fs::status(dir / "jne.db-wal").permissions() & fs::perms::owner_write,
              fs::perms::none);
    // The operator fixes the database's mode, and only its own: the server mends the files it
    // made; nobody restarts anything.
    fs::permissions(file, fs::perms(0644));
    std::string airwaybill;
    EXPECT_TRUE(eventually(
        [&] {
            auto created = api.generatecnote(test::example_generatecnote("RO-1"));
            if (created) airwaybill = created->airwaybill;
            return created.has_value();
        },
        std::chrono::seconds(5)));
    EXPECT_EQ(test::http_get(server, "/readyz").first, 200u);
    EXPECT_TRUE(api.track(airwaybill).has_value());
    const std::string log = log_of(server);
    // Mended, said so, and writable now (SQLite may also have made a sidecar afresh meanwhile,
    // with the database's new mode: then there was nothing left to mend in it).
    EXPECT_NE(log.find("was made while the database was read-only: made writable again"),
              std::string::npos)
        << log;
    for (const char* sidecar : {"jne.db-wal", "jne.db-shm"}) {
        if (!fs::exists(dir / sidecar)) continue;
        EXPECT_NE(fs::status(dir / sidecar).permissions() & fs::perms::owner_write, fs::perms::none)
            << sidecar;
    }
    EXPECT_EQ(log.find("recovered"), log.rfind("recovered")) << "recovered more than once: " << log;
}

TEST(Faults, AFullDiskRefusesCreatesCleanlyAndTheyGoThroughOnceThereIsRoom) {
    // A file-size limit makes every write past it fail as a full disk does; raising it is
    // freeing space. The limit's hard part stays unlimited so that this process may raise it.
    const auto seeded = fs::file_size(test::seeded_sandbox_database());
    const std::string limit = std::to_string(seeded + (256 << 10));
    test::server_process server({}, true, {},
                                {"/usr/bin/prlimit", "--fsize=" + limit + ":unlimited", "--"});
    auto api = merchant(server);
    std::map<std::string, std::string> acknowledged;
    std::vector<std::string> refused;
    for (int i = 0; i < 3000 && refused.size() < 5; ++i) {
        const std::string order = "FULL-" + std::to_string(i);
        auto created = api.generatecnote(test::example_generatecnote(order));
        if (created)
            acknowledged[order] = created->airwaybill;
        else if (refused_as_unavailable(created))
            refused.push_back(order);
        else
            FAIL() << "neither stored nor refused: " << created.error().message;
    }
    ASSERT_EQ(refused.size(), 5u) << "the limit never filled";
    EXPECT_TRUE(api.tariff("CGK10000", "BDO10000", "1").has_value());  // reading goes on
    // A disk that refuses writes is not ready; the probe is a real write, refused as well.
    const auto [status, why] = test::http_get(server, "/readyz");
    EXPECT_EQ(status, 503u) << why;
    EXPECT_NE(why.find("refuses writes"), std::string::npos) << why;
    for (const auto& [order, airwaybill] : acknowledged) EXPECT_TRUE(api.track(airwaybill));

    const auto raised = test::run_command(
        {"/usr/bin/prlimit", "--pid", std::to_string(server.pid()), "--fsize=unlimited"});
    ASSERT_EQ(raised.exit_code, 0) << raised.err;
    // A client retrying what was refused gets it stored, once.
    for (const std::string& order : refused)
        EXPECT_TRUE(eventually(
            [&] {
                auto created = api.generatecnote(test::example_generatecnote(order));
                if (created) acknowledged[order] = created->airwaybill;
                return created.has_value();
            },
            std::chrono::seconds(5)))
            << order;
    EXPECT_TRUE(eventually([&] { return test::http_get(server, "/readyz").first == 200u; },
                           std::chrono::seconds(5)));
    const std::string log = log_of(server);
    server.stop();

    SQLite::Database db(server.database_url().substr(7), SQLite::OPEN_READONLY);
    for (const auto& [order, airwaybill] : acknowledged) {
        SQLite::Statement q(db, "SELECT order_id FROM shipments WHERE airwaybill = ?1");
        q.bind(1, airwaybill);
        ASSERT_TRUE(q.executeStep()) << airwaybill << " was acknowledged but is not stored";
        EXPECT_EQ(q.getColumn(0).getString(), order);
    }
    SQLite::Statement all(db,
                          "SELECT count(*), count(DISTINCT order_id) FROM shipments "
                          "WHERE order_id LIKE 'FULL-%'");
    ASSERT_TRUE(all.executeStep());
    EXPECT_EQ(all.getColumn(0).getInt64(), static_cast<std::int64_t>(acknowledged.size()));
    EXPECT_EQ(all.getColumn(1).getInt64(), all.getColumn(0).getInt64());
    // The incident is one line when it starts and one when it ends, not one per request.
    std::size_t lines = 0;
    for (std::size_t at = log.find("database"); at != std::string::npos;
         at = log.find("database", at + 1))
        ++lines;
    EXPECT_LE(lines, 6u) << log;
}

TEST(Faults, AWriteLockHeldElsewhereDelaysCreatesThenRefusesThemAndTheyRecover) {
    test::server_process server;
    auto api = merchant(server);
    auto earlier = api.generatecnote(test::example_generatecnote("LOCK-0"));
    ASSERT_TRUE(earlier.has_value());

    // Another process, which waits for the server's own short writes (a stored tracking
    // answer, a sandbox step) as SQLite's clients do.
    SQLite::Database other(server.database_url().substr(7), SQLite::OPEN_READWRITE, 2000);
    {
        // Held briefly: the create waits for the lock, then goes through.
        SQLite::Transaction held(other, SQLite::TransactionBehavior::IMMEDIATE);
        auto waiting = std::async(std::launch::async, [&] {
            return merchant(server).generatecnote(test::example_generatecnote("LOCK-1"));
        });
        EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(1500)), std::future_status::timeout);
        EXPECT_TRUE(api.track(earlier->airwaybill).has_value());  // reading goes on meanwhile
        // The probes do not queue behind the waiting batch either: a balancer's readiness
        // check answers at once, and says ready (the file is writable; it is only busy).
        EXPECT_EQ(test::http_get(server, "/readyz").first, 200u);
        EXPECT_EQ(waiting.wait_for(std::chrono::seconds(0)), std::future_status::timeout)
            << "the probe was answered only once the create was";
        held.commit();
        EXPECT_TRUE(waiting.get().has_value());
    }
    {
        // Held past the server's patience (10 s): refused, then served once let go. A create
        // asked while an earlier one waits is refused with it, not after a patience of its own
        // (a webhook claim queued just before a create once made the create wait 20 s).
        SQLite::Transaction held(other, SQLite::TransactionBehavior::IMMEDIATE);
        const auto began = std::chrono::steady_clock::now();
        auto first = std::async(std::launch::async, [&] {
            return merchant(server).generatecnote(test::example_generatecnote("LOCK-2"));
        });
        std::this_thread::sleep_for(std::chrono::seconds(2));
        const auto second_asked = std::chrono::steady_clock::now();
        EXPECT_TRUE(
            refused_as_unavailable(api.generatecnote(test::example_generatecnote("LOCK-3"))));
        EXPECT_LT(std::chrono::steady_clock::now() - second_asked, std::chrono::seconds(10));
        EXPECT_TRUE(refused_as_unavailable(first.get()));
        EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(15));
        held.commit();
    }
    EXPECT_TRUE(api.generatecnote(test::example_generatecnote("LOCK-2")).has_value());
    EXPECT_TRUE(api.generatecnote(test::example_generatecnote("LOCK-3")).has_value());
}
