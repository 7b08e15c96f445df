// An answer from a server the client library calls (JNE's, or anyone's at that address): every
// decoder of decode.hpp reads it. Bad answers become failures, never a crash.
#include "wire/decode.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jne::wire;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    (void)decode_failure(route::generatecnote, body);
    (void)decode_failure(route::pickupcashless, body);
    (void)decode_failure(route::cancel, body);
    (void)decode_prices(body);
    (void)decode_cities(body);
    (void)decode_search(body);
    (void)decode_tracking(body);
    (void)decode_generatecnote(body);
    (void)decode_pickupcashless(body);
    (void)decode_stockawb(body);
    (void)decode_cancelled(body);
    (void)decode_event_results(body);
    (void)decode_status_update(body);
    (void)decode_event_inputs(body);
    return 0;
}
