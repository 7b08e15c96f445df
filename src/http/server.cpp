#include "http/server.hpp"

#include "http/compression.hpp"
#include "http/framing.hpp"
#include "http/listener.hpp"
#include "wire/json_out.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <stdexcept>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <ctime>
#include <optional>
#include <random>
#include <thread>
#include <type_traits>
#include <vector>

namespace jne::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

namespace {

using tls_stream = beast::ssl_stream<socket_type>;
using clock = std::chrono::steady_clock;

struct session_settings {
    const router& routes;
    server_options options;
    mutable gzip_cache compressed{options.gzip_cache_bytes,
                                  options.gzip_usage};  // shared by every connection
    mutable std::atomic<std::size_t> live_sessions{0};  // a stop waits for none
};

// The session whose handler this thread is running, if any.
thread_local const void* answering_now = nullptr;

// HTTP's Date, made once a second per thread: "Sun, 29 Nov 2026 08:19:00 GMT".
std::string_view http_date() {
    thread_local std::time_t made_at = 0;
    thread_local std::array<char, 40> text{};
    const std::time_t now = std::time(nullptr);
    if (now != made_at) {
        std::tm parts{};
        gmtime_r(&now, &parts);
        std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &parts);
        made_at = now;
    }
    return text.data();
}

// A request id when the client sent none: this process's random prefix and a count.
std::string new_request_id() {
    static const std::string prefix = [] {
        std::random_device random;
        return fmt::format("{:08x}", random());
    }();
    static std::atomic<std::uint64_t> next{0};
    // Not fmt::format: it was 600 instructions of every request that sent no id.
    char digits[16];
    const auto written = std::to_chars(digits, digits + sizeof digits,
                                       next.fetch_add(1, std::memory_order_relaxed), 16);
    std::string id;
    id.reserve(prefix.size() + 1 + static_cast<std::size_t>(written.ptr - digits));
    id.append(prefix).append(1, '-').append(digits, written.ptr);
    return id;
}

// The headers the server reads, found in one pass: each look-up by name walks them all.
// The first of a repeated header, as Beast's operator[] gives.
struct read_headers {
    std::string_view accept_encoding, content_type, if_none_match, request_id;
};
template <class Request>
read_headers read_headers_of(const Request& request) {
    read_headers found;
    auto keep = [](std::string_view& slot, auto value) {
        if (slot.data() == nullptr) slot = std::string_view(value.data(), value.size());
    };
    for (const auto& f : request) {
        switch (f.name()) {
            case bhttp::field::accept_encoding:
                keep(found.accept_encoding, f.value());
                break;
            case bhttp::field::content_type:
                keep(found.content_type, f.value());
                break;
            case bhttp::field::if_none_match:
                keep(found.if_none_match, f.value());
                break;
            default:  // X-Request-Id is no field Beast names
                if (beast::iequals(f.name_string(), "X-Request-Id"))
                    keep(found.request_id, f.value());
                break;
        }
    }
    return found;
}

// A request id as clients send it: printable, short, nothing a log could be fooled by.
bool usable_request_id(std::string_view id) {
    return !id.empty() && id.size() <= 128 && std::all_of(id.begin(), id.end(), [](char c) {
        return c > 32 && c < 127 && c != '"' && c != '\\';
    });
}

// The X-Forwarded-For lines of a request as one list, and its Forwarded lines: a proxy may add
// a line of its own instead of extending the last.
struct forwarding_headers {
    std::string forwarded, x_forwarded_for;
};
template <class Request>
forwarding_headers forwarding_headers_of(const Request& request) {
    forwarding_headers found;
    auto add = [](std::string& list, auto value) {
        if (!list.empty()) list += ',';
        list.append(value.data(), value.size());
    };
    for (const auto& f : request) {
        if (beast::iequals(f.name_string(), "X-Forwarded-For"))
            add(found.x_forwarded_for, f.value());
        if (beast::iequals(f.name_string(), "Forwarded")) add(found.forwarded, f.value());
    }
    return found;
}

// What a worker keeps of its connections, whatever they are carried over.
class connection {
public:
    virtual ~connection() = default;
    virtual void start() = 0;
    virtual void close_if_late(clock::time_point now) = 0;
    virtual bool idle() const = 0;
    virtual void close_now() = 0;
    virtual void drain() = 0;
};

// One connection: plain TCP (Stream = socket_type) or TLS over it (tls_stream).
template <class Stream>
class session : public std::enable_shared_from_this<session<Stream>>,
                public connection,
                public exchange {
    static constexpr bool tls = std::is_same_v<Stream, tls_stream>;
    using std::enable_shared_from_this<session<Stream>>::shared_from_this;

public:
    session(Stream stream, const session_settings& settings,
            std::shared_ptr<ssl::context> context = nullptr)
        : stream_(std::move(stream)), settings_(settings), context_(std::move(context)) {
        ++settings_.live_sessions;
        if (settings_.options.counts != nullptr) settings_.options.counts->connection_opened();
    }
    ~session() override {
        if (settings_.options.counts != nullptr) settings_.options.counts->connection_closed();
        --settings_.live_sessions;
    }
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    // Before the first request: a trusted proxy's PROXY header (--proxy-protocol), then the TLS
    // handshake, both within the read timeout.
    void start() override {
        beast::error_code ec;
        const auto peer = socket().remote_endpoint(ec);
        if (!ec) peer_ = peer.address();
        known_peer_ = !ec;
        deadline_ = clock::now() + settings_.options.edge.read_timeout;
        if (known_peer_ && settings_.options.proxy_protocol &&
            settings_.options.proxies.trusts(peer_))
            return read_proxy_header();
        begin();
    }

    // Called by the handler, perhaps from another thread (a group commit).
    void respond(wire::answer answer) override {
        // A handler answering at once runs on this connection's thread: write now. An answer
        // from elsewhere (the writer thread after a commit) is queued to the connection's thread.
        if (answering_now == this) return write(std::move(answer));
        asio::dispatch(stream_.get_executor(),
                       [self = shared_from_this(), a = std::move(answer)]() mutable {
                           self->write(std::move(a));
                       });
    }

    /// Closes the connection if its deadline passed (the thread's sweep calls it).
    /// A request only partly read is answered 408 first (a slow client learns why); an idle
    /// connection or an answer that could not be written is closed.
    void close_if_late(clock::time_point now) override {
        if (now < deadline_) return;
        if (reading_ && parser_ && (parser_->got_some() || buffer_.size() > 0)) {
            timed_out_ = true;
            reading_ = false;
            return fail_and_close(408);
        }
        close();
    }

    /// Waiting for a request of which nothing has come (a kept-alive connection between requests).
    bool idle() const override { return idle_; }
    void close_now() override { close(); }

    /// The server is stopping: a connection waiting for its next request closes now; one whose
    /// request is under way (a create waiting for its commit, say) is answered, then closed.
    void drain() override {
        draining_ = true;
        if (idle_) close();
    }

private:
    socket_type& socket() { return beast::get_lowest_layer(stream_); }

    // The PROXY header comes before anything else, TLS included: read from the socket itself.
    void read_proxy_header() {
        const auto header = http::read_proxy_header(
            {static_cast<const unsigned char*>(buffer_.data().data()), buffer_.size()});
        if (header.outcome == proxy_header::state::invalid) return close();  // not HTTP to answer
        if (header.outcome == proxy_header::state::done) {
            buffer_.consume(header.length);
            if (header.source) peer_ = *header.source;
            return begin();
        }
        socket().async_read_some(buffer_.prepare(512),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                     if (ec) return self->close();
                                     self->buffer_.commit(n);
                                     self->read_proxy_header();
                                 });
    }

    void begin() {
        peer_trusted_ = known_peer_ && settings_.options.proxies.trusts(peer_);
        client_ = known_peer_ ? peer_.to_string() : std::string("-");
        if constexpr (tls) {
            // Bytes already read (after a PROXY header) are the handshake's first. (The default
            // argument: Boost 1.81 checks this overload's handler against the unbuffered one's
            // signature.)
            stream_.async_handshake(
                ssl::stream_base::server, buffer_.data(),
                [self = shared_from_this()](beast::error_code ec, std::size_t used = 0) {
                    if (ec) return self->close();  // not TLS, or a version refused: no answer
                    self->buffer_.consume(used);
                    self->do_read();
                });
        } else {
            do_read();
        }
    }
    void do_read() {
        parser_.emplace();
        parser_->body_limit(settings_.options.edge.body_bytes);
        parser_->header_limit(static_cast<std::uint32_t>(settings_.options.edge.header_bytes));
        deadline_ = clock::now() + settings_.options.edge.read_timeout;
        idle_ = buffer_.size() == 0;  // nothing of the next request yet
        reading_ = true;
        read_header();
    }

    // Beast's async_read_header, with a look at the raw bytes first: a folded line is merged into
    // its field's value by the parser and cannot be seen after it (http/framing.hpp).
    void read_header() {
        while (buffer_.size() > 0) {
            if (folds_a_line({static_cast<const char*>(buffer_.data().data()), buffer_.size()}))
                return refuse_framing();
            beast::error_code parsed;
            buffer_.consume(parser_->put(buffer_.data(), parsed));
            if (parser_->is_header_done()) return on_header({}, 0);
            if (parsed == bhttp::error::need_more) break;
            if (parsed) return on_header(parsed, 0);
        }
        stream_.async_read_some(buffer_.prepare(beast::read_size(buffer_, 65536)),
                                [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                    if (self->timed_out_) return;  // answered 408 meanwhile
                                    self->buffer_.commit(n);
                                    if (ec == asio::error::eof) {
                                        // Nothing of a request: a clean close; part of one:
                                        // malformed.
                                        if (!self->parser_->got_some() && self->buffer_.size() == 0)
                                            return self->on_header(bhttp::error::end_of_stream, 0);
                                        return self->on_header(bhttp::error::partial_message, 0);
                                    }
                                    if (ec) return self->on_header(ec, 0);
                                    self->read_header();
                                });
    }

    void refuse_framing() {
        idle_ = false;
        reading_ = false;
        deadline_ = clock::time_point::max();
        started_ = clock::now();
        fail_and_close(400);
    }

    // The header is in. A client waiting for "100 Continue" before it sends its body gets it
    // now, or at once the 413 its declared length earns; the rest read on.
    void on_header(beast::error_code ec, std::size_t) {
        if (timed_out_) return;
        idle_ = false;
        if (ec) return on_read(ec, 0);
        const auto& header = parser_->get();
        if (ambiguous_framing(header, header.version())) return refuse_framing();
        const bool expects = beast::iequals(header[bhttp::field::expect], "100-continue");
        if (!expects || header.version() < 11 || parser_->is_done()) {
            // The body usually came in the header's packet: parse what is buffered now rather
            // than through another asynchronous read.
            while (!parser_->is_done() && buffer_.size() > 0) {
                beast::error_code parsed;
                const std::size_t used = parser_->put(buffer_.data(), parsed);
                buffer_.consume(used);
                if (parsed == bhttp::error::need_more) break;
                if (parsed) return on_read(parsed, 0);
                if (used == 0) break;
            }
            if (parser_->is_done()) return on_read({}, 0);
            return bhttp::async_read(
                stream_, buffer_, *parser_,
                beast::bind_front_handler(&session::on_read, shared_from_this()));
        }
        if (parser_->content_length() &&
            *parser_->content_length() > settings_.options.edge.body_bytes)
            return on_read(bhttp::error::body_limit, 0);
        static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
        asio::async_write(stream_, asio::buffer(go_on.data(), go_on.size()),
                          [self = shared_from_this()](beast::error_code wrote, std::size_t) {
                              if (wrote) return self->close();
                              bhttp::async_read(self->stream_, self->buffer_, *self->parser_,
                                                beast::bind_front_handler(&session::on_read, self));
                          });
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (timed_out_) return;
        reading_ = false;
        deadline_ = clock::time_point::max();  // being answered: the write sets the next deadline
        started_ = clock::now();
        if (ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset ||
            ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor)
            return close();
        if (ec == bhttp::error::body_limit) return fail_and_close(413);
        if (ec) return buffer_.size() > 0 || parser_->got_some() ? fail_and_close(400) : close();

        auto& request = parser_->get();
        keep_alive_ = request.keep_alive() && !draining_;
        version_ = request.version();
        head_only_ = request.method() == bhttp::verb::head;
        const read_headers headers = read_headers_of(request);
        gzip_ok_ = accepts_gzip(headers.accept_encoding);
        // Behind a trusted proxy, the client it names: per request, since a proxy's connection
        // carries many clients' requests.
        if (peer_trusted_) {
            const forwarding_headers forwarding = forwarding_headers_of(request);
            client_ = settings_.options.proxies
                          .client(peer_, forwarding.forwarded, forwarding.x_forwarded_for)
                          .to_string();
        }
        const std::string_view sent_id = headers.request_id;
        request_id_ = usable_request_id(sent_id) ? std::string(sent_id) : new_request_id();
        method_.assign(request.method_string());
        const std::string_view target = origin_form(request.target());
        path_.assign(target.substr(0, target.find('?')));  // never the query: keys travel there
        router::match m = settings_.routes.find(request.method_string(), target);
        route_ = m.path.empty() ? std::string_view("other") : m.path;
        if (m.target == nullptr) {
            allow_ = m.allow;
            return write(wire::encode_http_error(m.status));
        }

        // A GET's fields are its query string (the public page's routes); a POST's, its body.
        // Only a GET revalidates a copy (If-None-Match): the API's POSTs skip the look-up.
        const bool get = request.method() == bhttp::verb::get || head_only_;
        const auto query = target.find('?');
        call c{std::move(m.path_value),
               get ? wire::decode_urlencoded(query == std::string_view::npos
                                                 ? std::string_view()
                                                 : target.substr(query + 1))
                   : wire::decode_form(headers.content_type, request.body()),
               client_, get ? headers.if_none_match : std::string_view()};
        try {
            answering_now = this;
            (*m.target)(c, shared_from_this());
            answering_now = nullptr;
        } catch (const std::exception& e) {
            answering_now = nullptr;
            // A bug, not a business outcome: logged in full, answered generically.
            spdlog::error("{} {}: unexpected exception: {}", method_, path_, e.what());
            write(wire::encode_http_error(500));
        }
    }

    void fail_and_close(unsigned status) {
        keep_alive_ = false;
        head_only_ = false;
        method_ = "-";
        path_ = "-";
        route_ = "other";
        request_id_ = new_request_id();
        write(wire::encode_http_error(status));
    }

    // The head: status line, then the headers JNE's clients read and HTTP asks for, written
    // into a buffer the connection reuses. The body follows in the same write, never copied.
    void serialize_head(std::string_view content_type, std::size_t body_size, bool gzipped,
                        bool compressible) {
        std::string& out = head_;
        out.assign(version_ == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
        out += std::to_string(answer_.status);
        out += ' ';
        out += bhttp::obsolete_reason(bhttp::int_to_status(answer_.status));
        out += "\r\nDate: ";
        out += http_date();
        out += "\r\nContent-Type: ";
        out += content_type;
        // A 304 has no body, and a Content-Length would have to be the unsent 200's.
        if (answer_.status != 304) {
            out += "\r\nContent-Length: ";
            out += std::to_string(body_size);
        }
        if (gzipped) out += "\r\nContent-Encoding: gzip";
        if (compressible) out += "\r\nVary: Accept-Encoding";
        if (!allow_.empty()) {
            out += "\r\nAllow: ";
            out += allow_;
        }
        if (answer_.retry_after != 0) {
            out += "\r\nRetry-After: ";
            out += std::to_string(answer_.retry_after);
        }
        if (!answer_.etag.empty()) {
            out += "\r\nETag: ";
            out += answer_.etag;
        }
        if (!answer_.cache_control.empty()) {
            out += "\r\nCache-Control: ";
            out += answer_.cache_control;
        }
        out += "\r\nX-Request-Id: ";
        out += request_id_;
        // HTTP/1.1 keeps connections alive unless told; HTTP/1.0 closes them unless told.
        if (!keep_alive_ && version_ != 10) out += "\r\nConnection: close";
        if (keep_alive_ && version_ == 10) out += "\r\nConnection: keep-alive";
        out += "\r\n";
        out += answer_.extra_headers;
        out += "\r\n";
    }

    void write(wire::answer answer) {
        answer_ = std::move(answer);  // kept until written
        // PNG and PDF are compressed already (labels): only JSON and text gain from gzip.
        const bool compressible = answer_.bytes().size() >= smallest_compressed &&
                                  (answer_.content_type.starts_with("application/json") ||
                                   answer_.content_type.starts_with("text/"));
        const bool gzipped = compressible && gzip_ok_;
        if (gzipped) {
            if (answer_.shared_body)
                answer_.shared_body = settings_.compressed.get(answer_.shared_body);
            else
                answer_.body = gzip(answer_.body);
        }
        const std::string_view body = answer_.bytes();
        serialize_head(answer_.content_type, body.size(), gzipped, compressible);
        const auto took = clock::now() - started_;
        if (settings_.options.counts != nullptr)
            settings_.options.counts->answered(method_, route_, answer_.status, took);
        if (settings_.options.access_log) log_access(body.size(), took);
        allow_ = {};
        deadline_ = clock::now() + settings_.options.edge.request_deadline;
        // HEAD: the head GET would have, and no body.
        const std::array<asio::const_buffer, 2> bytes{
            asio::buffer(head_), asio::buffer(head_only_ ? std::string_view() : body)};
        asio::async_write(stream_, bytes,
                          beast::bind_front_handler(&session::on_write, shared_from_this()));
    }

    // Who asked what and how it went: never a body, a key or a query string.
    void log_access(std::size_t bytes, clock::duration took) const {
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
        if (settings_.options.log_format == log_format::json) {
            std::string line = R"({"event":"access","client":)";
            wire::append_json_string(line, client_);
            line += R"(,"method":)";
            wire::append_json_string(line, method_);
            line += R"(,"path":)";
            wire::append_json_string(line, path_);
            line += fmt::format(R"(,"status":{},"bytes":{},"micros":{},"request_id":)",
                                answer_.status, bytes, micros);
            wire::append_json_string(line, request_id_);
            line += '}';
            spdlog::info("{}", line);
            return;
        }
        spdlog::info("{} {} {} {} {}B {}us id={}", client_, method_, path_, answer_.status, bytes,
                     micros, request_id_);
    }

    void on_write(beast::error_code ec, std::size_t) {
        answer_.shared_body.reset();  // a cached body may be replaced; let it go
        if (ec || !keep_alive_ || draining_) return close();
        do_read();
    }

    void close() {
        idle_ = false;
        deadline_ = clock::time_point::max();
        beast::error_code ignored;
        socket().shutdown(tcp::socket::shutdown_send, ignored);
        socket().close(ignored);
    }

    Stream stream_;
    const session_settings& settings_;
    std::shared_ptr<ssl::context> context_;  // a certificate reloaded meanwhile: this one stays
    asio::ip::address peer_;  // the socket's peer, or the client a PROXY header named
    bool known_peer_ = false;
    bool peer_trusted_ = false;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::string head_;
    wire::answer answer_;
    clock::time_point deadline_ = clock::time_point::max();
    clock::time_point started_;
    std::string client_;
    std::string method_;
    std::string path_;
    std::string_view route_ = "other";
    std::string_view allow_;
    std::string request_id_;
    unsigned version_ = 11;
    bool keep_alive_ = true;
    bool head_only_ = false;
    bool gzip_ok_ = false;
    bool idle_ = false;       // waiting for a request of which nothing has come
    bool reading_ = false;    // a request is being read: its deadline is read_timeout
    bool timed_out_ = false;  // answered 408: what the pending read brings is dropped
    bool draining_ = false;   // the server is stopping: answer what was read, then close
};

// One thread's share of the server: its io_context and its connections. A sweep
// a few times a second closes connections past their deadline: one timer per
// thread instead of a timer armed and cancelled around every read and write.
struct worker {
    explicit worker(clock::duration every) : sweep_every(every) {}

    asio::io_context context{1};
    asio::steady_timer sweep_timer{context};
    clock::duration sweep_every;
    std::vector<std::weak_ptr<connection>> sessions;  // touched only on this thread

    void adopt(const std::shared_ptr<connection>& s) {
        sessions.push_back(s);
        s->start();
    }

    void drain_all() {
        for (const auto& w : sessions)
            if (auto s = w.lock()) s->drain();
    }

    /// Closes up to `n` idle connections, the oldest first: room for new clients at the cap.
    void shed_idle(std::size_t n) {
        for (const auto& w : sessions) {
            if (n == 0) return;
            if (auto s = w.lock(); s && s->idle()) {
                s->close_now();
                --n;
            }
        }
    }

    void sweep_later() {
        sweep_timer.expires_after(sweep_every);
        sweep_timer.async_wait([this](beast::error_code ec) {
            if (ec) return;
            const auto now = clock::now();
            std::erase_if(sessions, [&](const std::weak_ptr<connection>& w) {
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
    state(const router& routes, const server_options& options) : settings{routes, options} {}

    session_settings settings;
    std::vector<std::unique_ptr<worker>> workers;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
    std::vector<std::unique_ptr<listener>> listeners;
    std::optional<asio::signal_set> signals;
    std::size_t next_worker = 0;
    std::atomic<bool> stopping{false};
    // On the accepting thread only:
    std::optional<asio::steady_timer> drain_timer;
    bool shedding = false;  // said once
    clock::time_point drain_deadline;

    asio::io_context& accept_context() { return workers.front()->context; }

    listener::hooks accepting() {
        return {
            [this]() -> asio::io_context& {
                worker& target = *workers[next_worker];
                next_worker = (next_worker + 1) % workers.size();
                return target.context;
            },
            [this] { make_room(); },
            [this](socket_type socket, std::shared_ptr<ssl::context> tls, asio::io_context& on) {
                std::shared_ptr<connection> s;
                if (tls)
                    s = std::make_shared<session<tls_stream>>(tls_stream(std::move(socket), *tls),
                                                              settings, std::move(tls));
                else
                    s = std::make_shared<session<socket_type>>(std::move(socket), settings);
                // The session starts on its own thread, where its worker keeps it.
                worker& target = worker_of(on);
                asio::post(on, [&target, s = std::move(s)] { target.adopt(s); });
            }};
    }

    worker& worker_of(const asio::io_context& context) {
        for (auto& w : workers)
            if (&w->context == &context) return *w;
        return *workers.front();
    }

    void wait_for_signal() {
        signals->async_wait([this](beast::error_code ec, int number) {
            if (ec) return;
            if (number == SIGHUP) {
                // The certificates read again; what cannot be used is said and the old one kept.
                if (std::none_of(listeners.begin(), listeners.end(),
                                 [](auto& l) { return l->is_tls(); }))
                    spdlog::info("SIGHUP: no TLS certificate to read again");
                for (auto& l : listeners) l->reload_certificate();
                return wait_for_signal();
            }
            spdlog::info("signal received: stopping");
            begin_stop();
        });
    }

    // At the connection cap, idle kept-alive connections make room for new clients, the oldest
    // first, spread over the workers.
    void make_room() {
        const std::size_t shed =
            connections_to_shed(settings.live_sessions, settings.options.max_connections);
        if (shed == 0) return;
        const std::size_t each = (shed + workers.size() - 1) / workers.size();
        if (!shedding)
            spdlog::warn("{} connections, the cap is {}: closing idle ones",
                         settings.live_sessions.load(), settings.options.max_connections);
        shedding = true;
        for (auto& w : workers) asio::post(w->context, [&w = *w, each] { w.shed_idle(each); });
    }

    // Stopping: no new connection; each worker closes its idle connections and lets the others
    // finish the request they read; the loops end when none is left, or when the grace is over.
    void begin_stop() {
        if (stopping.exchange(true)) return;
        asio::post(accept_context(), [this] {
            for (auto& l : listeners) l->stop();
            if (signals) signals->cancel();
            guards.clear();
            for (auto& w : workers) asio::post(w->context, [&w = *w] { w.drain_all(); });
            drain_deadline = clock::now() + settings.options.shutdown_grace;
            wait_for_drain();
        });
    }

    void wait_for_drain() {
        drain_timer->expires_after(std::chrono::milliseconds(20));
        drain_timer->async_wait([this](beast::error_code) {
            const std::size_t left = settings.live_sessions;
            if (left > 0 && clock::now() < drain_deadline) return wait_for_drain();
            if (left > 0) spdlog::warn("stopping with {} connections still open", left);
            for (auto& w : workers) w->context.stop();
        });
    }
};

server::server(const router& routes, const server_options& options)
    : state_(std::make_unique<state>(routes, options)) {
    const unsigned threads = std::max(1u, options.threads);
    const limits& edge = options.edge;
    // Deadlines are kept to within a quarter of the shorter limit, and at most 250 ms late.
    const auto sweep_every =
        std::clamp<clock::duration>(std::min(edge.read_timeout, edge.request_deadline) / 4,
                                    std::chrono::milliseconds(5), std::chrono::milliseconds(250));
    for (unsigned i = 0; i < threads; ++i) {
        state_->workers.push_back(std::make_unique<worker>(sweep_every));
        state_->guards.push_back(asio::make_work_guard(state_->workers.back()->context));
    }
    state_->drain_timer.emplace(state_->accept_context());
    // From now on SIGINT and SIGTERM are the server's, even before run(); SIGHUP too (a
    // reload: TLS certificates read again), so that `systemctl reload` never ends it.
    state_->signals.emplace(state_->accept_context(), SIGINT, SIGTERM, SIGHUP);
}

server::~server() = default;

unsigned short server::listen(const std::string& address, unsigned short port) {
    return state_->listeners
        .emplace_back(std::make_unique<listener>(state_->accept_context(), address, port))
        ->port();
}

unsigned short server::listen_tls(const std::string& address, unsigned short port,
                                  const tls_files& files) {
    return state_->listeners
        .emplace_back(std::make_unique<listener>(state_->accept_context(), address, port, files))
        ->port();
}

void server::run() {
    state_->wait_for_signal();
    for (auto& l : state_->listeners) l->start(state_->accepting());
    for (auto& w : state_->workers) w->sweep_later();
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < state_->workers.size(); ++i)
        threads.emplace_back([&context = state_->workers[i]->context] { context.run(); });
    state_->accept_context().run();
    for (auto& t : threads) t.join();
}

void server::stop() { state_->begin_stop(); }

std::chrono::steady_clock::time_point server::grace_ends() const { return state_->drain_deadline; }

}  // namespace jne::http
