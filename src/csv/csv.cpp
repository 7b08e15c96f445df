#include "csv/csv.hpp"

#include <csv.h>

#include <array>
#include <cstring>

namespace jne::csv {

namespace {

// Turns libcsv's field and row callbacks into whole rows.
struct row_collector {
    const row_handler& on_row;
    const progress_handler& progress;
    std::vector<std::string> fields;
    std::int64_t line = 0;
    std::uint64_t position = 0;  // the end of the input given to the parser so far

    static void on_field(void* data, std::size_t size, void* self) {
        static_cast<row_collector*>(self)->fields.emplace_back(static_cast<const char*>(data),
                                                               size);
    }
    static void on_end(int, void* self) {
        auto* me = static_cast<row_collector*>(self);
        if (me->progress) me->progress(me->position);
        me->on_row(me->fields, ++me->line);
        me->fields.clear();
    }
};

}  // namespace

std::string read(std::istream& in, const row_handler& on_row, const progress_handler& progress) {
    csv_parser parser{};
    csv_init(&parser, CSV_APPEND_NULL);
    row_collector rows{on_row, progress, {}, 0, 0};
    std::array<char, 1 << 16> chunk{};
    std::string problem;
    while (in && problem.empty()) {
        in.read(chunk.data(), chunk.size());
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        // A line at a time, so that a row ends where its line does: progress is then exact from
        // the first row, not a chunk late.
        for (std::size_t from = 0; from < got;) {
            const char* newline =
                static_cast<const char*>(std::memchr(chunk.data() + from, '\n', got - from));
            const std::size_t to = newline == nullptr ? got : newline - chunk.data() + 1;
            rows.position += to - from;
            if (csv_parse(&parser, chunk.data() + from, to - from, &row_collector::on_field,
                          &row_collector::on_end, &rows) != to - from) {
                problem = csv_strerror(csv_error(&parser));
                break;
            }
            from = to;
        }
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
