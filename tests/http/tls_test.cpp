// TLS beside plain HTTP, against a real server: curl, the jne tool and OpenSSL's own client
// connect as merchants' code would, verifying the certificate; SIGHUP swaps the certificate
// under load without dropping a connection.
#include "support/requests.hpp"
#include "support/server_process.hpp"

#include <gtest/gtest.h>
#include <openssl/x509.h>
#include <signal.h>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

using namespace jne;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace fs = std::filesystem;
using tcp = asio::ip::tcp;

namespace {

const std::string tariff_body = std::string("username=TESTAPI&api_key=") + test::sandbox_key +
                                "&from=CGK10000&thru=BDO10000&weight=1";

// The certificate's SHA-256 fingerprint as OpenSSL's own tool prints it.
std::string fingerprint_of(const fs::path& certificate) {
    const auto r = test::run_command(
        {"openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", certificate.string()});
    const auto equals = r.out.find('=');
    return equals == std::string::npos ? ""
                                       : r.out.substr(equals + 1, r.out.find('\n') - equals - 1);
}

// A certificate and key for 127.0.0.1 and localhost, made by OpenSSL's tool.
void make_certificate(const fs::path& cert, const fs::path& key, const std::string& name) {
    const auto r =
        test::run_command({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                           "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj",
                           "/CN=" + name, "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                           "-keyout", key.string(), "-out", cert.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

// A kept-alive TLS connection that verifies the server against `ca` and 127.0.0.1.
class tls_connection {
public:
    tls_connection(unsigned short port, const fs::path& ca) {
        context_.load_verify_file(ca.string());
        stream_.set_verify_mode(ssl::verify_peer);
        stream_.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
        beast::get_lowest_layer(stream_).connect({asio::ip::make_address("127.0.0.1"), port});
        stream_.handshake(ssl::stream_base::client);
    }

    // A tariff question on this connection: whether it was priced.
    bool priced() {
        bhttp::request<bhttp::string_body> request{bhttp::verb::post, "/tracing/api/pricedev", 11};
        request.set(bhttp::field::host, "127.0.0.1");
        request.set(bhttp::field::content_type, "application/x-www-form-urlencoded");
        request.body() = tariff_body;
        request.prepare_payload();
        bhttp::write(stream_, request);
        bhttp::response<bhttp::string_body> response;
        bhttp::read(stream_, buffer_, response);
        return response.result_int() == 200 &&
               response.body().find("\"price\"") != std::string::npos;
    }

    // The SHA-256 fingerprint of the certificate the server showed.
    std::string fingerprint() {
        X509* cert = SSL_get1_peer_certificate(stream_.native_handle());
        std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
        unsigned size = 0;
        X509_digest(cert, EVP_sha256(), digest.data(), &size);
        X509_free(cert);
        std::string text;
        char hex[4];
        for (unsigned i = 0; i < size; ++i) {
            std::snprintf(hex, sizeof hex, "%02X", digest[i]);
            text += (i == 0 ? "" : ":") + std::string(hex);
        }
        return text;
    }

private:
    asio::io_context io_;
    ssl::context context_{ssl::context::tls_client};
    beast::ssl_stream<tcp::socket> stream_{io_, context_};
    beast::flat_buffer buffer_;
};

test::command_result curl_price(const std::string& url, std::vector<std::string> extra) {
    std::vector<std::string> args{"curl", "-sS", "--max-time", "10", "-d", tariff_body};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(url + "/tracing/api/pricedev");
    return test::run_command(args);
}

}  // namespace

TEST(Tls, ASandboxServesTheApiOverTlsWithACertificateItMadeForItself) {
    test::server_process server({"--tls-port", "0"});
    const fs::path cert = server.directory() / "jne-tls.crt",
                   key = server.directory() / "jne-tls.key";
    ASSERT_TRUE(fs::exists(cert));
    EXPECT_EQ(fs::status(key).permissions() & (fs::perms::group_all | fs::perms::others_all),
              fs::perms::none)
        << "the key is the server's alone";
    // The log names the certificate and its fingerprint, as OpenSSL computes it.
    const std::string fingerprint = fingerprint_of(cert);
    ASSERT_EQ(fingerprint.size(), 95u) << fingerprint;
    EXPECT_NE(test::log_holding(server, fingerprint).find(cert.string()), std::string::npos);

    // curl verifies it by address and by name, and the answer is the plain port's.
    const auto by_address = curl_price(server.https_url(), {"--cacert", cert.string()});
    EXPECT_EQ(by_address.exit_code, 0) << by_address.err;
    EXPECT_EQ(by_address.out, curl_price(server.base_url(), {}).out);
    EXPECT_NE(by_address.out.find("\"price\""), std::string::npos) << by_address.out;
    const auto by_name = curl_price("https://localhost:" + std::to_string(server.tls_port()),
                                    {"--cacert", cert.string()});
    EXPECT_EQ(by_name.exit_code, 0) << by_name.err;
    // Without being told to trust it, curl refuses it: the check above is a real one.
    EXPECT_EQ(curl_price(server.https_url(), {}).exit_code, 60);

    // The jne tool, given the certificate.
    const auto tool = test::run_command(
        {JNE_CLI_BINARY, "--base-url", server.https_url(), "--cacert", cert.string(), "--username",
         "TESTAPI", "--api-key", test::sandbox_key, "tariff", "CGK10000", "BDO10000", "1"});
    EXPECT_EQ(tool.exit_code, 0) << tool.err;
    EXPECT_NE(tool.out.find("REG"), std::string::npos) << tool.out;
    const auto untrusting = test::run_command(
        {JNE_CLI_BINARY, "--base-url", server.https_url(), "--username", "TESTAPI", "--api-key",
         test::sandbox_key, "tariff", "CGK10000", "BDO10000", "1"});
    EXPECT_EQ(untrusting.exit_code, 3) << untrusting.out;
}

TEST(Tls, SpeaksTls12And13AndRefusesTls11) {
    test::server_process server({"--tls-port", "0"});
    const std::string at = "127.0.0.1:" + std::to_string(server.tls_port());
    auto handshake = [&](const std::string& version) {
        // SECLEVEL=0: the client itself would offer TLS 1.1; the refusal is the server's.
        return test::run_command({"bash", "-c",
                                  "openssl s_client -connect " + at + " " + version +
                                      " -cipher DEFAULT@SECLEVEL=0 </dev/null 2>&1"});
    };
    const auto tls11 = handshake("-tls1_1");
    EXPECT_NE(tls11.exit_code, 0) << tls11.out;
    EXPECT_NE(tls11.out.find("alert protocol version"), std::string::npos) << tls11.out;
    for (const char* version : {"-tls1_2", "-tls1_3"}) {
        const auto r = handshake(version);
        EXPECT_EQ(r.exit_code, 0) << version << "\n" << r.out;
    }
}

TEST(Tls, SighupSwapsTheCertificateUnderLoadAndKeepsOpenConnections) {
    test::temp_dir dir;
    const fs::path cert = dir / "server.crt", key = dir / "server.key", both = dir / "both.crt";
    make_certificate(dir / "a.crt", dir / "a.key", "first");
    make_certificate(dir / "b.crt", dir / "b.key", "second");
    fs::copy_file(dir / "a.crt", cert);
    fs::copy_file(dir / "a.key", key);
    std::ofstream(both) << test::read_file(dir / "a.crt") << test::read_file(dir / "b.crt");
    test::server_process server({"--tls-port", "0", "--tls-cert", cert.string(), "--tls-key",
                                 key.string(), "--log-format", "text", "--quiet"});

    tls_connection kept(server.tls_port(), both);
    ASSERT_TRUE(kept.priced());
    EXPECT_EQ(kept.fingerprint(), fingerprint_of(dir / "a.crt"));

    // Clients connecting anew all the while: none may fail.
    std::atomic<bool> loading{true};
    std::atomic<int> served{0}, failed{0};
    std::vector<std::thread> load;
    for (int i = 0; i < 2; ++i)
        load.emplace_back([&] {
            while (loading) try {
                    tls_connection fresh(server.tls_port(), both);
                    (fresh.priced() ? served : failed)++;
                } catch (const std::exception&) {
                    failed++;
                }
        });
    while (served < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));

    fs::copy_file(dir / "b.crt", cert, fs::copy_options::overwrite_existing);
    fs::copy_file(dir / "b.key", key, fs::copy_options::overwrite_existing);
    ::kill(server.pid(), SIGHUP);
    test::log_holding(server, "read " + cert.string() + " again");
    const int before = served;
    while (served < before + 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    loading = false;
    for (auto& t : load) t.join();
    EXPECT_EQ(failed, 0) << "of " << served;

    // The open connection goes on with the certificate it began with; new ones get the new one.
    EXPECT_TRUE(kept.priced());
    EXPECT_EQ(kept.fingerprint(), fingerprint_of(dir / "a.crt"));
    EXPECT_EQ(tls_connection(server.tls_port(), both).fingerprint(), fingerprint_of(dir / "b.crt"));

    // A file that cannot be used is said, and the certificate in use kept.
    std::ofstream(cert) << "not a certificate\n";
    ::kill(server.pid(), SIGHUP);
    test::log_holding(server, "kept the certificate in use");
    tls_connection after(server.tls_port(), both);
    EXPECT_TRUE(after.priced());
    EXPECT_EQ(after.fingerprint(), fingerprint_of(dir / "b.crt"));
}

// Outside the sandbox the server makes no certificate of its own: it says what it needs.
TEST(Tls, ProductionWithoutACertificateSaysWhatItNeeds) {
    test::temp_dir dir;
    const auto r = test::run_command({JNE_SERVER_BINARY, "serve", "--db",
                                      "sqlite:" + (dir / "jne.db").string(), "--address",
                                      "127.0.0.1", "--port", "0", "--tls-port", "0"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("--tls-port needs --tls-cert and --tls-key"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "jne-tls.key"));
}
