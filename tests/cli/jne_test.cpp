// The jne tool, run as a user would, against a real server.
#include "support/requests.hpp"
#include "support/shared_server.hpp"
#include "wire/requests.hpp"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

using jne::test::run_command;

namespace {

struct JneTool : jne::test::shared_server<JneTool> {
    static std::vector<std::string> server_arguments() { return {"--sandbox-speed", "0.001"}; }
    jne::test::temp_dir dir;

    jne::test::command_result jne(std::vector<std::string> args,
                                  const std::string& key = jne::test::sandbox_key) {
        std::vector<std::string> argv{
            JNE_CLI_BINARY, "--base-url", server->base_url(), "--username", "TESTAPI",
            "--api-key",    key};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_command(argv);
    }

    std::string read(const std::filesystem::path& p) {
        std::ifstream in(p);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

const char* batch_header =
    "OLSHOP_ORDERID,OLSHOP_BRANCH,OLSHOP_CUST,OLSHOP_SHIPPER_NAME,OLSHOP_SHIPPER_ADDR1,OLSHOP_"
    "SHIPPER_ADDR2,"
    "OLSHOP_SHIPPER_CITY,OLSHOP_SHIPPER_ZIP,OLSHOP_SHIPPER_PHONE,OLSHOP_RECEIVER_NAME,OLSHOP_"
    "RECEIVER_ADDR1,"
    "OLSHOP_RECEIVER_ADDR2,OLSHOP_RECEIVER_CITY,OLSHOP_RECEIVER_ZIP,OLSHOP_RECEIVER_PHONE,OLSHOP_"
    "QTY,OLSHOP_WEIGHT,"
    "OLSHOP_GOODSDESC,OLSHOP_GOODSVALUE,OLSHOP_GOODSTYPE,OLSHOP_INS_FLAG,OLSHOP_ORIG,OLSHOP_DEST,"
    "OLSHOP_SERVICE,"
    "OLSHOP_COD_FLAG,OLSHOP_COD_AMOUNT\n";

std::string batch_row(const std::string& order, const std::string& zip = "12345") {
    return order + ",CGK000,TESTAKUN,ALI,\"JL MAWAR, 1\",KALIBATA,JAKARTA," + zip +
           ",0812,ANA,JL MELATI "
           "2,CIBIRU,BANDUNG,40111,0813,1,1,SHOES,100000,2,N,CGK10000,BDO10000,REG,N,0\n";
}

}  // namespace

TEST_F(JneTool, PrintsATariffTableAndTheRawAnswerWithJson) {
    auto r = jne({"tariff", "CGK10000", "BDO10000", "1"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("JAKARTA → BANDUNG"), std::string::npos);
    EXPECT_NE(r.out.find("REG19"), std::string::npos);
    EXPECT_NE(r.out.find("12000"), std::string::npos);
    auto raw = jne({"--json", "tariff", "CGK10000", "BDO10000", "1"});
    EXPECT_TRUE(raw.out.starts_with(R"({"price":[{"origin_name":"JAKARTA")")) << raw.out;
}

TEST_F(JneTool, PricesAParcelBySizeWhenItsVolumetricWeightIsLarger) {
    // 30 × 30 × 30 cm is 4.5 kg by volume, charged as 5 kg: REG's 12000 a kilogram, five times.
    auto r = jne({"tariff", "CGK10000", "BDO10000", "1", "--dims", "30x30x30"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("JAKARTA → BANDUNG, 1 kg, 30x30x30 cm"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("60000"), std::string::npos) << r.out;
    auto raw = jne({"--json", "tariff", "CGK10000", "BDO10000", "1", "--dims", "30x30x30"});
    EXPECT_NE(raw.out.find(R"("price":"60000")"), std::string::npos) << raw.out;
    EXPECT_EQ(jne({"tariff", "CGK10000", "BDO10000", "1", "--dims", "30x30"}).exit_code, 2);
    EXPECT_EQ(jne({"tariff", "CGK10000", "BDO10000", "1", "--dims", "30x-1x3"}).exit_code, 2);
}

TEST_F(JneTool, TracksWithTheCurrentStatusOnTop) {
    auto r = jne({"track", "5403212200022724"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.starts_with("5403212200022724  DELIVERED\n")) << r.out;
    EXPECT_LT(r.out.find("D01"), r.out.find("OP1"));  // newest first
    auto retail = jne({"track", "--retail", "5403212200022724"});
    EXPECT_EQ(retail.exit_code, 0) << retail.err;
    EXPECT_EQ(retail.out, r.out);
    auto raw = jne({"--json", "track", "--retail", "5403212200022724"});
    EXPECT_EQ(raw.exit_code, 0) << raw.err;
    EXPECT_TRUE(raw.out.starts_with("{\"cnote\":{\"cnote_no\":\"5403212200022724\"")) << raw.out;
    // A refusal is printed as the server sent it, and the exit status says it was one.
    auto unknown = jne({"--json", "track", "8800000000000000"});
    EXPECT_EQ(unknown.exit_code, 1) << unknown.err;
    EXPECT_EQ(unknown.out, "{\"error\":\"Cnote No. Not Found.\",\"status\":false}\n");
    auto no_price = jne({"--json", "tariff", "CGK10000", "BDO99999", "1"});
    EXPECT_EQ(no_price.exit_code, 1) << no_price.err;
    EXPECT_EQ(no_price.out, "{\"error\":\"Price Not Found.\",\"status\":false}\n");
}

TEST_F(JneTool, ShipsFromFlagsAndAJsonFileThenCancels) {
    std::ofstream(dir / "order.json")
        << R"({"OLSHOP_BRANCH":"CGK000","OLSHOP_CUST":"TESTAKUN","OLSHOP_ORDERID":"CLI-1",
        "OLSHOP_SHIPPER_NAME":"ALI","OLSHOP_SHIPPER_ADDR1":"JL A","OLSHOP_SHIPPER_ADDR2":"X","OLSHOP_SHIPPER_CITY":"JAKARTA",
        "OLSHOP_SHIPPER_ZIP":"12345","OLSHOP_SHIPPER_PHONE":"0812","OLSHOP_RECEIVER_NAME":"ANA","OLSHOP_RECEIVER_ADDR1":"JL B",
        "OLSHOP_RECEIVER_ADDR2":"Y","OLSHOP_RECEIVER_CITY":"BANDUNG","OLSHOP_RECEIVER_ZIP":"40111","OLSHOP_RECEIVER_PHONE":"0813",
        "OLSHOP_QTY":1,"OLSHOP_WEIGHT":1,"OLSHOP_GOODSDESC":"SHOES","OLSHOP_GOODSVALUE":100000,"OLSHOP_GOODSTYPE":"2",
        "OLSHOP_INS_FLAG":"N","OLSHOP_ORIG":"CGK10000","OLSHOP_DEST":"BDO10000","OLSHOP_SERVICE":"REG",
        "OLSHOP_COD_FLAG":"N","OLSHOP_COD_AMOUNT":0})";
    // A value the route's rules refuse is refused here, in the server's words, and not sent.
    auto refused =
        jne({"ship", "--file", (dir / "order.json").string(), "--field", "OLSHOP_WEIGHT=1,5"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_EQ(refused.err, "jne: OLSHOP_WEIGHT must be a number more than 0\n");
    auto shipped =
        jne({"ship", "--file", (dir / "order.json").string(), "--field", "OLSHOP_ORDERID=CLI-2"});
    ASSERT_EQ(shipped.exit_code, 0) << shipped.err;
    const std::string airwaybill = shipped.out.substr(0, 16);
    EXPECT_TRUE(airwaybill.starts_with("88"));
    auto cancelled = jne({"cancel", airwaybill, "--reason", "wrong size"});
    EXPECT_EQ(cancelled.exit_code, 0) << cancelled.err;
    EXPECT_EQ(jne({"cancel", airwaybill, "--reason", "again"}).exit_code, 1);
}

TEST_F(JneTool, OrdersAPickupFromTheDocumentsExample) {
    const auto example = jne::wire::fields_of(jne::test::example_pickup("CLI-P1"));
    std::vector<std::string> args{"pickup"};
    for (const auto& [k, v] : example) {
        args.push_back("--field");
        args.push_back(k + "=" + v);
    }
    auto r = jne(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.size(), 17u);
}

TEST_F(JneTool, BatchShipsACsvAndARerunCreatesNothingTwice) {
    std::ofstream(dir / "orders.csv")
        << batch_header << batch_row("CSV-1") << batch_row("CSV-2") << batch_row("CSV-3", "123456");
    const auto results = dir / "results.csv";
    auto first =
        jne({"ship", "--csv", (dir / "orders.csv").string(), "--results", results.string()});
    EXPECT_EQ(first.exit_code, 4) << first.err;  // one row failed
    EXPECT_NE(first.out.find("2 created, 0 existing, 1 failed"), std::string::npos) << first.out;
    const std::string first_results = read(results);
    EXPECT_NE(first_results.find("3,CSV-3,,failed,OLSHOP_SHIPPER_ZIP exceeds 5 characters"),
              std::string::npos)
        << first_results;

    auto again =
        jne({"ship", "--csv", (dir / "orders.csv").string(), "--results", results.string()});
    EXPECT_NE(again.out.find("0 created, 2 existing, 1 failed"), std::string::npos) << again.out;
    // The same airwaybills, now reported as existing.
    std::string expected = first_results;
    for (std::size_t at; (at = expected.find(",created,")) != std::string::npos;)
        expected.replace(at, 9, ",exists,");
    EXPECT_EQ(read(results), expected);
}

TEST_F(JneTool, SearchesLocations) {
    auto r = jne({"locations", "search", "bandung"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(r.out.starts_with("BDO10000  BANDUNG\n")) << r.out;
}

TEST_F(JneTool, ExitCodesTellRefusalsUsageAndUnreachableServersApart) {
    EXPECT_EQ(jne({"tariff", "CGK10000", "BDO10000", "1"}, "wrong-key").exit_code, 1);
    EXPECT_EQ(jne({"tariff", "CGK10000", "BDO99999", "1"}).exit_code, 1);
    auto no_weight = jne({"tariff", "CGK10000", "BDO10000", "0"});  // read here, as --dims is
    EXPECT_EQ(no_weight.exit_code, 2);
    EXPECT_NE(no_weight.err.find("weight: must be kilograms above zero"), std::string::npos)
        << no_weight.err;
    EXPECT_EQ(jne({"tariff", "CGK10000"}).exit_code, 2);
    EXPECT_EQ(jne({"fly"}).exit_code, 2);
    EXPECT_EQ(run_command({JNE_CLI_BINARY, "--base-url", "http://127.0.0.1:1", "tariff", "CGK10000",
                           "BDO10000", "1"})
                  .exit_code,
              3);
    EXPECT_EQ(run_command({JNE_CLI_BINARY, "--help"}).exit_code, 0);
}

TEST_F(JneTool, AnUnknownKeyInItsConfigFileIsAnErrorNamingTheKeyAndTheFile) {
    const std::string conf = (dir / "config.toml").string();
    std::ofstream(conf) << "base-url = \"" << server->base_url() << "\"\napikey = \"x\"\n";
    std::filesystem::permissions(conf, std::filesystem::perms(0600));
    auto r = run_command({JNE_CLI_BINARY, "--config", conf, "track", "5403212200022724"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("apikey"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(conf), std::string::npos) << r.err;
}

TEST_F(JneTool, ReadsCredentialsFromTheEnvironmentAndAConfigFile) {
    std::ofstream(dir / "config.toml")
        << "base-url = \"" << server->base_url() << "\"\nusername = \"TESTAPI\"\napi-key = \""
        << jne::test::sandbox_key << "\"\n";
    auto r = run_command(
        {JNE_CLI_BINARY, "--config", (dir / "config.toml").string(), "track", "5403212200022724"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto env =
        run_command({"/usr/bin/env", "JNE_BASE_URL=" + server->base_url(), "JNE_USERNAME=TESTAPI",
                     std::string("JNE_API_KEY=") + jne::test::sandbox_key, JNE_CLI_BINARY, "track",
                     "5403212200022724"});
    EXPECT_EQ(env.exit_code, 0) << env.err;
}

TEST_F(JneTool, TakesGlobalOptionsAfterTheSubcommandAndSaysUsageErrorsInOneLine) {
    auto r = jne({"tariff", "CGK10000", "BDO10000", "1", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(r.out.starts_with(R"({"price":[)")) << r.out;
    auto wrong = jne({"tariff", "--no-such-flag"});
    EXPECT_EQ(wrong.exit_code, 2);
    EXPECT_EQ(std::count(wrong.err.begin(), wrong.err.end(), '\n'), 1) << wrong.err;
    EXPECT_NE(wrong.err.find("jne --help"), std::string::npos) << wrong.err;
}

TEST_F(JneTool, TakesAFlagOverTheEnvironmentAndTheEnvironmentOverTheConfigFile) {
    // The file names a server nobody answers on; the environment the real one.
    const std::string nowhere = "http://127.0.0.1:1";
    std::filesystem::create_directories(dir / "xdg" / "jne");
    std::ofstream(dir / "xdg" / "jne" / "config.toml")
        << "base-url = \"" << nowhere << "\"\nusername = \"TESTAPI\"\napi-key = \""
        << jne::test::sandbox_key << "\"\n";
    std::filesystem::permissions(
        dir / "xdg" / "jne" / "config.toml",
        std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    const std::string xdg = "XDG_CONFIG_HOME=" + (dir / "xdg").string();
    auto file_only =
        run_command({"/usr/bin/env", xdg, JNE_CLI_BINARY, "track", "5403212200022724"});
    EXPECT_EQ(file_only.exit_code, 3) << file_only.err;  // found $XDG_CONFIG_HOME/jne/config.toml
    EXPECT_EQ(file_only.err.find("warning"), std::string::npos) << file_only.err;
    auto env_wins = run_command({"/usr/bin/env", xdg, "JNE_BASE_URL=" + server->base_url(),
                                 JNE_CLI_BINARY, "track", "5403212200022724"});
    EXPECT_EQ(env_wins.exit_code, 0) << env_wins.err;
    auto flag_wins =
        run_command({"/usr/bin/env", xdg, "JNE_BASE_URL=" + server->base_url(), JNE_CLI_BINARY,
                     "track", "5403212200022724", "--base-url", nowhere});
    EXPECT_EQ(flag_wins.exit_code, 3) << flag_wins.err;
}

TEST_F(JneTool, WarnsWhenTheFileHoldingTheKeyIsReadableByOthers) {
    std::ofstream(dir / "config.toml")
        << "base-url = \"" << server->base_url() << "\"\nusername = \"TESTAPI\"\napi-key = \""
        << jne::test::sandbox_key << "\"\n";
    std::filesystem::permissions(dir / "config.toml", std::filesystem::perms(0644));
    auto r = run_command(
        {JNE_CLI_BINARY, "--config", (dir / "config.toml").string(), "track", "5403212200022724"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.err.find("holds an API key and others can read it; chmod 600"), std::string::npos)
        << r.err;
    std::filesystem::permissions(dir / "config.toml", std::filesystem::perms(0600));
    r = run_command(
        {JNE_CLI_BINARY, "--config", (dir / "config.toml").string(), "track", "5403212200022724"});
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
}

namespace {

// A server that answers every request with one body (HTTP 200), whatever was asked: what the
// tool does with answers no JNE server gives.
class stub_server {
public:
    stub_server() {
        acceptor_.listen();
        thread_ = std::thread([this] {
            for (;;) {
                boost::asio::ip::tcp::socket s(io_);
                boost::system::error_code ec;
                acceptor_.accept(s, ec);
                if (ec || stopping_) return;
                boost::beast::flat_buffer buffer;
                boost::beast::http::request<boost::beast::http::string_body> request;
                boost::beast::http::read(s, buffer, request, ec);
                std::string body;
                {
                    const std::lock_guard lock(mutex_);
                    body = body_;
                }
                const std::string answer =
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
                boost::asio::write(s, boost::asio::buffer(answer), ec);
            }
        });
    }
    ~stub_server() {
        stopping_ = true;
        boost::system::error_code ec;
        boost::asio::ip::tcp::socket poke(io_);
        poke.connect(acceptor_.local_endpoint(), ec);
        thread_.join();
    }
    stub_server(const stub_server&) = delete;
    stub_server& operator=(const stub_server&) = delete;

    void answer_with(std::string body) {
        const std::lock_guard lock(mutex_);
        body_ = std::move(body);
    }
    std::string url() const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
    }

private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_{io_, {boost::asio::ip::make_address("127.0.0.1"), 0}};
    std::mutex mutex_;
    std::string body_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace

TEST(JneToolAgainstOddAnswers, EverySubcommandEndsWithAMessageAndAnExitCodeNeverACrash) {
    stub_server server;
    jne::test::temp_dir dir;
    const std::vector<std::vector<std::string>> commands{
        {"tariff", "CGK10000", "BDO10000", "1"},
        {"track", "5403212200022724"},
        {"track", "5403212200022724", "--retail"},
        {"ship", "--field", "OLSHOP_ORDERID=X1", "--field", "OLSHOP_WEIGHT=1"},
        {"pickup", "--field", "PICKUP_NAME=X"},
        {"cancel", "5403212200022724", "--reason", "test"},
        {"locations", "search", "bandung"},
        {"locations", "origins"},
        {"label", "5403212200022724", "-o", (dir / "label.pdf").string()},
    };
    const std::vector<std::string> bodies{
        "",
        "{}",
        "[]",
        "null",
        "garbage",
        R"({"price":[]})",
        R"({"price":[{}]})",
        R"({"price":null})",
        R"({"cnote":{}})",
        R"({"cnote":{},"detail":[],"history":[]})",
        R"({"cnote":null,"detail":null,"history":null})",
        R"({"detail":[]})",
        R"({"detail":[{}]})",
        R"({"detail":[{"status":"sukses"}]})",
        R"({"status":true})",
        R"({"success":true,"awb":""})",
        R"({"detail":{"status":"sukses"}})",
    };
    for (const std::string& body : bodies) {
        server.answer_with(body);
        for (const auto& command : commands) {
            std::vector<std::string> argv{JNE_CLI_BINARY, "--base-url", server.url(), "--username",
                                          "TESTAPI",      "--api-key",  "x"};
            argv.insert(argv.end(), command.begin(), command.end());
            const auto r = run_command(argv);
            const std::string what = command.front() + " " + command[1] + " on " + body;
            EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 2 ||
                        r.exit_code == 3)
                << what << ": exit " << r.exit_code << "\n"
                << r.err;
            if (r.exit_code != 0) {
                EXPECT_NE(r.err, "") << what << ": exit " << r.exit_code << " without a word";
            }
        }
    }
}
