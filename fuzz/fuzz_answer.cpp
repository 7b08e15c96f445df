// An answer from a server the client library calls (JNE's, or anyone's at that address): every
// decoder of decode.hpp reads it. Bad answers become failures, never a crash. And what a decoder
// accepts, written back by the server's encoder of that answer, is read again to the same
// values: written a second time, the bytes are the same (the client and the server agree on
// every answer the client accepts).
#include "wire/decode.hpp"
#include "wire/encode.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

// decode → encode → decode → encode: the second writing equals the first.
template <class Decode, class Encode>
void round_trip(std::string_view body, Decode decode, Encode encode) {
    auto first = decode(body);
    if (!first) return;
    std::string written;
    encode(written, *first);
    auto again = decode(written);
    if (!again) std::abort();  // the server's own answer refused by the client
    std::string rewritten;
    encode(rewritten, *again);
    if (rewritten != written) std::abort();  // a value changed on the way
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jne::wire;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    (void)decode_failure(route::generatecnote, body);
    (void)decode_failure(route::pickupcashless, body);
    (void)decode_failure(route::cancel, body);
    round_trip(body, decode_prices, encode_prices);
    round_trip(body, decode_cities, encode_cities);
    round_trip(body, decode_search, encode_search);
    round_trip(body, decode_tracking, encode_tracking);
    round_trip(body, decode_generatecnote, encode_generatecnote);
    round_trip(body, decode_pickupcashless, encode_pickupcashless);
    round_trip(body, decode_stockawb, encode_stockawb);
    round_trip(body, decode_cancelled, encode_cancelled);
    round_trip(body, decode_event_results, encode_event_results);
    round_trip(body, decode_status_update, encode_status_update);
    round_trip(
        body, [](std::string_view b) { return decode_event_inputs(b); },
        [](std::string& out, const auto& events) { out = encode_event_inputs(events); });
    return 0;
}
