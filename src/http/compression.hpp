#pragma once

#include "cache/byte_cache.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace jne::http {

/// Answers shorter than this go as they are: gzip's header and the work cost more than they
/// save.
inline constexpr std::size_t smallest_compressed = 1024;

/// Whether an Accept-Encoding value accepts gzip (a q of 0 refuses it).
bool accepts_gzip(std::string_view accept_encoding);

/// `body` in gzip's format (zlib, RFC 1952).
std::string gzip(std::string_view body);

/// The gzip of bodies many answers share (a cached tariff, the city lists): compressed once,
/// kept while the body lives and the budget allows. A body is known by its address, checked
/// against the body itself, so an address reused by another body never finds this one's.
class gzip_cache {
public:
    explicit gzip_cache(std::size_t max_bytes) : cache_(max_bytes, "gzip") {}
    std::shared_ptr<const std::string> compressed(const std::shared_ptr<const std::string>& body);

private:
    struct entry {
        std::weak_ptr<const std::string> source;
        std::string gz;
    };
    cache::byte_cache<const std::string*, entry> cache_;
};

}  // namespace jne::http
