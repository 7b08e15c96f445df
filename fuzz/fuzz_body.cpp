// A request body, as a handler sees it: decoded by its Content-Type (urlencoded, multipart or
// JSON), then read by every route's request table. Nothing may crash, hang or leak, and every
// decoded field is text the rules looked at.
//
// Input: a JSON body when it starts with '{' (JNE's examples are seeds as they are); otherwise
// its first line is the Content-Type and the rest the body.
#include "wire/form.hpp"
#include "wire/requests.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

// Facts in which half the codes exist, so that both the known and unknown paths run.
jne::api::request_facts some_known() {
    auto known = [](std::string_view code) { return code.size() % 2 == 0; };
    return {known, known, known, known, known};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jne::wire;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string_view content_type = "application/json";
    std::string_view body = input;
    if (!input.starts_with('{')) {
        const auto newline = input.find('\n');
        content_type = input.substr(0, newline);
        body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    }
    const form f = decode_form(content_type, body);
    static const jne::api::request_facts facts = some_known();
    (void)decode_credentials(f);
    (void)decode_tariff_request(f);
    (void)decode_generatecnote_request(f, facts);
    (void)decode_pickup_request(f, facts);
    (void)decode_stock_request(f, facts);
    (void)decode_cancel_request(f);
    (void)decode_webhook_request(f);
    (void)decode_event_request(f);
    (void)decode_label_request(f, f.get("path"));
    return 0;
}
