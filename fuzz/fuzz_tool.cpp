// What the `jne` tool does with an answer: every decoder the client uses reads the bytes, and
// whatever a decoder accepts goes to the tool's own printing (src/cli/output.cpp), as main()
// hands it over. Properties: nothing crashes; every answer gets an exit code the tool documents
// (0 printed, 1 nothing found, 3 a server answering nonsense); an empty list is never "printed".
#include "cli/batch.hpp"
#include "cli/output.hpp"
#include "wire/decode.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>

namespace {

void check(int code, bool empty) {
    using namespace jne::cli;
    if (code != exit_ok && code != exit_refused && code != exit_unreachable) std::abort();
    if (empty && code == exit_ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace jne;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    std::ostringstream out, err;
    if (auto p = wire::decode_prices(body))
        check(cli::print_prices(out, err, *p, "1", ""), p->empty());
    if (auto p = wire::decode_cities(body)) check(cli::print_places(out, err, *p), p->empty());
    if (auto p = wire::decode_search(body)) check(cli::print_places(out, err, *p), p->empty());
    if (auto t = wire::decode_tracking(body))
        check(cli::print_tracking(out, err, *t), t->cnote.cnote_no.empty());
    if (auto c = wire::decode_generatecnote(body))
        check(cli::print_created(out, err, *c), c->airwaybill.empty());
    if (auto c = wire::decode_pickupcashless(body))
        check(cli::print_created(out, err, *c), c->airwaybill.empty());
    if (auto c = wire::decode_cancelled(body))
        check(cli::print_cancelled(out, err, *c), c->airwaybill.empty() && c->reason.empty());
    return 0;
}
