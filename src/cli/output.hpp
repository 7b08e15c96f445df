#pragma once

#include "api/locations.hpp"
#include "api/shipment.hpp"
#include "api/tariff.hpp"
#include "api/tracking.hpp"

#include <ostream>
#include <string_view>

// What `jne` prints of each answer the client decoded, apart from main() so that a fuzz target can
// drive it with every answer the decoders accept (fuzz/fuzz_tool.cpp). Whatever a server answers,
// each prints a line and returns an exit code (cli::exit_code), never crashes: an empty list is
// "nothing found" (1), a success without what it promised is a failing server (3).
namespace jne::cli {

int print_prices(std::ostream& out, std::ostream& err, const api::price_list& prices,
                 std::string_view weight, std::string_view dims);
int print_tracking(std::ostream& out, std::ostream& err, const api::tracking& t);
int print_created(std::ostream& out, std::ostream& err, const api::created& c);
int print_cancelled(std::ostream& out, std::ostream& err, const api::cancelled& c);
int print_places(std::ostream& out, std::ostream& err, const api::place_list& places);

}  // namespace jne::cli
