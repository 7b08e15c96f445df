#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jne::web {

/// A file of the public page (web/), as the build embedded it: the server needs no folder of
/// its own, and what it serves is what was built with it.
struct file {
    std::string_view name;  ///< "index.html", "app.js"
    std::string_view bytes;
};

/// Every file of web/ (generated at build time by cmake/web_to_cpp.py).
std::span<const file> embedded_files();

/// A file ready to serve: its type, its bytes shared by every answer, and its validator.
struct asset {
    std::string name;
    std::string_view content_type;
    std::shared_ptr<const std::string> body;
    std::string etag;     ///< quoted, as the header carries it: "\"9f86d081884c7d65\""
    std::string version;  ///< the ETag's hex digits: the `v` of a link that never goes stale
};

/// The page and its assets. The page (index.html) links each asset as /assets/NAME?v=VERSION,
/// so an asset fetched with its current version may be kept for a year (a new build links a new
/// version), while the page itself is revalidated on every visit.
class site {
public:
    explicit site(std::span<const file> files = embedded_files());

    /// index.html, with its asset links versioned.
    const asset& page() const { return page_; }
    /// An asset by name ("app.js"); null when there is none.
    const asset* find(std::string_view name) const;

private:
    asset page_;
    std::vector<asset> assets_;
};

/// The Content-Type for a file name's extension; application/octet-stream when unknown.
std::string_view content_type_of(std::string_view name);

}  // namespace jne::web
