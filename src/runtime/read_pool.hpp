#pragma once

#include <boost/asio/thread_pool.hpp>

#include <functional>

namespace jne::runtime {

/// Threads for the reads a serving thread should not wait for. A serving thread answers every
/// connection it holds, one event loop: a read that blocks it (a cold SQLite page, PostgreSQL's
/// round trip) or runs long (a search through the whole catalogue) holds them all. Posted
/// here, it holds only its own request, and what the loop answers from memory (kept tariffs
/// and tracking) goes on at once.
class read_pool {
public:
    explicit read_pool(unsigned threads);
    ~read_pool();  ///< stop()
    read_pool(const read_pool&) = delete;
    read_pool& operator=(const read_pool&) = delete;

    /// Runs `read` on one of the pool's threads. It must not throw.
    void post(std::function<void()> read);

    /// Runs what was posted, then ends the threads. Idempotent.
    void stop();

private:
    boost::asio::thread_pool threads_;
};

}  // namespace jne::runtime
