#pragma once

#include "cache/encoded.hpp"

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

/// `body` in gzip's format into `out` (the shape cache::encoded_bodies writes with).
inline void gzip_into(std::string& out, const std::string& body) { out = gzip(body); }

/// The gzip of bodies many answers share (a cached tariff, the city lists): compressed once,
/// kept while the body lives, something besides the answer holds it, and the budget allows.
using gzip_cache = cache::encoded_bodies<std::string, gzip_into>;

}  // namespace jne::http
