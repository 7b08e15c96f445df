#pragma once

#include "client/client.hpp"
#include "wire/requests.hpp"

#include <string>

namespace jne::cli {

/// Exit codes scripts can rely on.
enum exit_code : int {
    exit_ok = 0,
    exit_refused = 1,
    exit_usage = 2,
    exit_unreachable = 3,
    exit_partial = 4
};

int exit_code_of(const client::error& e);

/// Creates one shipment (or pickup) from fields named as on the wire: refused here, in the
/// server's words, when a value breaks the route's rules; sent otherwise.
client::result<api::created> create_from_fields(client::client& api, bool pickup,
                                                const wire::field_list& fields);

/// Creates one shipment (or pickup) per row of a CSV file whose header names
/// the wire fields, showing progress on a terminal, and writes a results CSV:
/// row, order id, airwaybill, status (created, exists, failed) and reason.
/// A re-run of the same file creates nothing twice: rows already created come
/// back as "exists" with their airwaybill.
int run_batch(client::client& api, bool pickup, const std::string& csv_file,
              const std::string& results_file);

}  // namespace jne::cli
