#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace jne::http {

/// The proxies whose word on the client's address is taken (--trusted-proxies). Behind a load
/// balancer every connection comes from the balancer: without this, one client's failed logins
/// would make every client wait. From any other address the forwarding headers are ignored,
/// since anyone can send them.
class trusted_proxies {
public:
    trusted_proxies() = default;
    /// "10.0.0.0/8,192.168.1.5,::1": addresses and networks, comma-separated. Throws
    /// std::invalid_argument naming the entry that is neither.
    explicit trusted_proxies(std::string_view list);

    bool empty() const { return v4_.empty() && v6_.empty(); }
    bool trusts(const boost::asio::ip::address& a) const;

    /// Whom a request is from: `peer` itself unless it is trusted; then the rightmost address of
    /// `Forwarded`'s for= (or, without it, of X-Forwarded-For) that is not a trusted proxy, each
    /// trusted hop vouching for the one before it. All trusted: the leftmost. An entry that is no
    /// address (`unknown`, `_hidden`) ends the walk at the hop that wrote it.
    boost::asio::ip::address client(const boost::asio::ip::address& peer,
                                    std::string_view forwarded,
                                    std::string_view x_forwarded_for) const;

private:
    std::vector<boost::asio::ip::network_v4> v4_;
    std::vector<boost::asio::ip::network_v6> v6_;
};

/// The PROXY protocol's header (v1 text or v2 binary) that haproxy and others send before the
/// connection's own bytes, read from what has arrived so far.
struct proxy_header {
    enum class state { need_more, invalid, done } outcome = state::need_more;
    std::size_t length = 0;  ///< the header's bytes, done: what the connection's data starts after
    /// The original client; none for a LOCAL or UNKNOWN header (a health check): the peer stands.
    std::optional<boost::asio::ip::address> source;
};
proxy_header read_proxy_header(std::span<const unsigned char> bytes);

}  // namespace jne::http
