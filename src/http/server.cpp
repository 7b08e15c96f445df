#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

namespace jne::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

struct session_settings {
    const router& routes;
    limits edge;
    bool access_log;
};

class session;
// The session whose handler this thread is running, if any.
thread_local const session* answering_now = nullptr;

class session : public std::enable_shared_from_this<session>, public exchange {
public:
    session(tcp::socket socket, const session_settings& settings) : stream_(std::move(socket)), settings_(settings) {}

    void start() { do_read(); }

    // Called by the handler, perhaps from another thread (a group commit).
    void respond(wire::answer answer) override {
        // A handler answering at once runs on this connection's thread: write now. An answer
        // from elsewhere (the writer thread after a commit) is queued to the connection's thread.
        if (answering_now == this) return write(std::move(answer));
        asio::dispatch(stream_.get_executor(),
                       [self = shared_from_this(), a = std::move(answer)]() mutable { self->write(std::move(a)); });
    }

private:
    void do_read() {
        parser_.emplace();
        parser_->body_limit(settings_.edge.body_bytes);
        parser_->header_limit(static_cast<std::uint32_t>(settings_.edge.header_bytes));
        stream_.expires_after(settings_.edge.read_timeout);
        bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::connection_reset ||
            ec == asio::error::operation_aborted)
            return close();
        if (ec == bhttp::error::body_limit) return fail_and_close(413);
        if (ec) return buffer_.size() > 0 || parser_->got_some() ? fail_and_close(400) : close();

        started_ = std::chrono::steady_clock::now();
        auto& request = parser_->get();
        keep_alive_ = request.keep_alive();
        if (settings_.access_log) {
            method_.assign(request.method_string());
            target_.assign(request.target());
        }
        router::match m = settings_.routes.find(request.method_string(), request.target());
        if (m.target == nullptr) return write(wire::encode_http_error(m.status));

        call c{std::move(m.path_value), wire::decode_form(request[bhttp::field::content_type], request.body())};
        try {
            answering_now = this;
            (*m.target)(c, shared_from_this());
            answering_now = nullptr;
        } catch (const std::exception& e) {
            answering_now = nullptr;
            // A bug, not a business outcome: logged in full, answered generically.
            spdlog::error("{} {}: unexpected exception: {}", std::string_view(request.method_string()),
                          std::string_view(request.target()), e.what());
            write(wire::encode_http_error(500));
        }
    }

    void fail_and_close(unsigned status) {
        keep_alive_ = false;
        method_ = "-";
        target_ = "-";
        started_ = std::chrono::steady_clock::now();
        write(wire::encode_http_error(status));
    }

    void write(wire::answer answer) {
        // The same response object serves every answer of the connection: its fields stay allocated.
        response_.result(answer.status);
        response_.keep_alive(keep_alive_);
        response_.body() = std::move(answer.body);
        response_.prepare_payload();
        if (settings_.access_log) {
            auto micros =
                std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_);
            // The route and outcome only: bodies (and so API keys) are never logged.
            spdlog::info("{} {} {} {}us", method_, target_, answer.status, micros.count());
        }
        stream_.expires_after(settings_.edge.request_deadline);
        bhttp::async_write(stream_, response_, beast::bind_front_handler(&session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec || !keep_alive_) return close();
        do_read();
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    const session_settings& settings_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    bhttp::response<bhttp::string_body> response_;
    std::chrono::steady_clock::time_point started_;
    std::string method_;
    std::string target_;
    bool keep_alive_ = true;
};

}  // namespace

struct server::state {
    state(const router& routes, limits edge, bool access_log) : settings{routes, edge, access_log} {}

    session_settings settings;
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    std::optional<tcp::acceptor> acceptor;
    std::optional<asio::signal_set> signals;
    std::size_t next_context = 0;
    std::atomic<bool> stopping{false};

    asio::io_context& accept_context() { return *contexts.front(); }

    void do_accept() {
        asio::io_context& target = *contexts[next_context];
        next_context = (next_context + 1) % contexts.size();
        acceptor->async_accept(target, [this](beast::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
            if (!ec) {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<session>(std::move(socket), settings)->start();
            }
            do_accept();
        });
    }

    void begin_stop() {
        if (stopping.exchange(true)) return;
        asio::post(accept_context(), [this] {
            beast::error_code ignored;
            if (acceptor) acceptor->close(ignored);
            if (signals) signals->cancel();
            guards.clear();
            // Give answers being written a moment, then end every loop.
            auto grace = std::make_shared<asio::steady_timer>(accept_context(), std::chrono::milliseconds(300));
            grace->async_wait([this, grace](beast::error_code) {
                for (auto& c : contexts) c->stop();
            });
        });
    }
};

server::server(const router& routes, limits edge, unsigned threads, bool access_log)
    : state_(std::make_unique<state>(routes, edge, access_log)) {
    threads = std::max(1u, threads);
    for (unsigned i = 0; i < threads; ++i) {
        state_->contexts.push_back(std::make_unique<asio::io_context>(1));
        state_->guards.push_back(asio::make_work_guard(*state_->contexts.back()));
    }
    // From now on SIGINT and SIGTERM are the server's, even before run().
    state_->signals.emplace(state_->accept_context(), SIGINT, SIGTERM);
}

server::~server() = default;

unsigned short server::listen(const std::string& address, unsigned short port) {
    auto& ctx = state_->accept_context();
    tcp::endpoint endpoint(asio::ip::make_address(address), port);
    state_->acceptor.emplace(ctx);
    state_->acceptor->open(endpoint.protocol());
    state_->acceptor->set_option(asio::socket_base::reuse_address(true));
    state_->acceptor->bind(endpoint);
    state_->acceptor->listen(asio::socket_base::max_listen_connections);
    return state_->acceptor->local_endpoint().port();
}

void server::run() {
    state_->signals->async_wait([this](beast::error_code ec, int) {
        if (!ec) {
            spdlog::info("signal received: stopping");
            state_->begin_stop();
        }
    });
    state_->do_accept();
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < state_->contexts.size(); ++i)
        workers.emplace_back([ctx = state_->contexts[i].get()] { ctx->run(); });
    state_->accept_context().run();
    for (auto& w : workers) w.join();
}

void server::stop() { state_->begin_stop(); }

}  // namespace jne::http
