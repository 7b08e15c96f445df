#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace jne::store::sqlite {

/// How long a connection waits for another's lock before SQLite says it is busy: a write held
/// longer is refused (503) rather than waited for.
inline constexpr int busy_timeout_ms = 10000;

/// Binds `values` to ?1, ?2, … of `q` in one call (bind_values_at: from ?first on), as pqxx takes a
/// statement's parameters: SQLiteCpp's own overloads, and for the types it lacks, a string_view as
/// text, an optional as NULL when empty, a bool as 0 or 1, a size as a 64-bit integer.
template <class... Values>
void bind_values_at(SQLite::Statement& q, int first, const Values&... values) {
    int index = first - 1;
    const auto one = [&q](int i, const auto& v) {
        using type = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<type, std::string_view>)
            q.bind(i, std::string(v));
        else if constexpr (std::is_same_v<type, bool>)
            q.bind(i, v ? 1 : 0);
        else if constexpr (std::is_same_v<type, std::size_t>)
            q.bind(i, static_cast<std::int64_t>(v));
        else if constexpr (requires {
                               v.has_value();
                               *v;
                           })
            v ? q.bind(i, *v) : q.bind(i);
        else
            q.bind(i, v);
    };
    (one(++index, values), ...);
}

template <class... Values>
void bind_values(SQLite::Statement& q, const Values&... values) {
    bind_values_at(q, 1, values...);
}

/// Binds `values` and runs `q`; the rows it changed.
template <class... Values>
int run(SQLite::Statement& q, const Values&... values) {
    bind_values(q, values...);
    return q.exec();
}

// Prepared statements kept per connection: preparing costs more than running
// the hot queries. A lease resets its statement when done, so no statement
// holds a read snapshot open between uses.
class statement_cache {
public:
    explicit statement_cache(SQLite::Database& db) : db_(db) {}

    class lease {
    public:
        explicit lease(SQLite::Statement& s) : s_(s) {}
        // Never throws: after a failed step reset() would rethrow the failure
        // from a destructor, and end the process.
        ~lease() {
            s_.tryReset();
            try {
                s_.clearBindings();
            } catch (const SQLite::Exception&) {
                // the statement is reset, which is all the next user needs
            }
        }
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        SQLite::Statement& operator*() { return s_; }
        SQLite::Statement* operator->() { return &s_; }

    private:
        SQLite::Statement& s_;
    };

    lease get(const char* sql) {
        auto& slot = statements_[sql];
        if (!slot) slot = std::make_unique<SQLite::Statement>(db_, sql);
        return lease(*slot);
    }
    SQLite::Database& db() { return db_; }

private:
    SQLite::Database& db_;
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> statements_;
};

// Readers of shipments and events, beside the one writing connection: in WAL
// mode they read while a group commit is being written.
class reader_pool {
public:
    reader_pool(const std::string& path, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) {
            auto r = std::make_unique<reader>(path);
            r->db.exec("PRAGMA query_only = ON");
            readers_.push_back(std::move(r));
        }
    }

    template <class F>
    auto with(F&& f) -> decltype(f(std::declval<statement_cache&>())) {
        const std::size_t start =
            std::hash<std::thread::id>{}(std::this_thread::get_id()) % readers_.size();
        // Take a free reader if one is; else wait for this thread's own.
        for (std::size_t i = 0; i < readers_.size(); ++i) {
            reader& r = *readers_[(start + i) % readers_.size()];
            std::unique_lock lock(r.mutex, std::try_to_lock);
            if (lock) return f(r.statements);
        }
        reader& r = *readers_[start];
        waits_.fetch_add(1, std::memory_order_relaxed);
        std::lock_guard lock(r.mutex);
        return f(r.statements);
    }

    /// How many reads found every reader busy and waited.
    std::uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }

private:
    struct reader {
        explicit reader(const std::string& path)
            : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX, busy_timeout_ms),
              statements(db) {}
        std::mutex mutex;  // a connection serves one thread at a time
        SQLite::Database db;
        statement_cache statements;
    };
    std::vector<std::unique_ptr<reader>> readers_;
    std::atomic<std::uint64_t> waits_{0};
};

}  // namespace jne::store::sqlite
