#include "runtime/write_queue.hpp"

#include "runtime/incident.hpp"

#include <algorithm>
#include <iterator>

namespace jne::runtime {

using store::batch_end;

write_queue::write_queue(store::shipment_store& store, incident& database, std::size_t max_batch)
    : store_(store), database_(database), max_batch_(max_batch) {
    for (std::size_t i = 0; i < std::max<std::size_t>(1, store.concurrent_batches()); ++i)
        writers_.emplace_back([this] { run(); });
}

write_queue::~write_queue() { stop(); }

void write_queue::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& writer : writers_)
        if (writer.joinable()) writer.join();
}

void write_queue::submit(work w, done d, std::optional<store::order_key> order) {
    {
        std::lock_guard lock(mutex_);
        pending_.push_back({std::move(w), std::move(d), std::move(order)});
    }
    wake_.notify_one();
}

void write_queue::on_commit(commit_hook hook) {
    std::lock_guard lock(mutex_);
    auto changed = std::make_shared<hooks>(*hooks_);
    changed->on_commit = std::move(hook);
    hooks_ = std::move(changed);
}

void write_queue::on_batch(batch_observer observe) {
    std::lock_guard lock(mutex_);
    auto changed = std::make_shared<hooks>(*hooks_);
    changed->on_batch = std::move(observe);
    hooks_ = std::move(changed);
}

batch_end write_queue::commit(std::deque<job>& batch, const hooks& h) {
    const auto began = std::chrono::steady_clock::now();
    auto observed = [&](batch_end end) {
        if (h.on_batch) h.on_batch(batch.size(), std::chrono::steady_clock::now() - began, end);
        return end;
    };
    std::unique_ptr<store::write_batch> writes;
    try {
        writes = store_.begin_writes();
    } catch (const std::exception& e) {
        database_.failed("a group commit", e.what());
        return observed(batch_end::not_begun);
    }
    try {
        std::vector<store::order_key> orders;
        for (const job& j : batch)
            if (j.order) orders.push_back(*j.order);
        if (!orders.empty()) writes->expect_orders(orders);
        for (job& j : batch) j.w(*writes);
        writes->commit();
        if (writes->wrote()) database_.succeeded();
        if (h.on_commit) h.on_commit(*writes);
        return observed(batch_end::committed);
    } catch (const store::write_conflict&) {
        // Not an incident: two servers were sent the same order id at once.
        return observed(batch_end::conflicted);
    } catch (const std::exception& e) {
        // Rolled back: its writes are answered "unavailable" (or retried alone).
        database_.failed("a group commit", e.what());
        return observed(batch_end::a_write_failed);
    }
}

void write_queue::run() {
    for (;;) {
        std::deque<job> batch;
        std::shared_ptr<const hooks> h;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
            if (pending_.empty()) return;  // stopping, and all done
            // Everything that queued while the last commit was being written goes in this one.
            while (!pending_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(pending_.front()));
                pending_.pop_front();
            }
            h = hooks_;
        }
        const batch_end end = commit(batch, *h);
        if (end == batch_end::committed) {
            for (job& j : batch) j.d(true);
            continue;
        }
        if (end == batch_end::not_begun) {
            // The database could not be written at all (locked elsewhere, down), and the batch
            // waited the store's whole patience to learn it. Trying each write alone would make
            // every caller wait as long again; so would beginning another batch for the writes
            // that queued meanwhile: they are refused with this one, and no caller waits for
            // more than one patience (a webhook claim just before a create must not double it).
            {
                std::lock_guard lock(mutex_);
                std::move(pending_.begin(), pending_.end(), std::back_inserter(batch));
                pending_.clear();
            }
            for (job& j : batch) j.d(false);
            continue;
        }
        // One bad write must not sink the others: retry each in a batch of its own. A conflict
        // is retried as long as it lasts: each is an order id another process has just
        // committed, which the next try reads (a few tries; each one waited for a winner).
        for (job& j : batch) {
            std::deque<job> alone;
            alone.push_back(std::move(j));
            batch_end alone_end = commit(alone, *h);
            for (int tries = 1; alone_end == batch_end::conflicted && tries < 4; ++tries)
                alone_end = commit(alone, *h);
            alone.front().d(alone_end == batch_end::committed);
        }
    }
}

}  // namespace jne::runtime
