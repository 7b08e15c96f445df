#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
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

// Sockets bound to one io_context's own executor: no type-erased executor copies per operation.
using socket_type = asio::basic_stream_socket<tcp, asio::io_context::executor_type>;
using clock = std::chrono::steady_clock;

struct session_settings {
    const router& routes;
    limits edge;
    bool access_log;
};

class session;
// The session whose handler this thread is running, if any.
thread_local const session* answering_now = nullptr;

// An answer's head: status line and the headers JNE's clients read, written into a
// buffer the connection reuses. The body follows in the same write, never copied.
void serialize_head(std::string& out, unsigned status, unsigned version, bool keep_alive,
                    std::size_t body_size) {
    out.assign(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    out += std::to_string(status);
    out += ' ';
    out += bhttp::obsolete_reason(bhttp::int_to_status(status));
    out += "\r\nContent-Type: application/json\r\nContent-Length: ";
    out += std::to_string(body_size);
    // HTTP/1.1 keeps connections alive unless told; HTTP/1.0 closes them unless told.
    if (!keep_alive && version != 10) out += "\r\nConnection: close";
    if (keep_alive && version == 10) out += "\r\nConnection: keep-alive";
    out += "\r\n\r\n";
}

class session : public std::enable_shared_from_this<session>, public exchange {
public:
    session(socket_type socket, const session_settings& settings)
        : socket_(std::move(socket)), settings_(settings) {}

    void start() { do_read(); }

    // Called by the handler, perhaps from another thread (a group commit).
    void respond(wire::answer answer) override {
        // A handler answering at once runs on this connection's thread: write now. An answer
        // from elsewhere (the writer thread after a commit) is queued to the connection's thread.
        if (answering_now == this) return write(std::move(answer));
        asio::dispatch(socket_.get_executor(),
                       [self = shared_from_this(), a = std::move(answer)]() mutable {
                           self->write(std::move(a));
                       });
    }

    /// Closes the connection if its deadline passed (the thread's sweep calls it).
    void close_if_late(clock::time_point now) {
        if (now >= deadline_) close();
    }

private:
    void do_read() {
        parser_.emplace();
        parser_->body_limit(settings_.edge.body_bytes);
        parser_->header_limit(static_cast<std::uint32_t>(settings_.edge.header_bytes));
        deadline_ = clock::now() + settings_.edge.read_timeout;
        bhttp::async_read(socket_, buffer_, *parser_,
                          beast::bind_front_handler(&session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        deadline_ = clock::time_point::max();  // being answered: the write sets the next deadline
        if (ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset ||
            ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor)
            return close();
        if (ec == bhttp::error::body_limit) return fail_and_close(413);
        if (ec) return buffer_.size() > 0 || parser_->got_some() ? fail_and_close(400) : close();

        auto& request = parser_->get();
        keep_alive_ = request.keep_alive();
        version_ = request.version();
        if (settings_.access_log) {
            started_ = clock::now();
            method_.assign(request.method_string());
            target_.assign(request.target());
        }
        router::match m = settings_.routes.find(request.method_string(), request.target());
        if (m.target == nullptr) return write(wire::encode_http_error(m.status));

        call c{std::move(m.path_value),
               wire::decode_form(request[bhttp::field::content_type], request.body())};
        try {
            answering_now = this;
            (*m.target)(c, shared_from_this());
            answering_now = nullptr;
        } catch (const std::exception& e) {
            answering_now = nullptr;
            // A bug, not a business outcome: logged in full, answered generically.
            spdlog::error("{} {}: unexpected exception: {}",
                          std::string_view(request.method_string()),
                          std::string_view(request.target()), e.what());
            write(wire::encode_http_error(500));
        }
    }

    void fail_and_close(unsigned status) {
        keep_alive_ = false;
        method_ = "-";
        target_ = "-";
        started_ = clock::now();
        write(wire::encode_http_error(status));
    }

    void write(wire::answer answer) {
        answer_ = std::move(answer);  // kept until written
        serialize_head(head_, answer_.status, version_, keep_alive_, answer_.bytes().size());
        if (settings_.access_log) {
            auto micros =
                std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - started_);
            // The route and outcome only: bodies (and so API keys) are never logged.
            spdlog::info("{} {} {} {}us", method_, target_, answer_.status, micros.count());
        }
        deadline_ = clock::now() + settings_.edge.request_deadline;
        const std::array<asio::const_buffer, 2> bytes{asio::buffer(head_),
                                                      asio::buffer(answer_.bytes())};
        asio::async_write(socket_, bytes,
                          beast::bind_front_handler(&session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        answer_.shared_body.reset();  // a cached body may be replaced; let it go
        if (ec || !keep_alive_) return close();
        do_read();
    }

    void close() {
        deadline_ = clock::time_point::max();
        beast::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_send, ignored);
        socket_.close(ignored);
    }

    socket_type socket_;
    const session_settings& settings_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::string head_;
    wire::answer answer_;
    clock::time_point deadline_ = clock::time_point::max();
    clock::time_point started_;
    std::string method_;
    std::string target_;
    unsigned version_ = 11;
    bool keep_alive_ = true;
};

// One thread's share of the server: its io_context and its connections. A sweep
// a few times a second closes connections past their deadline: one timer per
// thread instead of a timer armed and cancelled around every read and write.
struct worker {
    explicit worker(clock::duration every) : sweep_every(every) {}

    asio::io_context context{1};
    asio::steady_timer sweep_timer{context};
    clock::duration sweep_every;
    std::vector<std::weak_ptr<session>> sessions;  // touched only on this thread

    void adopt(const std::shared_ptr<session>& s) {
        sessions.push_back(s);
        s->start();
    }

    void sweep_later() {
        sweep_timer.expires_after(sweep_every);
        sweep_timer.async_wait([this](beast::error_code ec) {
            if (ec) return;
            const auto now = clock::now();
            std::erase_if(sessions, [&](const std::weak_ptr<session>& w) {
                auto s = w.lock();
                if (s) s->close_if_late(now);
                return s == nullptr;
            });
            sweep_later();
        });
    }
};

}  // namespace

struct server::state {
    state(const router& routes, limits edge, bool access_log)
        : settings{routes, edge, access_log} {}

    session_settings settings;
    std::vector<std::unique_ptr<worker>> workers;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    std::optional<tcp::acceptor> acceptor;
    std::optional<asio::signal_set> signals;
    std::size_t next_worker = 0;
    std::atomic<bool> stopping{false};

    asio::io_context& accept_context() { return workers.front()->context; }

    void do_accept() {
        worker& target = *workers[next_worker];
        next_worker = (next_worker + 1) % workers.size();
        acceptor->async_accept(
            target.context, [this, &target](beast::error_code ec, socket_type socket) {
                if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
                if (!ec) {
                    socket.set_option(tcp::no_delay(true), ec);
                    // The session starts on its own thread, where its worker keeps it.
                    asio::post(target.context,
                               [&target, s = std::make_shared<session>(
                                             std::move(socket), settings)] { target.adopt(s); });
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
            auto grace = std::make_shared<asio::steady_timer>(accept_context(),
                                                              std::chrono::milliseconds(300));
            grace->async_wait([this, grace](beast::error_code) {
                for (auto& w : workers) w->context.stop();
            });
        });
    }
};

server::server(const router& routes, limits edge, unsigned threads, bool access_log)
    : state_(std::make_unique<state>(routes, edge, access_log)) {
    threads = std::max(1u, threads);
    // Deadlines are kept to within a quarter of the shorter limit, and at most 250 ms late.
    const auto sweep_every =
        std::clamp<clock::duration>(std::min(edge.read_timeout, edge.request_deadline) / 4,
                                    std::chrono::milliseconds(5), std::chrono::milliseconds(250));
    for (unsigned i = 0; i < threads; ++i) {
        state_->workers.push_back(std::make_unique<worker>(sweep_every));
        state_->guards.push_back(asio::make_work_guard(state_->workers.back()->context));
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
    for (auto& w : state_->workers) w->sweep_later();
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < state_->workers.size(); ++i)
        threads.emplace_back([&context = state_->workers[i]->context] { context.run(); });
    state_->accept_context().run();
    for (auto& t : threads) t.join();
}

void server::stop() { state_->begin_stop(); }

}  // namespace jne::http
