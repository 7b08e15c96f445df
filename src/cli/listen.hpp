#pragma once

#include <string>

namespace jne::cli {

struct listen_options {
    std::string address = "127.0.0.1";
    unsigned short port = 0;  ///< 0: any free port (printed)
    std::string secret;       ///< checks X-Jne-Signature when set; refuses bad ones with 401
    std::string forward;      ///< POSTs each delivery on to this URL, answering with its answer
};

/// `jne listen`: a webhook receiver for a merchant's laptop, like `stripe listen`. Prints a
/// line per delivery (time, event id, airwaybill, status, what the signature says), and
/// forwards it to a local URL if asked. Runs until interrupted.
int listen(const listen_options& options);

}  // namespace jne::cli
