#pragma once

#include "runtime/event_listener.hpp"
#include "runtime/incident.hpp"
#include "store/batch_end.hpp"
#include "store/store.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace jne::runtime {

/// Group commit. Writes from many requests run, one after another, on a
/// writer thread inside one transaction; a single commit (one fsync) then makes
/// them all durable, and only after it is each request told. Durable creates
/// per second are decided by how many share a commit, not by the disk's fsync rate.
/// A store whose batches can be open at once (PostgreSQL) gets as many writer threads as it
/// says (store::shipment_store::concurrent_batches): one batch fills while another commits.
class write_queue {
public:
    /// Runs inside the batch; records its own outcome. May throw storage_error.
    using work = std::function<void(store::write_batch&)>;
    /// Called once the work is durable (true) or lost with its batch (false).
    using done = std::function<void(bool durable)>;

    /// `database`: the incident its failed commits open and its commits close (shared with the
    /// reads of the same database, so that the log tells one story of it).
    write_queue(store::shipment_store& store, incident& database, std::size_t max_batch = 256);
    ~write_queue();  ///< stop()
    /// Finishes what was submitted, then stops the writer. Idempotent.
    void stop();
    write_queue(const write_queue&) = delete;
    write_queue& operator=(const write_queue&) = delete;

    /// `order`: the order id the work will look up, if any, so that the batch can fetch
    /// all of them at once (store::write_batch::expect_orders).
    void submit(work w, done d, std::optional<store::order_key> order = std::nullopt);

    // The hooks below may be set while the writer already runs (a webhook sender claiming
    // work as the server starts): each batch takes them as they are when it begins.

    /// Runs on the writer thread after every commit, before the writes are
    /// answered (a cache that must not show what preceded them), with the committed batch.
    using commit_hook = std::function<void(const store::write_batch&)>;
    void on_commit(commit_hook hook);

    /// Told of each group commit: how many writes, how long it took (begin to commit), and
    /// how it ended. For the metrics.
    using batch_observer = std::function<void(
        std::size_t writes, std::chrono::steady_clock::duration, store::batch_end)>;
    void on_batch(batch_observer observe);

    /// Whoever must hear of the events recorded through this queue's batches (webhooks), or
    /// nobody. Set before the writes that should be heard are submitted.
    void listen(event_listener* l) { listener_.store(l); }
    event_listener* listener() const { return listener_.load(); }

private:
    struct job {
        work w;
        done d;
        std::optional<store::order_key> order;
    };
    void run();
    struct hooks {
        commit_hook on_commit;
        batch_observer on_batch;
    };
    store::batch_end commit(std::deque<job>& batch, const hooks& h);

    store::shipment_store& store_;
    incident& database_;
    std::size_t max_batch_;
    std::shared_ptr<const hooks> hooks_ = std::make_shared<hooks>();  // guarded by mutex_
    std::atomic<event_listener*> listener_{nullptr};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<job> pending_;
    bool stopping_ = false;
    std::vector<std::thread> writers_;
};

}  // namespace jne::runtime
