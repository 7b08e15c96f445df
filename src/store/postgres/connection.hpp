#pragma once

#include "store/postgres/statements.hpp"
#include "store/store.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace jne::store::postgres {

// Connections, opened when first needed and reused; a connection serves one
// user at a time. One that broke is dropped when returned, and replaced.
class connection_pool {
public:
    connection_pool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {}

    class lease {
    public:
        lease(connection_pool& pool, std::unique_ptr<pqxx::connection> c)
            : pool_(pool), c_(std::move(c)) {}
        ~lease() { pool_.give_back(std::move(c_)); }
        lease(const lease&) = delete;
        lease& operator=(const lease&) = delete;
        pqxx::connection& operator*() { return *c_; }

    private:
        connection_pool& pool_;
        std::unique_ptr<pqxx::connection> c_;
    };

    lease acquire() {
        std::unique_lock lock(mutex_);
        if (idle_.empty() && open_ >= size_) {
            waits_.fetch_add(1, std::memory_order_relaxed);
            returned_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
        }
        if (!idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return lease(*this, std::move(c));
        }
        ++open_;
        lock.unlock();
        try {
            return lease(*this, connect());
        } catch (...) {
            give_back(nullptr);
            throw;
        }
    }

    /// How many acquisitions found every connection in use and waited.
    std::uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }

private:
    std::unique_ptr<pqxx::connection> connect() {
        auto c = std::make_unique<pqxx::connection>(url_);
        // An acknowledged write must survive a crash, whatever the server's default.
        c->set_variable("synchronous_commit", "on");
        for (const statement& s : statements) c->prepare(s.name, s.sql);
        return c;
    }

    void give_back(std::unique_ptr<pqxx::connection> c) {
        {
            std::lock_guard lock(mutex_);
            if (c && c->is_open())
                idle_.push_back(std::move(c));
            else
                --open_;
        }
        returned_.notify_one();
    }

    std::string url_;
    std::size_t size_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::atomic<std::uint64_t> waits_{0};
    std::vector<std::unique_ptr<pqxx::connection>> idle_;
    std::size_t open_ = 0;
};

// PostgreSQL's failures (connection, constraint, timeout) become storage_error; a transaction
// it rolled back to break a deadlock between two processes' batches, a write_conflict (to run
// again, not an incident).
template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const pqxx::deadlock_detected& e) {
        throw write_conflict(e.what());
    } catch (const pqxx::serialization_failure& e) {
        throw write_conflict(e.what());
    } catch (const pqxx::failure& e) {
        throw storage_error(e.what());
    }
}

}  // namespace jne::store::postgres
