// A request body, as a handler sees it: decoded by its Content-Type (urlencoded, multipart or
// JSON), then read by every route's request table. Nothing may crash, hang or leak; and what a
// table accepted, written back as fields by the same table (as the client sends it) and read
// again, is accepted and comes back equal: the tables decode and encode the same grammar.
//
// Input: a JSON body when it starts with '{' (JNE's examples are seeds as they are); otherwise
// its first line is the Content-Type and the rest the body.
#include "wire/form.hpp"
#include "wire/requests.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <type_traits>

namespace {

// Facts in which half the codes exist, so that both the known and unknown paths run.
jne::api::request_facts some_known() {
    auto known = [](std::string_view code) { return code.size() % 2 == 0; };
    return {known, known, known, known, known};
}

jne::wire::form as_sent(const jne::wire::field_list& fields) {
    jne::wire::form f;
    for (const auto& [name, value] : fields) f.add(name, value);
    return f;
}

// What a table accepted, or nothing: compared with a request, nothing is never equal.
template <class Result>
auto accepted(const Result& r) -> std::optional<std::decay_t<decltype(*r)>> {
    if (!r) return std::nullopt;
    return *r;
}

// `decoded` again from its own fields: the same request, or the tables disagree.
template <class Request, class Decode>
void comes_back(const Request& decoded, Decode decode) {
    const auto again = decode(as_sent(jne::wire::fields_of(decoded)));
    if (!(again == decoded)) std::abort();
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
    if (auto r = decode_tariff_request(f))
        comes_back(*r, [](const form& g) { return accepted(decode_tariff_request(g)); });
    if (auto r = decode_generatecnote_request(f, facts))
        comes_back(*r,
                   [](const form& g) { return accepted(decode_generatecnote_request(g, facts)); });
    if (auto r = decode_pickup_request(f, facts))
        comes_back(*r, [](const form& g) { return accepted(decode_pickup_request(g, facts)); });
    if (auto r = decode_stock_request(f, facts))
        comes_back(*r, [](const form& g) { return accepted(decode_stock_request(g, facts)); });
    comes_back(decode_cancel_request(f), [](const form& g) { return decode_cancel_request(g); });
    comes_back(decode_webhook_request(f), [](const form& g) { return decode_webhook_request(g); });
    (void)decode_event_request(f);
    (void)decode_label_request(f, f.get("path"));
    return 0;
}
