#include "runtime/fair_pool.hpp"

#include <algorithm>

namespace jne::runtime {

fair_pool::fair_pool(unsigned threads, unsigned per_key) : per_key_(std::max(1u, per_key)) {
    for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { run(); });
}

fair_pool::~fair_pool() { stop(); }

void fair_pool::post(const std::string& key, std::function<void()> job) {
    const std::lock_guard lock(mutex_);
    jobs_.fetch_add(1, std::memory_order_relaxed);
    queue& q = queues_[key];
    q.jobs.push_back(std::move(job));
    offer_turn(key, q);
}

void fair_pool::offer_turn(const std::string& key, queue& q) {
    if (q.in_turn || q.jobs.empty() || q.running >= per_key_) return;
    q.in_turn = true;
    turns_.push_back(key);
    wake_.notify_one();
}

void fair_pool::stop() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}

void fair_pool::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return !turns_.empty() || (stopping_ && queues_.empty()); });
        if (turns_.empty()) {
            wake_.notify_all();  // stopping with nothing left: the other threads end too
            return;
        }
        const std::string key = std::move(turns_.front());
        turns_.pop_front();
        queue& q = queues_.at(key);
        q.in_turn = false;
        auto job = std::move(q.jobs.front());
        q.jobs.pop_front();
        ++q.running;
        offer_turn(key, q);  // its next job, behind the keys already waiting
        lock.unlock();
        job();
        job = nullptr;  // what the job holds goes before the lock is taken again
        jobs_.fetch_sub(1, std::memory_order_relaxed);
        lock.lock();
        queue& after = queues_.at(key);
        --after.running;
        if (after.jobs.empty() && after.running == 0)
            queues_.erase(key);
        else
            offer_turn(key, after);
        if (stopping_ && queues_.empty()) wake_.notify_all();
    }
}

}  // namespace jne::runtime
