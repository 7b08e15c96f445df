#include "support/sandbox_database.hpp"

#include "sandbox/seed.hpp"
#include "service/accounts.hpp"
#include "store/sqlite/sqlite_database.hpp"

#include <unistd.h>

#include <string>

namespace jne::test {

namespace fs = std::filesystem;

namespace {

// Seeding takes seconds and ctest runs every test in a process of its own: the seeded
// file is kept in the build tree, once per build of the test binary (its size and time
// name it), and each process copies it. Processes racing to make it each seed their own
// and rename it into place; the rename is atomic, so a reader never sees half a file.
fs::path make_seeded_database() {
    const fs::path exe = fs::read_symlink("/proc/self/exe");
    const std::string stem = exe.filename().string() + "-sandbox-";
    const std::string key = std::to_string(fs::file_size(exe)) + "-" +
                            std::to_string(fs::last_write_time(exe).time_since_epoch().count());
    const fs::path dir = JNE_TEST_CACHE_DIR;
    fs::create_directories(dir);
    const fs::path cached = dir / (stem + key + ".db");
    if (fs::exists(cached)) return cached;

    const fs::path fresh = dir / (stem + key + "." + std::to_string(::getpid()) + ".tmp");
    {
        auto db = store::sqlite::open(fresh.string());
        service::account_service accounts(*db);
        sandbox::seed(*db, *db, accounts, JNE_SANDBOX_DATA_DIR);
    }  // closed: the last connection folds the write-ahead log into the file
    for (const auto& entry : fs::directory_iterator(dir)) {  // older builds' copies
        const std::string name = entry.path().filename().string();
        if (name.starts_with(stem) && name.find(key) == std::string::npos) {
            std::error_code ignored;  // another process may be removing it too
            fs::remove(entry.path(), ignored);
        }
    }
    fs::rename(fresh, cached);
    return cached;
}

}  // namespace

const fs::path& seeded_sandbox_database() {
    static const fs::path file = make_seeded_database();
    return file;
}

}  // namespace jne::test
