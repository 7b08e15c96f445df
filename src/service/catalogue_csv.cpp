#include "service/catalogue_csv.hpp"

#include "core/text.hpp"
#include "csv/csv.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <map>

namespace jne::service {

namespace {

using store::catalogue_kind;
using row_fields = std::vector<std::string>;

struct kind_info {
    catalogue_kind kind;
    std::string_view name;
    std::vector<std::string_view> columns;  // as import reads and export writes them
};

const std::array<kind_info, 6>& kinds() {
    static const std::array<kind_info, 6> all{{
        {catalogue_kind::locations,
         "locations",
         {"country_name", "province_name", "city_name", "district_name", "subdistrict_name",
          "zip_code", "tariff_code"}},
        {catalogue_kind::origins, "origins", {"origin_code", "origin_name"}},
        {catalogue_kind::branches, "branches", {"branch_code", "branch_name"}},
        {catalogue_kind::services,
         "services",
         {"service_code", "service_display", "goods_type", "min_weight", "max_weight", "flat",
          "rank"}},
        {catalogue_kind::tariffs,
         "tariffs",
         {"origin_code", "destination_code", "service_code", "price", "etd_from", "etd_thru"}},
        {catalogue_kind::hubs, "hubs", {"hub_code", "hub_name", "latitude", "longitude"}},
    }};
    return all;
}

const kind_info& info(catalogue_kind kind) {
    for (const auto& k : kinds())
        if (k.kind == kind) return k;
    return kinds().front();
}

bool is_location_code(std::string_view code) {
    return code.size() == 8 &&
           std::all_of(code.begin(), code.begin() + 3,
                       [](char c) { return c >= 'A' && c <= 'Z'; }) &&
           core::all_digits(code.substr(3));
}

// JNE's branch codes are six letters and digits (CGK000, and a few like 9UX000).
bool is_branch_code(std::string_view code) {
    return code.size() == 6 && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
           });
}

template <class T>
std::optional<T> parse_number(std::string_view text) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// A row turned into a catalogue row, or the reason it cannot be.
struct converted {
    std::optional<store::catalogue_row> row;
    std::string reason;
};

converted skip(std::string reason) { return {std::nullopt, std::move(reason)}; }

class row_converter {
public:
    row_converter(catalogue_kind kind, std::optional<core::catalogue> known)
        : kind_(kind), known_(std::move(known)) {}

    converted convert(const std::vector<std::string_view>& f) const {
        switch (kind_) {
            case catalogue_kind::locations: {
                std::string code = core::normalise(f[6]);
                if (!is_location_code(code))
                    return skip(fmt::format(
                        "tariff code '{}' is not a location code (three letters, five digits)",
                        f[6]));
                return {core::area{code, core::normalise(f[1]), core::normalise(f[2]),
                                   core::normalise(f[3]), core::normalise(f[4]), std::string(f[5])},
                        {}};
            }
            case catalogue_kind::origins:
            case catalogue_kind::branches: {
                std::string code = core::normalise(f[0]);
                bool origin = kind_ == catalogue_kind::origins;
                if (origin ? !is_location_code(code) : !is_branch_code(code))
                    return skip(fmt::format("'{}' is not a{} code", f[0],
                                            origin ? " location" : " branch"));
                if (core::normalise(f[1]).empty()) return skip("the name is empty");
                if (origin) return {core::origin{code, core::normalise(f[1])}, {}};
                return {core::branch{code, core::normalise(f[1])}, {}};
            }
            case catalogue_kind::services: {
                auto min = parse_number<std::int64_t>(f[3]), max = parse_number<std::int64_t>(f[4]);
                auto rank = parse_number<int>(f[6]);
                if (f[0].empty() || f[1].empty())
                    return skip("the service code or display name is empty");
                if (!min || !max || *min < 1 || *max < *min)
                    return skip("min_weight and max_weight must be whole kilograms, min ≤ max");
                if (f[5] != "0" && f[5] != "1") return skip("flat must be 0 or 1");
                if (!rank) return skip("rank must be a whole number");
                return {core::service{std::string(f[0]), std::string(f[1]), std::string(f[2]), *min,
                                      *max, f[5] == "1", *rank},
                        {}};
            }
            case catalogue_kind::tariffs: {
                std::string origin = core::normalise(f[0]), destination = core::normalise(f[1]);
                if (known_->find_origin(origin) == nullptr)
                    return skip(fmt::format("unknown origin '{}'", f[0]));
                if (known_->find_destination(destination) == nullptr)
                    return skip(fmt::format("unknown destination '{}'", f[1]));
                if (known_->find_service(f[2]) == nullptr)
                    return skip(fmt::format("unknown service '{}'", f[2]));
                auto price = parse_number<std::int64_t>(f[3]);
                if (!price || *price <= 0)
                    return skip(
                        fmt::format("price '{}' is not a positive whole number of rupiah", f[3]));
                auto etd = [](std::string_view t) {
                    return t.empty() ? std::nullopt : parse_number<int>(t);
                };
                if ((!f[4].empty() && !etd(f[4])) || (!f[5].empty() && !etd(f[5])))
                    return skip("etd_from and etd_thru must be whole days or empty");
                return {
                    core::tariff_row{origin, destination,
                                     core::rate{std::string(f[2]), *price, etd(f[4]), etd(f[5])}},
                    {}};
            }
            case catalogue_kind::hubs: {
                auto lat = parse_number<double>(f[2]), lon = parse_number<double>(f[3]);
                if (f[0].size() != 3)
                    return skip(fmt::format("'{}' is not a three-letter hub code", f[0]));
                if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
                    return skip("latitude and longitude must be degrees");
                return {core::hub{core::normalise(f[0]), core::normalise(f[1]), *lat, *lon}, {}};
            }
        }
        return skip("unknown kind");
    }

private:
    catalogue_kind kind_;
    std::optional<core::catalogue> known_;
};

}  // namespace

std::optional<catalogue_kind> parse_catalogue_kind(std::string_view name) {
    for (const auto& k : kinds())
        if (k.name == name) return k.kind;
    return std::nullopt;
}

std::string_view catalogue_kind_name(catalogue_kind kind) { return info(kind).name; }

api::result<import_report> import_catalogue(store::catalogue_store& store, catalogue_kind kind,
                                            std::istream& in, const import_progress& progress) {
    const kind_info& what = info(kind);
    std::optional<core::catalogue> known;
    if (kind == catalogue_kind::tariffs) known.emplace(store.load_catalogue());
    row_converter converter(kind, std::move(known));

    auto writer = store.replace(kind);
    import_report report;
    std::vector<std::size_t> column_of;  // position in the file of each expected column
    std::string header_error;
    std::vector<std::string_view> picked(what.columns.size());

    auto note_skip = [&](std::int64_t line, std::string reason) {
        ++report.skipped;
        if (report.skipped_rows.size() < import_report::max_listed_skips)
            report.skipped_rows.push_back({line, std::move(reason)});
    };
    auto on_row = [&](row_fields& fields, std::int64_t line) {
        if (!header_error.empty()) return;
        if (column_of.empty()) {
            for (std::string_view column : what.columns) {
                auto it = std::find(fields.begin(), fields.end(), column);
                if (it == fields.end()) {
                    header_error = fmt::format("the header has no column '{}'", column);
                    return;
                }
                column_of.push_back(static_cast<std::size_t>(it - fields.begin()));
            }
            return;
        }
        if (fields.size() == 1 && fields[0].empty()) return;  // a blank line
        for (std::size_t i = 0; i < column_of.size(); ++i) {
            if (column_of[i] >= fields.size())
                return note_skip(line, fmt::format("the row has {} fields", fields.size()));
            picked[i] = fields[column_of[i]];
        }
        converted c = converter.convert(picked);
        if (!c.row) return note_skip(line, std::move(c.reason));
        writer->add(*c.row);
        ++report.imported;
    };

    const std::string problem = csv::read(in, on_row, [&](std::uint64_t bytes) {
        if (progress) progress(bytes, report.imported);
    });
    if (!problem.empty()) return api::fail_saying(api::error::invalid_field, "CSV: " + problem);
    if (!header_error.empty()) return api::fail_saying(api::error::invalid_field, header_error);
    if (column_of.empty()) return api::fail_saying(api::error::invalid_field, "the file is empty");
    writer->commit();
    return report;
}

namespace {
std::string optional_text(std::optional<int> v) { return v ? std::to_string(*v) : std::string(); }
}  // namespace

void export_catalogue(store::catalogue_store& store, catalogue_kind kind, std::ostream& out) {
    auto write_row = [&](std::initializer_list<std::string_view> fields) {
        csv::write_row(out, fields);
    };
    const auto& columns = info(kind).columns;
    for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
    out << '\n';
    store.for_each(kind, [&](const store::catalogue_row& row) {
        std::visit(
            [&](const auto& r) {
                using T = std::decay_t<decltype(r)>;
                if constexpr (std::is_same_v<T, core::area>) {
                    write_row({"INDONESIA", r.province, r.city, r.district, r.subdistrict, r.zip,
                               r.code});
                } else if constexpr (std::is_same_v<T, core::origin> ||
                                     std::is_same_v<T, core::branch>) {
                    write_row({r.code, r.name});
                } else if constexpr (std::is_same_v<T, core::service>) {
                    write_row({r.code, r.display, r.goods_type, std::to_string(r.min_kilograms),
                               std::to_string(r.max_kilograms), r.flat ? "1" : "0",
                               std::to_string(r.rank)});
                } else if constexpr (std::is_same_v<T, core::tariff_row>) {
                    write_row({r.origin, r.destination, r.rate.service,
                               std::to_string(r.rate.price), optional_text(r.rate.etd_from),
                               optional_text(r.rate.etd_thru)});
                } else {
                    write_row({r.code, r.name, fmt::format("{}", r.latitude),
                               fmt::format("{}", r.longitude)});
                }
            },
            row);
    });
}

}  // namespace jne::service
