#pragma once

#include "http/server.hpp"

namespace jne::server {

/// Logs to standard error (the journal, under systemd) as lines of text, or as one JSON object
/// a line: {"time":…,"level":…,"message":…}, a structured line's own fields (the access log's)
/// spliced in instead of a message.
void configure_logging(http::log_format format);

}  // namespace jne::server
