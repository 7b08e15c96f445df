#pragma once

#include <boost/beast/http/fields.hpp>

#include <string_view>

namespace jne::http {

// Where a request ends must mean the same to every server and proxy on its way; where two could
// read it differently, the bytes after one reading's end run as a request of their own
// (smuggling). Such requests are refused with 400 and their connection closed (RFC 9112 §6.1,
// §5.2): Beast's parser accepts them.

/// Whether the header's bytes hold an obsolete folded line (a line starting with a space or a
/// tab). `buffered`: what has come of the request so far; only its header part is read, so a
/// body that holds such a line is not mistaken for one.
bool folds_a_line(std::string_view buffered);

/// Whether a parsed header frames its body ambiguously: a `Transfer-Encoding` other than one
/// `chunked` (whose body Beast reads as empty), a transfer coding in HTTP/1.0, a repeated `Host`.
bool ambiguous_framing(const boost::beast::http::fields& header, unsigned version);

}  // namespace jne::http
