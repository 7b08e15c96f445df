#include "webhook/destination.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

namespace jne::webhook {

namespace ip = boost::asio::ip;

namespace {

bool inward_v4(const ip::address_v4& a) {
    const auto n = a.to_uint();
    auto in = [n](std::uint32_t network, int bits) {
        return (n >> (32 - bits)) == (network >> (32 - bits));
    };
    return in(0x00000000, 8)      // 0.0.0.0/8: "this network", 0.0.0.0 reaches the host itself
           || in(0x0a000000, 8)   // 10/8
           || in(0x64400000, 10)  // 100.64/10, carrier-grade NAT
           || in(0x7f000000, 8)   // loopback
           || in(0xa9fe0000, 16)  // link-local, 169.254.169.254 among them
           || in(0xac100000, 12)  // 172.16/12
           || in(0xc0a80000, 16)  // 192.168/16
           || in(0xe0000000, 4)   // multicast
           || n == 0xffffffff;    // broadcast
}

}  // namespace

bool inward(const ip::address& a) {
    if (a.is_v4()) return inward_v4(a.to_v4());
    const ip::address_v6 v6 = a.to_v6();
    if (v6.is_v4_mapped()) return inward_v4(ip::make_address_v4(ip::v4_mapped, v6));
    const auto bytes = v6.to_bytes();
    return v6.is_loopback() || v6.is_unspecified() || v6.is_link_local() || v6.is_multicast() ||
           (bytes[0] & 0xfe) == 0xfc;  // fc00::/7, unique local
}

std::optional<std::string> refuse_destination(std::string_view url, bool allow_inward) {
    const auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || (parsed->scheme() != "http" && parsed->scheme() != "https") ||
        parsed->host().empty())
        return "url must be an absolute http:// or https:// URL";
    std::string host = parsed->encoded_host_address().decode();
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    const std::string port =
        parsed->has_port() ? std::string(parsed->port()) : std::string(parsed->scheme());
    boost::asio::io_context io;
    ip::tcp::resolver resolver(io);
    boost::system::error_code ec;
    const auto found = resolver.resolve(host, port, ec);
    if (ec || found.empty()) return "url's host " + host + " does not resolve";
    if (allow_inward) return std::nullopt;
    for (const auto& entry : found)
        if (inward(entry.endpoint().address()))
            return "url's host " + host +
                   " is a loopback, private, link-local or unspecified "
                   "address (" +
                   entry.endpoint().address().to_string() +
                   "); the server refuses those unless started with --webhook-allow-private";
    return std::nullopt;
}

std::string printable_url(std::string_view url) {
    const auto parsed = boost::urls::parse_uri_reference(url);
    if (!parsed) return "(a URL that does not parse)";
    if (!parsed->has_userinfo() && !parsed->has_query()) return std::string(url);
    boost::urls::url shown(*parsed);
    if (shown.has_userinfo()) shown.set_encoded_userinfo("***");
    if (shown.has_query()) shown.set_encoded_query("***");
    return std::string(shown.buffer());
}

}  // namespace jne::webhook
