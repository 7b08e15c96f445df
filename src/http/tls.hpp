#pragma once

#include <boost/asio/ssl/context.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace jne::http {

/// Where the server's certificate and key are read from (PEM; the certificate file may carry
/// its chain after it).
struct tls_files {
    std::filesystem::path certificate;
    std::filesystem::path key;
};

/// A server context of TLS 1.2 and 1.3 only, from `files`. Throws std::runtime_error saying
/// which file could not be used and why (OpenSSL's reason).
std::shared_ptr<boost::asio::ssl::context> tls_context(const tls_files& files);

/// Writes a self-signed certificate for `names` (host names and IP addresses: "localhost",
/// "127.0.0.1") and its key (mode 0600) where `files` says, for a sandbox that was given none.
/// Valid for 825 days, the most that macOS and browsers accept.
void write_self_signed(const tls_files& files, const std::vector<std::string>& names);

/// The certificate's SHA-256 fingerprint as OpenSSL prints it: "AB:CD:…".
std::string sha256_fingerprint(const std::filesystem::path& certificate);

}  // namespace jne::http
