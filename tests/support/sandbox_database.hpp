#pragma once

#include <filesystem>

namespace jne::test {

/// The sandbox database, seeded once per test binary, as a file to copy:
/// each server or service under test then starts in a blink on its own copy.
const std::filesystem::path& seeded_sandbox_database();

}  // namespace jne::test
