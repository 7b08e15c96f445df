#pragma once

#include "store/store.hpp"

#include <pqxx/pqxx>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Rows to values and back, and the catalogue's tables: what every interface's file reads and
// writes the same way.
namespace jne::store::postgres {

// How each kind of the catalogue is kept: its table, the columns an import
// writes, and the query that reads it back in a stable order.
struct catalogue_table {
    const char* table;
    std::vector<std::string> columns;
    const char* select;
};

const catalogue_table& table_of(catalogue_kind kind);

std::optional<int> optional_int(const pqxx::field& f);

// Parameters known only at run time (a shipment's fifty columns), NULLs included.
class parameters {
public:
    void add(std::string value) { values_.emplace_back(std::move(value)); }
    void add(std::int64_t value) { values_.emplace_back(std::to_string(value)); }
    void add(bool value) { values_.emplace_back(value ? "true" : "false"); }
    template <class Number>
    void add(std::optional<Number> value) {
        value ? values_.emplace_back(std::to_string(*value)) : values_.emplace_back(std::nullopt);
    }
    /// The rows added, `columns` values each, as one array per column (PostgreSQL's array
    /// literals: every element quoted, NULL bare): unnest() turns them back into the rows.
    parameters as_arrays(std::size_t columns) const {
        parameters arrays;
        for (std::size_t c = 0; c < columns; ++c) {
            std::string array = "{";
            for (std::size_t i = c; i < values_.size(); i += columns) {
                if (i != c) array += ',';
                values_[i] ? quote(array, *values_[i]) : void(array += "NULL");
            }
            arrays.add(array + '}');
        }
        return arrays;
    }
    /// The rows added, `columns` values each, as one array of row literals
    /// ({"(\"a\",,\"b\")",…}: a row's fields quoted, NULL empty; each row quoted again as an
    /// element) for unnest() of a table's row type. One array is one function scan, where
    /// unnest() of an array per column materialises each column apart: in PostgreSQL 15 a
    /// tuplestore of 16 kB a column, allocated and freed with every batch, took a quarter of
    /// the database's time in creates.
    std::string as_rows(std::size_t columns) const {
        std::string array = "{", row;
        for (std::size_t i = 0; i < values_.size(); ++i) {
            row += i % columns == 0 ? '(' : ',';
            if (values_[i]) quote(row, *values_[i]);
            if (i % columns != columns - 1) continue;
            if (i + 1 != columns) array += ',';
            quote(array, row + ')');
            row.clear();
        }
        return array + '}';
    }
    /// Pointers into the values, NULL for NULL, valid while this object lives unchanged.
    std::vector<const char*> pointers() const {
        std::vector<const char*> out;
        for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
        return out;
    }

private:
    // Double quotes around, a backslash before each quote and backslash: as arrays and rows
    // both read an element.
    static void quote(std::string& out, std::string_view value) {
        out += '"';
        for (const char ch : value) {
            if (ch == '"' || ch == '\\') out += '\\';
            out += ch;
        }
        out += '"';
    }

    std::vector<std::optional<std::string>> values_;
};

// The shipments table has this many columns (JNE_STORE_SHIPMENT_COLUMNS).
constexpr std::size_t shipment_columns = 50;

/// Appends a shipment's columns, in JNE_STORE_SHIPMENT_COLUMNS' order.
void add_shipment(parameters& p, const core::shipment& s);
core::shipment read_shipment(const pqxx::row& row);
/// An event's seven columns, from column `first` of a row.
core::scan_event read_event(const pqxx::row& r, pqxx::row::size_type first = 0);
std::vector<core::scan_event> read_events(const pqxx::result& rows);
webhook_delivery read_delivery(const pqxx::row& r);

/// Reads a whole kind in its order through a cursor: ten million tariff rows never sit in
/// memory at once.
void visit_catalogue(pqxx::transaction_base& tx, catalogue_kind kind,
                     const std::function<void(const catalogue_row&)>& visit);

std::int64_t single_number(const pqxx::result& r);

}  // namespace jne::store::postgres
