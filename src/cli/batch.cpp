#include "cli/batch.hpp"

#include "api/values.hpp"
#include "csv/csv.hpp"
#include "csv/progress_bar.hpp"
#include "wire/errors.hpp"
#include "wire/requests.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace jne::cli {

int exit_code_of(const client::error& e) {
    return e.what == client::error::kind::api && e.failure.code != api::error::unavailable
               ? exit_refused
               : exit_unreachable;
}

client::result<api::created> create_from_fields(client::client& api, bool pickup,
                                                const wire::field_list& fields) {
    const auto refused = [pickup](api::failure f) {
        f.reason =
            wire::reason_for(pickup ? wire::route::pickupcashless : wire::route::generatecnote, f);
        return client::error{client::error::kind::api, f.reason, 0, std::move(f)};
    };
    if (pickup) {
        auto request = wire::pickup_from_fields(fields);
        if (!request) return refused(request.error());
        return api.pickup(*request);
    }
    auto request = wire::generatecnote_from_fields(fields);
    if (!request) return refused(request.error());
    return api.generatecnote(*request);
}

int run_batch(client::client& api, bool pickup, const std::string& csv_file,
              const std::string& results_file) {
    std::ifstream in(csv_file, std::ios::binary);
    std::ofstream out(results_file, std::ios::binary);
    if (!in || !out) {
        std::cerr << "jne: cannot read " << csv_file << " or write " << results_file << "\n";
        return exit_usage;
    }
    std::error_code size_error;
    const auto total = std::filesystem::file_size(csv_file, size_error);
    std::optional<csv::progress_bar> bar(std::in_place, size_error ? 0 : total);
    csv::write_row(out, {"row", "order_id", "airwaybill", "status", "reason"});

    std::vector<std::string> header;
    std::uint64_t created = 0, existing = 0, failed = 0;
    bool unreachable = false;
    std::uint64_t bytes_read = 0;
    const std::string problem = csv::read(
        in,
        [&](std::vector<std::string>& fields, std::int64_t line) {
            if (line == 1) {
                header = fields;
                return;
            }
            if (fields.size() == 1 && fields[0].empty()) return;
            wire::field_list given;
            for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i)
                given.emplace_back(header[i], fields[i]);
            auto result = create_from_fields(api, pickup, given);
            const std::string_view order_field = wire::wire_name(
                pickup ? wire::route::pickupcashless : wire::route::generatecnote, "order_id");
            const auto named = std::find_if(given.begin(), given.end(),
                                            [&](const auto& f) { return f.first == order_field; });
            const std::string order(named != given.end() ? api::trim(named->second) : "");
            const std::string row = std::to_string(line - 1);
            if (result) {
                ++created;
                csv::write_row(out, {row, order, result->airwaybill, "created", ""});
            } else if (result.error().failure.code == api::error::duplicate_order) {
                ++existing;
                csv::write_row(out, {row, order, result.error().failure.airwaybill, "exists", ""});
            } else {
                ++failed;
                unreachable |= exit_code_of(result.error()) == exit_unreachable;
                const auto& e = result.error();
                csv::write_row(out, {row, order, "", "failed",
                                     e.failure.reason.empty() ? e.message : e.failure.reason});
            }
            bar->show(bytes_read, created + existing + failed,
                      fmt::format("{} created, {} existing, {} failed", created, existing, failed));
        },
        [&](std::uint64_t bytes) { bytes_read = bytes; });
    bar.reset();
    if (!problem.empty()) {
        std::cerr << "jne: " << csv_file << ": " << problem << "\n";
        return exit_usage;
    }
    std::cout << fmt::format("{} created, {} existing, {} failed; results in {}\n", created,
                             existing, failed, results_file);
    if (unreachable) return exit_unreachable;
    return failed > 0 ? exit_partial : exit_ok;
}

}  // namespace jne::cli
