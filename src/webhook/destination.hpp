#pragma once

#include <boost/asio/ip/address.hpp>

#include <optional>
#include <string>
#include <string_view>

// Where a webhook may be sent. An operator's URL is fetched by the server, from inside the
// courier's network: one that reaches the server itself, the database, another internal service
// or a cloud's metadata address turns webhooks into a way in (server-side request forgery). Such
// addresses are refused unless the server is told they are wanted (--webhook-allow-private, for
// a receiver on the same machine such as `jne listen`), when the URL is added and again each
// time the sender connects (a name may resolve elsewhere later).
namespace jne::webhook {

/// Loopback, private (RFC 1918, unique local), shared (100.64/10), link-local (169.254/16 with
/// the cloud metadata address, fe80::/10), unspecified (0.0.0.0/8, ::), multicast or broadcast;
/// an IPv4-mapped IPv6 address by its IPv4.
bool inward(const boost::asio::ip::address& a);

/// Why `url` may not be a webhook's: not an absolute http(s) URL, a host that does not resolve,
/// or (unless `allow_inward`) one that resolves to an inward address. None: it may.
std::optional<std::string> refuse_destination(std::string_view url, bool allow_inward);

/// A webhook URL as it may be printed or logged: its user information and its query (where
/// receivers keep their tokens) shown as "***".
std::string printable_url(std::string_view url);

}  // namespace jne::webhook
