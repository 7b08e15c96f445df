// A batch: one IMMEDIATE transaction on the writing connection, its lock held until commit.
#include "store/sqlite/database.hpp"

namespace jne::store::sqlite {

sqlite_write_batch::sqlite_write_batch(sqlite_database& owner)
    : owner_(owner),
      lock_(owner.mutex_),
      db_(owner.writing_connection()),
      statements_(owner.writer_->statements) {
    guard([&] { tx_.emplace(db_, SQLite::TransactionBehavior::IMMEDIATE); });
    changes_at_begin_ = sqlite3_total_changes64(db_.getHandle());
}

bool sqlite_write_batch::wrote() const {
    return sqlite3_total_changes64(db_.getHandle()) != changes_at_begin_;
}

void sqlite_write_batch::commit() {
    guard([&] {
        if (!changes_.airwaybills.empty()) {
            auto bump = statements_.get(sql::bump_tracking_generation);
            if (bump->executeStep()) changes_.moved = {0, bump->getColumn(0).getInt64()};
        }
        if (subscriptions_changed_) statements_.get(sql::bump_webhooks_version)->exec();
        tx_->commit();
    });
}

}  // namespace jne::store::sqlite
