// A fuzz target as a plain test: runs it once over every file in the folders (or files) named
// on the command line — its seeds and every input that once broke it — so that the ordinary
// trees, built by any compiler, keep each crash a fuzzer found from coming back.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void replay(const std::filesystem::path& file, std::size_t& count) {
    std::ifstream in(file, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++count;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path where(argv[i]);
        if (std::filesystem::is_directory(where)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(where))
                if (entry.is_regular_file()) replay(entry.path(), count);
        } else if (std::filesystem::exists(where)) {
            replay(where, count);
        }
    }
    std::cout << "replayed " << count << " inputs\n";
    return count == 0 ? 1 : 0;  // a replay of nothing proves nothing
}
