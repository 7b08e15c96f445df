#include "runtime/periodic.hpp"

namespace jne::runtime {

periodic::periodic(std::chrono::milliseconds interval, std::function<bool()> work)
    : thread_([this, interval, work = std::move(work)] {
          std::unique_lock lock(mutex_);
          while (!stopping_) {
              lock.unlock();
              const bool more = work();
              lock.lock();
              if (!more) wake_.wait_for(lock, interval, [this] { return stopping_; });
          }
      }) {}

periodic::~periodic() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

}  // namespace jne::runtime
