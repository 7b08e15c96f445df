#include "http/listener.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace jne::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

std::size_t connections_to_shed(std::size_t live, std::size_t cap) {
    if (cap == 0 || live + 1 <= cap) return 0;
    return std::max(live + 1 - cap, cap / 16 + 1);
}

listener::listener(asio::io_context& accepting, const std::string& address, unsigned short port,
                   std::optional<tls_files> tls)
    : acceptor_(accepting), retry_(accepting), files_(std::move(tls)) {
    if (files_) tls_ = tls_context(*files_);  // a file that cannot be used stops the start
    const auto cannot = [&](const boost::system::error_code& ec) {
        return std::runtime_error(
            fmt::format("cannot listen on {}:{}: {}", address, port, ec.message()));
    };
    boost::system::error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) throw cannot(ec);
    const tcp::endpoint endpoint(ip, port);
    if (acceptor_.open(endpoint.protocol(), ec); ec) throw cannot(ec);
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    if (acceptor_.bind(endpoint, ec); ec) throw cannot(ec);
    if (acceptor_.listen(asio::socket_base::max_listen_connections, ec); ec) throw cannot(ec);
}

unsigned short listener::port() const { return acceptor_.local_endpoint().port(); }

void listener::start(hooks h) {
    hooks_ = std::move(h);
    accept();
}

void listener::stop() {
    stopped_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    retry_.cancel();
}

void listener::accept() {
    asio::io_context& target = hooks_.next_context();
    acceptor_.async_accept(
        target, [this, &target](boost::system::error_code ec, socket_type socket) {
            if (ec == asio::error::operation_aborted || stopped_ || !acceptor_.is_open()) return;
            if (ec) return accept_later(ec);
            if (failing_) spdlog::info("accept works again");
            failing_ = false;
            hooks_.make_room();
            socket.set_option(tcp::no_delay(true), ec);
            hooks_.adopt(std::move(socket), tls_, target);
            accept();
        });
}

void listener::accept_later(const boost::system::error_code& ec) {
    if (!failing_) spdlog::warn("accept failed: {}; retrying every 100 ms", ec.message());
    failing_ = true;
    retry_.expires_after(std::chrono::milliseconds(100));
    retry_.async_wait([this](boost::system::error_code waited) {
        if (waited || stopped_) return;
        accept();  // still failing: said once, until an accept works
    });
}

void listener::reload_certificate() {
    if (!files_) return;
    try {
        tls_ = tls_context(*files_);
        spdlog::info("TLS: read {} again", files_->certificate.string());
    } catch (const std::exception& e) {
        spdlog::error("TLS: kept the certificate in use: {}", e.what());
    }
}

}  // namespace jne::http
