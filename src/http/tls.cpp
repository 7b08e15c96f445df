#include "http/tls.hpp"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <boost/asio/ip/address.hpp>

#include <array>
#include <cstdio>
#include <stdexcept>

namespace jne::http {

namespace ssl = boost::asio::ssl;

namespace {

// OpenSSL's last reason, as one line, and its queue emptied.
std::string openssl_reason() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "unknown reason";
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    return text.data();
}

template <class T, void (*Free)(T*)>
struct freed {
    void operator()(T* p) const { Free(p); }
};
using pkey_ptr = std::unique_ptr<EVP_PKEY, freed<EVP_PKEY, EVP_PKEY_free>>;
using x509_ptr = std::unique_ptr<X509, freed<X509, X509_free>>;

struct file_closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using file_ptr = std::unique_ptr<std::FILE, file_closer>;

void add_extension(X509* cert, int nid, const std::string& value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (ext == nullptr) throw std::runtime_error("cannot make a certificate: " + openssl_reason());
    X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
}

bool is_ip_address(const std::string& name) {
    boost::system::error_code ec;
    boost::asio::ip::make_address(name, ec);
    return !ec;
}

}  // namespace

std::shared_ptr<ssl::context> tls_context(const tls_files& files) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    SSL_CTX* native = context->native_handle();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    const auto cannot = [](const std::filesystem::path& file, const char* what) {
        return std::runtime_error(
            fmt::format("cannot use {} as the TLS {}: {}", file.string(), what, openssl_reason()));
    };
    if (SSL_CTX_use_certificate_chain_file(native, files.certificate.c_str()) != 1)
        throw cannot(files.certificate, "certificate");
    if (SSL_CTX_use_PrivateKey_file(native, files.key.c_str(), SSL_FILETYPE_PEM) != 1)
        throw cannot(files.key, "key");
    if (SSL_CTX_check_private_key(native) != 1) throw cannot(files.key, "key of the certificate");
    return context;
}

void write_self_signed(const tls_files& files, const std::vector<std::string>& names) {
    pkey_ptr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    x509_ptr cert(X509_new());
    if (!key || !cert) throw std::runtime_error("cannot make a key: " + openssl_reason());
    X509_set_version(cert.get(), 2);
    std::array<unsigned char, 16> serial{};
    RAND_bytes(serial.data(), static_cast<int>(serial.size()));
    serial[0] &= 0x7F;  // positive
    BIGNUM* number = BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr);
    BN_to_ASN1_INTEGER(number, X509_get_serialNumber(cert.get()));
    BN_free(number);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 825L * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* subject = X509_get_subject_name(cert.get());
    const std::string common = names.empty() ? "localhost" : names.front();
    X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("jne-server sandbox"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), subject);
    std::string alternatives;
    for (const auto& name : names)
        alternatives += (alternatives.empty() ? "" : ",") +
                        std::string(is_ip_address(name) ? "IP:" : "DNS:") + name;
    // Its own authority too, so that clients given it as their CA file (curl --cacert, Node's
    // `ca`, PHP's cafile) trust it.
    add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
    add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
    add_extension(cert.get(), NID_subject_key_identifier, "hash");
    if (!alternatives.empty()) add_extension(cert.get(), NID_subject_alt_name, alternatives);
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        throw std::runtime_error("cannot sign a certificate: " + openssl_reason());

    std::filesystem::create_directories(files.key.parent_path().empty() ? std::filesystem::path(".")
                                                                        : files.key.parent_path());
    const mode_t before = umask(077);  // the key is the server's alone from its first byte
    file_ptr key_out(std::fopen(files.key.c_str(), "w"));
    umask(before);
    if (!key_out ||
        PEM_write_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        throw std::runtime_error("cannot write the TLS key " + files.key.string());
    file_ptr cert_out(std::fopen(files.certificate.c_str(), "w"));
    if (!cert_out || PEM_write_X509(cert_out.get(), cert.get()) != 1)
        throw std::runtime_error("cannot write the TLS certificate " + files.certificate.string());
}

std::string sha256_fingerprint(const std::filesystem::path& certificate) {
    file_ptr in(std::fopen(certificate.c_str(), "r"));
    x509_ptr cert(in ? PEM_read_X509(in.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) throw std::runtime_error("cannot read the certificate " + certificate.string());
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned size = 0;
    X509_digest(cert.get(), EVP_sha256(), digest.data(), &size);
    std::string text;
    for (unsigned i = 0; i < size; ++i)
        text += fmt::format("{}{:02X}", i == 0 ? "" : ":", digest[i]);
    return text;
}

}  // namespace jne::http
