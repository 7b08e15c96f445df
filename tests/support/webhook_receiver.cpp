#include "support/webhook_receiver.hpp"

#include <atomic>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <map>

namespace jne::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct webhook_receiver::state {
    asio::io_context io;
    tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    std::vector<received_delivery> requests;
    std::map<std::string, int> seen;  // requests per event id
    std::atomic<std::size_t> answers_written{0};
    policy answer_with;
    std::vector<std::thread> connections;
    bool stopping = false;

    void serve(tcp::socket socket) {
        beast::error_code ec;
        beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> req;
            http::read(socket, buffer, req, ec);
            if (ec) return;
            received_delivery r{std::string(req.target()), std::string(req["X-Jne-Event-Id"]),
                                std::string(req["X-Jne-Signature"]),
                                std::string(req[http::field::content_type]), req.body()};
            answer a;
            {
                std::lock_guard lock(mutex);
                const int nth = ++seen[r.event_id];
                if (answer_with) a = answer_with(r, nth);
                r.answered = a.status;
                requests.push_back(r);
            }
            changed.notify_all();
            if (a.delay.count() > 0) std::this_thread::sleep_for(a.delay);
            http::response<http::string_body> res{static_cast<http::status>(a.status),
                                                  req.version()};
            res.set(http::field::content_type, "application/json");
            res.body() = a.status < 300 ? R"({"status":true})" : R"({"status":false})";
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            http::write(socket, res, ec);
            if (!ec) ++answers_written;
            if (ec || !res.keep_alive()) return;
        }
    }
};

webhook_receiver::webhook_receiver(policy p) : state_(std::make_shared<state>()) {
    state_->answer_with = std::move(p);
    acceptor_ = std::thread([s = state_] {
        for (;;) {
            beast::error_code ec;
            tcp::socket socket(s->io);
            s->acceptor.accept(socket, ec);
            std::lock_guard lock(s->mutex);
            if (s->stopping) return;
            if (ec) continue;
            s->connections.emplace_back(
                [s, sock = std::move(socket)]() mutable { s->serve(std::move(sock)); });
        }
    });
}

webhook_receiver::~webhook_receiver() {
    {
        std::lock_guard lock(state_->mutex);
        state_->stopping = true;
    }
    // Wakes the blocked accept with a connection of our own.
    beast::error_code ec;
    asio::io_context io;
    tcp::socket poke(io);
    poke.connect(state_->acceptor.local_endpoint(), ec);
    acceptor_.join();
    for (std::thread& t : state_->connections) t.detach();  // each ends when its peer closes
}

std::size_t webhook_receiver::answers_written() const { return state_->answers_written.load(); }

std::string webhook_receiver::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(state_->acceptor.local_endpoint().port()) + path;
}

std::vector<received_delivery> webhook_receiver::requests() const {
    std::lock_guard lock(state_->mutex);
    return state_->requests;
}

bool webhook_receiver::wait_until(
    const std::function<bool(const std::vector<received_delivery>&)>& done,
    std::chrono::milliseconds timeout) const {
    std::unique_lock lock(state_->mutex);
    return state_->changed.wait_for(lock, timeout, [&] { return done(state_->requests); });
}

void webhook_receiver::set_policy(policy p) {
    std::lock_guard lock(state_->mutex);
    state_->answer_with = std::move(p);
}

}  // namespace jne::test
