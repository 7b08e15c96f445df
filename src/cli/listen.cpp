#include "cli/listen.hpp"

#include "cli/batch.hpp"
#include "wire/decode.hpp"
#include "wire/webhook_signature.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

namespace jne::cli {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::mutex print_mutex;  // one line per delivery, whole, whatever the connections

struct forwarded {
    long status = 0;
    std::string body;
    std::string error;
};

std::size_t append(char* data, std::size_t size, std::size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

// The delivery as it came, headers included, POSTed to the merchant's own endpoint.
forwarded forward(const std::string& url, const http::request<http::string_body>& req) {
    forwarded f;
    CURL* curl = curl_easy_init();
    curl_slist* headers = nullptr;
    for (const char* name : {"Content-Type", "X-Jne-Event-Id", "X-Jne-Signature"})
        if (auto v = req.find(name); v != req.end())
            headers = curl_slist_append(
                headers, (std::string(name) + ": " + std::string(v->value())).c_str());
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req.body().data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body().size()));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &f.body);
    if (const CURLcode rc = curl_easy_perform(curl); rc != CURLE_OK)
        f.error = curl_easy_strerror(rc);
    else
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &f.status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return f;
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string clock_time() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char out[16];
    std::strftime(out, sizeof out, "%H:%M:%S", &local);
    return out;
}

void serve(tcp::socket socket, const listen_options& o) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> req;
        http::read(socket, buffer, req, ec);
        if (ec) return;
        const auto update = wire::decode_status_update(req.body());
        const std::string event(req["X-Jne-Event-Id"]);
        std::string check = "signature not checked (no --secret)";
        bool refused = false;
        if (!o.secret.empty()) {
            const bool good =
                wire::verify_webhook(req["X-Jne-Signature"], o.secret, req.body(), unix_now());
            check = good ? "signature ok" : "BAD SIGNATURE (answered 401)";
            refused = !good;
        }
        http::response<http::string_body> res{http::status::ok, req.version()};
        res.set(http::field::content_type, "application/json");
        res.body() = R"({"status":true})";
        std::string outcome;
        if (refused) {
            res.result(http::status::unauthorized);
            res.body() = R"({"status":false})";
        } else if (!o.forward.empty()) {
            const forwarded f = forward(o.forward, req);
            if (!f.error.empty()) {
                res.result(http::status::bad_gateway);
                res.body() = R"({"status":false})";
                outcome = fmt::format(" → {}: {}", o.forward, f.error);
            } else {
                res.result(static_cast<unsigned>(f.status));
                res.body() = f.body;
                outcome = fmt::format(" → {} answered {}", o.forward, f.status);
            }
        }
        {
            std::lock_guard lock(print_mutex);
            std::cout << fmt::format("{}  {}  {}  {:<17}  {}{}", clock_time(),
                                     event.empty() ? "-" : event,
                                     update ? update->awb : "(not a Status V2 body)",
                                     update ? update->status : "", check, outcome)
                      << std::endl;
        }
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        http::write(socket, res, ec);
        if (ec || !res.keep_alive()) return;
    }
}

}  // namespace

int listen(const listen_options& o) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    asio::io_context io;
    beast::error_code ec;
    const auto address = asio::ip::make_address(o.address, ec);
    if (ec) {
        std::cerr << "jne: not an address: " << o.address << "\n";
        return exit_usage;
    }
    tcp::acceptor acceptor(io);
    acceptor.open(address.is_v6() ? tcp::v6() : tcp::v4());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind({address, o.port}, ec);
    if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        std::cerr << "jne: cannot listen on " << o.address << ":" << o.port << ": " << ec.message()
                  << "\n";
        return exit_unreachable;
    }
    std::cout << "jne listen: deliveries to http://" << o.address << ":"
              << acceptor.local_endpoint().port() << "/ (any path)"
              << (o.forward.empty() ? "" : " are forwarded to " + o.forward) << "; Ctrl-C stops"
              << std::endl;
    for (;;) {
        tcp::socket socket(io);
        acceptor.accept(socket, ec);
        if (ec) continue;
        // A connection of its own: a slow forward holds up no other delivery.
        std::thread([s = std::move(socket), &o]() mutable { serve(std::move(s), o); }).detach();
    }
}

}  // namespace jne::cli
