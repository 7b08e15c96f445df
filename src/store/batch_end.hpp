#pragma once

namespace jne::store {

/// How a group commit ended, for the write queue that retries and the metrics that count.
/// `conflicted`: another process's batch took one of its order ids first (rolled back, nothing
/// written; run again, its writes see the other's; not a failure of the database).
/// `not_begun`: the database could not be written at all (locked, full, down).
enum class batch_end { committed, a_write_failed, conflicted, not_begun };

/// A failure of the database, as the metrics count it: a conflict is not one.
constexpr bool batch_failed(batch_end end) {
    return end == batch_end::a_write_failed || end == batch_end::not_begun;
}

}  // namespace jne::store
