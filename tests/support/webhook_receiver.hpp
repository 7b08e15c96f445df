#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace jne::test {

/// One POST a webhook receiver was sent.
struct received_delivery {
    std::string target;
    std::string event_id;   ///< X-Jne-Event-Id
    std::string signature;  ///< X-Jne-Signature
    std::string content_type;
    std::string body;
    unsigned answered = 0;  ///< the status it was answered with
};

/// A real HTTP server on 127.0.0.1, port 0, as a merchant's webhook endpoint: it records every
/// request and answers as `answer` says (a status, after a delay), 200 by default. Each
/// connection has its own thread, so a slow answer holds up no other.
class webhook_receiver {
public:
    struct answer {
        unsigned status = 200;
        std::chrono::milliseconds delay{0};
    };
    /// Decides the answer to a request; `nth` counts the requests with the same event id from 1.
    using policy = std::function<answer(const received_delivery&, int nth)>;

    explicit webhook_receiver(policy p = {});
    ~webhook_receiver();
    webhook_receiver(const webhook_receiver&) = delete;
    webhook_receiver& operator=(const webhook_receiver&) = delete;

    std::string url(const std::string& path = "/hook") const;
    /// Answers written back so far (a delayed answer counts once it is sent).
    std::size_t answers_written() const;
    /// Every request so far, in the order they arrived (whatever was answered).
    std::vector<received_delivery> requests() const;
    /// Waits until `done(requests())` holds or `timeout` passes; whether it held.
    bool wait_until(const std::function<bool(const std::vector<received_delivery>&)>& done,
                    std::chrono::milliseconds timeout) const;
    void set_policy(policy p);

private:
    struct state;
    std::shared_ptr<state> state_;
    std::thread acceptor_;
};

}  // namespace jne::test
