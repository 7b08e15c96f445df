#pragma once

#include "service/accounts.hpp"
#include "store/store.hpp"

#include <filesystem>

namespace jne::service {

/// The documented test account of JNE's examples.
inline constexpr std::string_view sandbox_username = "TESTAPI";
inline constexpr std::string_view sandbox_api_key = "25c898a9faea1a100859ecd9ef674548";

/// The airwaybill of the original document's tracking example.
inline constexpr std::string_view sandbox_example_airwaybill = "5403212200022724";

/// Fills an empty catalogue from the sandbox CSV files in `data_dir` (hubs,
/// services, origins, branches, locations, tariffs), and creates the test
/// account and the document's example shipment when absent. A catalogue that
/// already has locations is left alone. Throws std::runtime_error when a file
/// is missing or unreadable.
void seed_sandbox(store::database& db, account_service& accounts,
                  const std::filesystem::path& data_dir);

}  // namespace jne::service
