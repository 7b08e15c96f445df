#include "http/client_address.hpp"

#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>
#include <boost/beast/core/string.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>

namespace jne::http {

namespace ip = boost::asio::ip;

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// An IPv4 client seen through a dual-stack socket is ::ffff:a.b.c.d: the same client.
ip::address plain(const ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
    return a;
}

// One hop as proxies write it: "203.0.113.7", "203.0.113.7:4711", "[2001:db8::1]:4711",
// "2001:db8::1", quoted or not.
std::optional<ip::address> hop_address(std::string_view text) {
    text = trimmed(text);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        text = text.substr(1, text.size() - 2);
    if (text.starts_with('[')) {
        const auto end = text.find(']');
        if (end == std::string_view::npos) return std::nullopt;
        text = text.substr(1, end - 1);
    } else if (std::count(text.begin(), text.end(), ':') == 1) {
        text = text.substr(0, text.find(':'));  // IPv4 with a port
    }
    boost::system::error_code ec;
    const auto a = ip::make_address(std::string(text), ec);
    if (ec) return std::nullopt;
    return plain(a);
}

// The for= values of a Forwarded header, in order: `for=192.0.2.60;proto=http, for="[::1]"`.
std::vector<std::string_view> forwarded_for(std::string_view header) {
    std::vector<std::string_view> hops;
    while (!header.empty()) {
        const auto comma = header.find(',');
        std::string_view element = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        std::string_view found;
        while (!element.empty()) {
            const auto semicolon = element.find(';');
            const std::string_view pair = trimmed(element.substr(0, semicolon));
            element = semicolon == std::string_view::npos ? std::string_view()
                                                          : element.substr(semicolon + 1);
            if (pair.size() > 4 && boost::beast::iequals(pair.substr(0, 4), "for="))
                found = pair.substr(4);
        }
        hops.push_back(found);  // an element without for= is a hop that said nothing
    }
    return hops;
}

std::vector<std::string_view> split_commas(std::string_view header) {
    std::vector<std::string_view> hops;
    while (!header.empty()) {
        const auto comma = header.find(',');
        hops.push_back(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    }
    return hops;
}

}  // namespace

trusted_proxies::trusted_proxies(std::string_view list) {
    for (std::string_view entry : split_commas(list)) {
        entry = trimmed(entry);
        if (entry.empty()) continue;
        boost::system::error_code ec;
        const std::string text(entry);
        if (entry.find('/') == std::string_view::npos) {
            const auto a = ip::make_address(text, ec);
            if (!ec && plain(a).is_v4()) v4_.emplace_back(plain(a).to_v4(), 32);
            if (!ec && plain(a).is_v6()) v6_.emplace_back(a.to_v6(), 128);
        } else if (entry.find(':') == std::string_view::npos) {
            const auto n = ip::make_network_v4(text, ec);
            if (!ec) v4_.push_back(n.canonical());
        } else {
            const auto n = ip::make_network_v6(text, ec);
            if (!ec) v6_.push_back(n.canonical());
        }
        if (ec)
            throw std::invalid_argument("not an address or a network (such as 10.0.0.0/8): " +
                                        text);
    }
}

bool trusted_proxies::trusts(const ip::address& address) const {
    const ip::address a = plain(address);
    if (a.is_v4()) {
        const auto bits = a.to_v4().to_uint();
        return std::any_of(v4_.begin(), v4_.end(), [bits](const ip::network_v4& n) {
            return (bits & n.netmask().to_uint()) == n.network().to_uint();
        });
    }
    const ip::network_v6 host(a.to_v6(), 128);
    return std::any_of(v6_.begin(), v6_.end(), [&host](const ip::network_v6& n) {
        return host == n || host.is_subnet_of(n);
    });
}

ip::address trusted_proxies::client(const ip::address& peer, std::string_view forwarded,
                                    std::string_view x_forwarded_for) const {
    ip::address nearest = plain(peer);
    if (!trusts(nearest)) return nearest;
    const auto hops = forwarded.empty() ? split_commas(x_forwarded_for) : forwarded_for(forwarded);
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        const auto a = hop_address(*hop);
        if (!a) return nearest;  // the trusted hop that wrote it is as far as the word goes
        nearest = *a;
        if (!trusts(nearest)) return nearest;
    }
    return nearest;
}

proxy_header read_proxy_header(std::span<const unsigned char> bytes) {
    using state = proxy_header::state;
    const auto invalid = [] { return proxy_header{state::invalid, 0, std::nullopt}; };
    static constexpr std::string_view v1 = "PROXY ";
    static constexpr std::array<unsigned char, 12> v2{0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D,
                                                      0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    const auto starts = [&bytes](const auto& prefix) {
        const std::size_t n = std::min(bytes.size(), prefix.size());
        return std::equal(
            bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n), prefix.begin(),
            [](unsigned char b, auto p) { return b == static_cast<unsigned char>(p); });
    };
    if (starts(v1)) {
        if (bytes.size() < v1.size()) return {};
        // "PROXY TCP4 192.0.2.1 192.0.2.2 56324 443\r\n", at most 107 bytes.
        const std::string_view text(reinterpret_cast<const char*>(bytes.data()),
                                    std::min<std::size_t>(bytes.size(), 107));
        const auto end = text.find("\r\n");
        if (end == std::string_view::npos) return bytes.size() < 107 ? proxy_header{} : invalid();
        std::vector<std::string_view> words;
        std::string_view rest = text.substr(v1.size(), end - v1.size());
        while (!rest.empty()) {
            const auto space = rest.find(' ');
            words.push_back(rest.substr(0, space));
            rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
        }
        if (!words.empty() && words[0] == "UNKNOWN") return {state::done, end + 2, std::nullopt};
        if (words.size() != 5 || (words[0] != "TCP4" && words[0] != "TCP6")) return invalid();
        boost::system::error_code ec;
        const auto source = ip::make_address(std::string(words[1]), ec);
        if (ec || source.is_v4() != (words[0] == "TCP4")) return invalid();
        return {state::done, end + 2, plain(source)};
    }
    if (!starts(v2)) return invalid();
    if (bytes.size() < 16) return {};
    const unsigned version_command = bytes[12], family = bytes[13];
    const std::size_t length = (std::size_t{bytes[14]} << 8) | bytes[15];
    if ((version_command >> 4) != 2 || (version_command & 0x0F) > 1 || length > 4096)
        return invalid();
    if (bytes.size() < 16 + length) return {};
    const auto local = [length] { return proxy_header{state::done, 16 + length, std::nullopt}; };
    if ((version_command & 0x0F) == 0) return local();  // LOCAL: the proxy's own health check
    const auto* address = bytes.data() + 16;
    if (family == 0x11 && length >= 12) {  // TCP over IPv4
        ip::address_v4::bytes_type b;
        std::memcpy(b.data(), address, b.size());
        return {state::done, 16 + length, ip::address(ip::address_v4(b))};
    }
    if (family == 0x21 && length >= 36) {  // TCP over IPv6
        ip::address_v6::bytes_type b;
        std::memcpy(b.data(), address, b.size());
        return {state::done, 16 + length, plain(ip::address(ip::address_v6(b)))};
    }
    return local();  // UNSPEC, UDP or a socket path: nothing the throttles could count
}

}  // namespace jne::http
