#pragma once

#include <optional>
#include <string>

// SQLite's write-ahead log (PATH-wal) and shared-memory index (PATH-shm) take the database file's
// mode when SQLite makes them. Made while the database was read-only, they stay read-only after
// an operator fixes the database, and every write fails although the database file itself can be
// written: the readiness probe and the recovery look at all three.
namespace jne::store::sqlite {

/// The first of the database and its sidecars that this process cannot write, with its mode, as
/// a log line names it ("jne.db-wal (mode 0444)"); none when all can be written.
std::optional<std::string> unwritable_file(const std::string& path);

/// When the database can be written: makes its sidecars that this process owns and cannot write
/// as writable as the database is. Logs each file changed, and once each one it cannot change.
void mend_sidecars(const std::string& path);

}  // namespace jne::store::sqlite
