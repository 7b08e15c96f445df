#include "csv/csv.hpp"

#include <csv.h>

#include <array>

namespace jne::csv {

namespace {

// Turns libcsv's field and row callbacks into whole rows.
struct row_collector {
    const row_handler& on_row;
    std::vector<std::string> fields;
    std::int64_t line = 0;

    static void on_field(void* data, std::size_t size, void* self) {
        static_cast<row_collector*>(self)->fields.emplace_back(static_cast<const char*>(data),
                                                               size);
    }
    static void on_end(int, void* self) {
        auto* me = static_cast<row_collector*>(self);
        me->on_row(me->fields, ++me->line);
        me->fields.clear();
    }
};

}  // namespace

std::string read(std::istream& in, const row_handler& on_row, const progress_handler& progress) {
    csv_parser parser{};
    csv_init(&parser, CSV_APPEND_NULL);
    row_collector rows{on_row, {}, 0};
    std::array<char, 1 << 16> chunk{};
    std::uint64_t bytes = 0;
    std::string problem;
    while (in) {
        in.read(chunk.data(), chunk.size());
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        bytes += got;
        if (csv_parse(&parser, chunk.data(), got, &row_collector::on_field, &row_collector::on_end,
                      &rows) != got) {
            problem = csv_strerror(csv_error(&parser));
            break;
        }
        if (progress) progress(bytes);
    }
    if (problem.empty() &&
        csv_fini(&parser, &row_collector::on_field, &row_collector::on_end, &rows) != 0)
        problem = csv_strerror(csv_error(&parser));
    csv_free(&parser);
    return problem;
}

void write_row(std::ostream& out, const std::vector<std::string_view>& fields) {
    bool first = true;
    for (std::string_view f : fields) {
        if (!first) out << ',';
        first = false;
        if (f.find_first_of(",\"\r\n") == std::string_view::npos) {
            out << f;
            continue;
        }
        out << '"';
        for (char c : f) c == '"' ? out << "\"\"" : out << c;
        out << '"';
    }
    out << '\n';
}

}  // namespace jne::csv
