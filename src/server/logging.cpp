#include "server/logging.hpp"

#include "wire/json_out.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace jne::server {

namespace {

// %* : the message as a JSON member, or, for a message that is a JSON object already, its
// members.
class json_message final : public spdlog::custom_flag_formatter {
public:
    void format(const spdlog::details::log_msg& msg, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        const std::string_view text(msg.payload.data(), msg.payload.size());
        std::string out;
        if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
            out.assign(text.substr(1, text.size() - 2));
        } else {
            out = "\"message\":";
            wire::append_json_string(out, text);
        }
        dest.append(out.data(), out.data() + out.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return spdlog::details::make_unique<json_message>();
    }
};

}  // namespace

void configure_logging(http::log_format format) {
    auto logger = spdlog::stderr_color_mt("jne");
    if (format == http::log_format::json) {
        auto formatter = std::make_unique<spdlog::pattern_formatter>();
        formatter->add_flag<json_message>('*').set_pattern(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%*})");
        logger->set_formatter(std::move(formatter));
    }
    spdlog::set_default_logger(std::move(logger));
}

}  // namespace jne::server
