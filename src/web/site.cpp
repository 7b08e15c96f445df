#include "web/site.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace jne::web {

namespace {

// The first 16 hex digits of the bytes' SHA-256: enough to tell two builds of a file apart.
std::string digest_of(std::string_view bytes) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md.data(), &size, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < 8; ++i) {
        out.push_back(hex[md[i] >> 4]);
        out.push_back(hex[md[i] & 15]);
    }
    return out;
}

asset make_asset(std::string_view name, std::string bytes) {
    asset a;
    a.name = name;
    a.content_type = content_type_of(name);
    a.version = digest_of(bytes);
    a.etag = "\"" + a.version + "\"";
    a.body = std::make_shared<const std::string>(std::move(bytes));
    return a;
}

}  // namespace

std::string_view content_type_of(std::string_view name) {
    const auto dot = name.rfind('.');
    const std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
    if (ext == "html") return "text/html; charset=utf-8";
    if (ext == "js") return "text/javascript; charset=utf-8";
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "png") return "image/png";
    if (ext == "json") return "application/json";
    return "application/octet-stream";
}

site::site(std::span<const file> files) {
    std::string page;
    for (const file& f : files) {
        if (f.name == "index.html")
            page = f.bytes;
        else
            assets_.push_back(make_asset(f.name, std::string(f.bytes)));
    }
    if (page.empty()) throw std::invalid_argument("the web page's files hold no index.html");
    // Each link to an asset names its version.
    for (const asset& a : assets_) {
        const std::string link = "\"/assets/" + a.name + "\"";
        const std::string versioned = "\"/assets/" + a.name + "?v=" + a.version + "\"";
        for (auto at = page.find(link); at != std::string::npos;
             at = page.find(link, at + versioned.size()))
            page.replace(at, link.size(), versioned);
    }
    page_ = make_asset("index.html", std::move(page));
}

const asset* site::find(std::string_view name) const {
    for (const asset& a : assets_)
        if (a.name == name) return &a;
    return nullptr;
}

}  // namespace jne::web
