// jne-server's administration commands, run as a user would.
#include "client/client.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

using jne::test::run_command;
using jne::test::temp_dir;

namespace {
std::vector<std::string> server_command(const temp_dir& dir, std::vector<std::string> args) {
    std::vector<std::string> argv{JNE_SERVER_BINARY, "--db",
                                  "sqlite:" + (dir / "admin.db").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
}
}  // namespace

TEST(CatalogueCommand, ImportsThePublishedDestinationListAndReportsTheSkippedRow) {
    temp_dir dir;
    auto r = run_command(server_command(
        dir, {"catalogue", "import", "locations", JNE_SANDBOX_DATA_DIR "/destinations.csv"}));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("84239 rows imported, 1 skipped"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("skipped: tariff code 'POSTAL_DES'"), std::string::npos) << r.out;
}

TEST(CatalogueCommand, ExportsWhatItImported) {
    temp_dir dir;
    ASSERT_EQ(run_command(server_command(dir, {"catalogue", "import", "branches",
                                               JNE_SANDBOX_DATA_DIR "/branches.csv"}))
                  .exit_code,
              0);
    auto r = run_command(server_command(dir, {"catalogue", "export", "branches", "-"}));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(r.out.starts_with("branch_code,branch_name\n"));
    EXPECT_NE(r.out.find("CGK000,"), std::string::npos);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 322);
}

TEST(CatalogueCommand, RefusesUnknownKindsAndMissingFiles) {
    temp_dir dir;
    EXPECT_NE(run_command(server_command(dir, {"catalogue", "import", "planets",
                                               JNE_SANDBOX_DATA_DIR "/branches.csv"}))
                  .exit_code,
              0);
    EXPECT_NE(
        run_command(server_command(dir, {"catalogue", "import", "branches", "/no/such/file.csv"}))
            .exit_code,
        0);
}

TEST(AccountsCommand, AddsListsRotatesAndDisables) {
    temp_dir dir;
    auto added = run_command(server_command(
        dir, {"accounts", "add", "shop", "--customer", "80519800,10950700", "--branch", "CGK000"}));
    ASSERT_EQ(added.exit_code, 0) << added.err;
    auto key_at = added.out.find("api_key:");
    ASSERT_NE(key_at, std::string::npos);
    EXPECT_EQ(run_command(server_command(dir, {"accounts", "add", "shop"})).exit_code, 1);
    auto listed = run_command(server_command(dir, {"accounts", "list"}));
    EXPECT_NE(listed.out.find("shop"), std::string::npos);
    EXPECT_NE(listed.out.find("80519800,10950700"), std::string::npos);
    EXPECT_EQ(listed.out.find(added.out.substr(key_at + 10, 32)),
              std::string::npos);  // keys are never shown again
    auto rotated = run_command(server_command(dir, {"accounts", "rotate-key", "shop"}));
    EXPECT_EQ(rotated.exit_code, 0);
    EXPECT_NE(rotated.out.substr(rotated.out.find("api_key:")), added.out.substr(key_at));
    EXPECT_EQ(run_command(server_command(dir, {"accounts", "disable", "shop"})).exit_code, 0);
    EXPECT_NE(run_command(server_command(dir, {"accounts", "list"})).out.find("disabled"),
              std::string::npos);
    EXPECT_EQ(run_command(server_command(dir, {"accounts", "disable", "nobody"})).exit_code, 1);
    EXPECT_EQ(run_command(server_command(dir, {"accounts", "enable", "shop"})).exit_code, 0);
    EXPECT_EQ(run_command(server_command(dir, {"accounts", "list"})).out.find("disabled"),
              std::string::npos);
    EXPECT_EQ(run_command(server_command(dir, {"accounts", "enable", "nobody"})).exit_code, 1);
}

TEST(ServeCommand, StopsCleanlyOnSigterm) {
    jne::test::server_process server;
    EXPECT_EQ(server.stop(), 0);
}

TEST(ServeCommand, PicksUpAnImportMadeWhileItRuns) {
    jne::test::server_process server;
    temp_dir dir;
    std::ofstream(dir / "tariffs.csv")
        << "origin_code,destination_code,service_code,price,etd_from,etd_thru\n"
           "SUB10000,BDO10000,REG19,77000,2,3\n";
    auto r = run_command({JNE_SERVER_BINARY, "--db", server.database_url(), "catalogue", "import",
                          "tariffs", (dir / "tariffs.csv").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The server polls the database's version every second.
    std::string answer;
    for (int i = 0; i < 40 && answer.find("77000") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        answer = run_command({"/usr/bin/curl", "-s", "-X", "POST",
                              server.base_url() + "/tracing/api/pricedev", "-d",
                              "username=TESTAPI&api_key=25c898a9faea1a100859ecd9ef674548&from="
                              "SUB10000&thru=BDO10000&weight=1"})
                     .out;
    }
    EXPECT_NE(answer.find("\"price\":\"77000\""), std::string::npos) << answer;
}

// --cache-mb is shared among the caches, and what they hold stays within each share whatever
// the keys asked (the metrics say both).
TEST(ServeCommand, SharesCacheMbAmongTheCachesAndStaysWithinIt) {
    jne::test::server_process server({"--cache-mb", "1"});
    const std::vector<const char*> places{"CGK10000", "BDO10000", "SUB10000", "MES10000",
                                          "DPS10000", "JOG10000", "BTH10000", "DJJ10000"};
    // One curl, one connection: each --next is another request with its own body.
    // Each asked twice: a priced list is kept from its second ask.
    std::vector<std::string> curl{"/usr/bin/curl", "-s"};
    for (int ask = 0; ask < 2; ++ask)
        for (const char* from : places)
            for (const char* thru : places)
                for (int kg = 1; kg <= 5; ++kg) {
                    if (curl.size() > 2) curl.emplace_back("--next");
                    curl.insert(
                        curl.end(),
                        {server.base_url() + "/tracing/api/pricedev", "-d",
                         std::string("username=TESTAPI&api_key=25c898a9faea1a100859ecd9ef67454"
                                     "8&from=") +
                             from + "&thru=" + thru + "&weight=" + std::to_string(kg)});
                }
    const auto answers = run_command(curl);
    std::size_t lists = 0;
    for (auto at = answers.out.find(R"({"price":[)"); at != std::string::npos;
         at = answers.out.find(R"({"price":[)", at + 1))
        ++lists;
    ASSERT_EQ(lists, 2 * places.size() * places.size() * 5) << answers.out.substr(0, 2000);
    const std::string m = run_command({"/usr/bin/curl", "-s", server.base_url() + "/metrics"}).out;
    auto value = [&m](const std::string& series) {
        const auto found = jne::test::metric(m, series);
        EXPECT_TRUE(found.has_value()) << series << "\n" << m;
        return found.value_or(-1.0);
    };
    const auto share = static_cast<double>((std::size_t{1} << 20) / 24);  // a 24th of a MB
    EXPECT_EQ(value(R"(jne_cache_limit_bytes{cache="tariff_json"})"), 4 * share);
    EXPECT_EQ(value(R"(jne_cache_limit_bytes{cache="tracking"})"), 10 * share);
    EXPECT_EQ(value(R"(jne_cache_limit_bytes{cache="gzip"})"), 5 * share);
    // 320 priced lists of about a kilobyte each: more than the tariff JSON's 170 KB.
    const double held = value(R"(jne_cache_bytes{cache="tariff_json"})");
    EXPECT_GT(held, 0);
    EXPECT_LE(held, 4 * share);
    EXPECT_GT(value(R"(jne_cache_bytes{cache="tariff_quotes"})"), 0);

    const auto refused = run_command({JNE_SERVER_BINARY, "serve", "--cache-mb", "0"});
    EXPECT_EQ(refused.exit_code, 2) << refused.err;
}

// The budget holds the process's memory, not only what the caches count of themselves: 10,000
// distinct price lists, each asked twice (a list is kept from its second ask), are some 30 MB
// of answers. Measured from outside, as the process's private resident memory.
TEST(ServeCommand, TheCacheBudgetBoundsTheProcesssMemory) {
    const auto growth_kib = [](const std::string& cache_mb) {
        jne::test::server_process server({"--cache-mb", cache_mb});
        jne::client::client api({server.base_url(), "TESTAPI", "25c898a9faea1a100859ecd9ef674548"});
        const auto places = api.destinations();
        EXPECT_TRUE(places.has_value() && places->size() > 100);
        if (!places || places->size() <= 100) return -1L;
        const auto ask = [&](int first_kg, int last_kg) {
            std::vector<std::thread> askers;
            for (int t = 0; t < 2; ++t)
                askers.emplace_back([&, t] {
                    jne::client::client own(
                        {server.base_url(), "TESTAPI", "25c898a9faea1a100859ecd9ef674548"});
                    for (int kg = first_kg + t; kg <= last_kg; kg += 2)
                        for (std::size_t d = 0; d < 100; ++d)
                            for (int twice = 0; twice < 2; ++twice)
                                (void)own.tariff("CGK10000", (*places)[d].code, std::to_string(kg));
                });
            for (auto& a : askers) a.join();
        };
        ask(1, 10);  // the allocator's pools and the caches' tables warmed
        const long before = jne::test::private_kib(server.pid());
        ask(11, 110);
        return jne::test::private_kib(server.pid()) - before;
    };
    const long bounded = growth_kib("1");
    RecordProperty("kib_grown_with_1_mb", std::to_string(bounded));
    if (!jne::test::memory_is_measurable)
        GTEST_SKIP() << "the sanitizers' allocators keep freed memory: the answers were checked";
    EXPECT_LT(bounded, 8 * 1024) << "kB grown with --cache-mb 1";
    // The same questions with room for every answer: the measure sees them held.
    const long roomy = growth_kib("256");
    RecordProperty("kib_grown_with_256_mb", std::to_string(roomy));
    EXPECT_GT(roomy, bounded + 10 * 1024) << "kB grown with --cache-mb 256; with 1: " << bounded;
}

// A port another process holds is one line that says which and why, and exit status 1.
TEST(ServerTool, SaysInOneLineThatItsPortIsTaken) {
    jne::test::server_process first;
    temp_dir dir;
    const std::string port = std::to_string(first.port());
    // Several times: the sandbox's workers run while the listen fails, and once stopped in the
    // wrong order as serve unwound (a batch reported to metrics already destroyed: SIGSEGV).
    for (int attempt = 0; attempt < 4; ++attempt) {
        const auto second = run_command(
            server_command(dir, {"serve", "--sandbox", "--address", "127.0.0.1", "--port", port}));
        EXPECT_EQ(second.exit_code, 1) << "attempt " << attempt;
        EXPECT_NE(
            second.err.find("cannot listen on 127.0.0.1:" + port + ": Address already in use\n"),
            std::string::npos)
            << second.err;
        EXPECT_EQ(second.err.find("asio"), std::string::npos) << second.err;
    }
}

TEST(ServerTool, TakesGlobalOptionsAnywhereAndTheEnvironmentOverItsConfigFile) {
    temp_dir dir;
    const std::string a = "sqlite:" + (dir / "a.db").string(),
                      b = "sqlite:" + (dir / "b.db").string();
    ASSERT_EQ(run_command({JNE_SERVER_BINARY, "accounts", "add", "in-a", "--db", a}).exit_code, 0);
    ASSERT_EQ(run_command({JNE_SERVER_BINARY, "--db", b, "accounts", "add", "in-b"}).exit_code, 0);
    std::ofstream(dir / "server.conf") << "db = \"" << a << "\"\n";
    const std::string conf = (dir / "server.conf").string();
    auto from_file = run_command({JNE_SERVER_BINARY, "--config", conf, "accounts", "list"});
    EXPECT_NE(from_file.out.find("in-a"), std::string::npos) << from_file.out << from_file.err;
    auto from_env = run_command(
        {"/usr/bin/env", "JNE_DB=" + b, JNE_SERVER_BINARY, "--config", conf, "accounts", "list"});
    EXPECT_NE(from_env.out.find("in-b"), std::string::npos) << from_env.out << from_env.err;
    auto from_flag = run_command({"/usr/bin/env", "JNE_DB=" + b, JNE_SERVER_BINARY, "--config",
                                  conf, "accounts", "list", "--db", a});
    EXPECT_NE(from_flag.out.find("in-a"), std::string::npos) << from_flag.out << from_flag.err;
}

// A misspelt setting is an error that names it and its file, at the top and in [serve].
TEST(ServerTool, AnUnknownKeyInItsConfigFileIsAnErrorNamingTheKeyAndTheFile) {
    temp_dir dir;
    const std::string conf = (dir / "server.conf").string();
    std::ofstream(conf) << "db = \"sqlite:" << (dir / "a.db").string()
                        << "\"\nlog-fromat = \"json\"\n";
    auto top = run_command({JNE_SERVER_BINARY, "--config", conf, "accounts", "list"});
    EXPECT_EQ(top.exit_code, 2);
    EXPECT_NE(top.err.find("log-fromat"), std::string::npos) << top.err;
    EXPECT_NE(top.err.find(conf), std::string::npos) << top.err;
    std::ofstream(conf) << "[serve]\nprot = 10102\n";
    auto section = run_command({JNE_SERVER_BINARY, "--config", conf, "serve", "--port", "0"});
    EXPECT_EQ(section.exit_code, 2);
    EXPECT_NE(section.err.find("prot"), std::string::npos) << section.err;
    EXPECT_NE(section.err.find(conf), std::string::npos) << section.err;
}

TEST(ServerTool, SaysAUsageErrorInOneLineAndExits2) {
    auto r = run_command({JNE_SERVER_BINARY, "serve", "--no-such-flag"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err,
              "jne-server: The following argument was not expected: --no-such-flag (see "
              "jne-server --help)\n");
    EXPECT_EQ(run_command({JNE_SERVER_BINARY, "--version"}).exit_code, 0);
    EXPECT_NE(run_command({JNE_SERVER_BINARY, "--version"}).out.find("(commit "),
              std::string::npos);
}
