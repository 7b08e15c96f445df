#include "store/sqlite/sidecars.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>
#include <unistd.h>

#include <mutex>
#include <set>

namespace jne::store::sqlite {

namespace {

bool writable(const std::string& file) { return access(file.c_str(), W_OK) == 0; }

std::string described(const std::string& file, const struct stat& info) {
    return fmt::format("{} (mode {:04o}, owner uid {})", file, info.st_mode & 07777, info.st_uid);
}

}  // namespace

std::optional<std::string> unwritable_file(const std::string& path) {
    for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
        struct stat info {};
        if (stat(file.c_str(), &info) != 0) continue;  // a sidecar not made yet
        if (!writable(file)) return described(file, info);
    }
    return std::nullopt;
}

void mend_sidecars(const std::string& path) {
    struct stat database {};
    if (stat(path.c_str(), &database) != 0 || !writable(path)) return;
    static std::mutex said_mutex;
    static std::set<std::string> said;  // the files already reported as beyond repair
    for (const std::string& file : {path + "-wal", path + "-shm"}) {
        struct stat info {};
        if (stat(file.c_str(), &info) != 0 || writable(file)) continue;
        const auto mode = (info.st_mode | (database.st_mode & 0666)) & 07777;
        if (info.st_uid == geteuid() && chmod(file.c_str(), mode) == 0) {
            spdlog::warn(
                "{} was made while the database was read-only: made writable again "
                "(mode {:04o}), as {} is",
                described(file, info), mode, path);
            continue;
        }
        const std::lock_guard lock(said_mutex);
        if (said.insert(file).second)
            spdlog::error(
                "{} cannot be written, so neither can the database: make it writable "
                "as {} is (chmod, chown)",
                described(file, info), path);
    }
}

}  // namespace jne::store::sqlite
