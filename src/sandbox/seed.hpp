#pragma once

#include "service/accounts.hpp"
#include "store/store.hpp"

#include <filesystem>

namespace jne::sandbox {

/// The documented test account of JNE's examples: its pricedev answers in 2019's codes (REG19),
/// as the document's examples do.
inline constexpr std::string_view test_username = "TESTAPI";
inline constexpr std::string_view test_api_key = "25c898a9faea1a100859ecd9ef674548";
/// A second demo account on today's codes (REG23), as JNE's live server answers.
inline constexpr std::string_view test_2023_username = "TESTAPI23";
inline constexpr std::string_view test_2023_api_key = "b2a8f1e6c4d94f0e8a7b3c5d1e9f2023";

/// The airwaybill of the original document's tracking example.
inline constexpr std::string_view example_airwaybill = "5403212200022724";

/// Fills an empty catalogue from the sandbox CSV files in `data_dir` (hubs,
/// services, origins, branches, locations, tariffs), and creates the test
/// accounts and the document's example shipment when absent. A catalogue that
/// already has locations is left alone. Throws std::runtime_error when a file
/// is missing or unreadable.
void seed(store::catalogue_store& catalogue, store::shipment_store& shipments,
          service::account_service& accounts, const std::filesystem::path& data_dir);

}  // namespace jne::sandbox
