#pragma once

#include "http/tls.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace jne::http {

/// A connection's socket, bound to its worker's io_context: no type-erased executor copies per
/// operation.
using socket_type =
    boost::asio::basic_stream_socket<boost::asio::ip::tcp, boost::asio::io_context::executor_type>;

/// How many idle connections to close when one more arrives with `live` open and at most `cap`
/// allowed (0: no cap): none below the cap; at it, a sixteenth of the cap at a time, so that a
/// busy server does not shed on every accept.
std::size_t connections_to_shed(std::size_t live, std::size_t cap);

/// A listening socket, plain HTTP or TLS: accepts connections on the accepting thread and hands
/// each to the server, with the TLS context new connections get. When accept fails (out of
/// descriptors, say) it tries again every 100 ms instead of at full speed, and says so once.
class listener {
public:
    struct hooks {
        /// The io_context the next connection lives on (the workers' turn).
        std::function<boost::asio::io_context&()> next_context;
        /// Called before each accepted connection is handed over: room made at the cap.
        std::function<void()> make_room;
        /// Takes an accepted connection; `tls` is null on a plain listener.
        std::function<void(socket_type, std::shared_ptr<boost::asio::ssl::context> tls,
                           boost::asio::io_context& on)>
            adopt;
    };

    /// Binds and listens; throws std::runtime_error with one readable line when the address is
    /// taken or wrong, or (with `tls`) the certificate cannot be used.
    listener(boost::asio::io_context& accepting, const std::string& address, unsigned short port,
             std::optional<tls_files> tls = std::nullopt);

    unsigned short port() const;
    bool is_tls() const { return files_.has_value(); }

    /// Accepts until stop(); on the accepting thread.
    void start(hooks h);
    /// No new connection; on the accepting thread.
    void stop();
    /// Reads the certificate again (SIGHUP); one that cannot be used is said and the old one
    /// kept. Nothing for a plain listener.
    void reload_certificate();

private:
    void accept();
    void accept_later(const boost::system::error_code& ec);

    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_;
    hooks hooks_;
    bool failing_ = false;
    bool stopped_ = false;
    std::optional<tls_files> files_;                  // TLS only
    std::shared_ptr<boost::asio::ssl::context> tls_;  // the one new connections get
};

}  // namespace jne::http
