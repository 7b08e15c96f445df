#include "wire/webhook_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <cstdlib>
#include <string>
#include <vector>

namespace jne::wire {

namespace {

std::string hmac_hex(std::string_view secret, std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest, &length);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(std::size_t{length} * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xf];
    }
    return out;
}

std::string signed_text(std::string_view t, std::string_view body) {
    std::string text(t);
    text += '.';
    text += body;
    return text;
}

}  // namespace

std::string sign_webhook(std::string_view secret, std::int64_t unix_seconds,
                         std::string_view body) {
    const std::string t = std::to_string(unix_seconds);
    return "t=" + t + ",v1=" + hmac_hex(secret, signed_text(t, body));
}

bool verify_webhook(std::string_view header, std::string_view secret, std::string_view body,
                    std::int64_t now, std::int64_t tolerance_seconds) {
    std::string_view t;
    std::vector<std::string_view> signatures;
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view part = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.starts_with("t=")) t = part.substr(2);
        if (part.starts_with("v1=")) signatures.push_back(part.substr(3));
    }
    std::int64_t at = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), at);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return false;
    if (std::llabs(now - at) > tolerance_seconds) return false;
    const std::string expected = hmac_hex(secret, signed_text(t, body));
    bool match = false;
    for (std::string_view s : signatures)
        match |= s.size() == expected.size() &&
                 CRYPTO_memcmp(s.data(), expected.data(), expected.size()) == 0;
    return match;
}

}  // namespace jne::wire
