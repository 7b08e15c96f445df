#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace jne::runtime {

/// A few threads for long jobs that belong to someone (labels, by account), shared fairly: jobs
/// run in order within a key, keys take turns, and one key runs at most `per_key` jobs at once.
/// With more threads than `per_key`, a flood of one account's work leaves a thread for the others:
/// another account's single job waits for no job of the flood, only for the threads' turn.
/// A plain pool runs the oldest first, and a merchant's one label waited 25 s behind another's
/// thirty 500-label PDFs.
class fair_pool {
public:
    fair_pool(unsigned threads, unsigned per_key);
    ~fair_pool();  ///< stop()
    fair_pool(const fair_pool&) = delete;
    fair_pool& operator=(const fair_pool&) = delete;

    /// Queues `job` behind `key`'s earlier ones. It must not throw.
    void post(const std::string& key, std::function<void()> job);

    /// Jobs posted and not yet finished (waiting or running): /metrics shows it.
    std::size_t jobs() const { return jobs_.load(std::memory_order_relaxed); }

    /// Runs everything posted, then ends the threads. Idempotent.
    void stop();

private:
    struct queue {
        std::deque<std::function<void()>> jobs;
        unsigned running = 0;
        bool in_turn = false;  ///< listed in turns_
    };
    void run();
    // With the mutex held: lists `key` for a turn if it has a job and room to run it.
    void offer_turn(const std::string& key, queue& q);

    const unsigned per_key_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::unordered_map<std::string, queue> queues_;  ///< only keys with work: bounded by it
    std::deque<std::string> turns_;                  ///< keys whose next job may run, in turn
    bool stopping_ = false;
    std::atomic<std::size_t> jobs_{0};
    std::vector<std::thread> threads_;
};

}  // namespace jne::runtime
