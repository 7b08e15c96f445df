#pragma once

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

#include <optional>
#include <string_view>
#include <vector>

// Rows to values and back: what every interface's file reads and writes the same way.
namespace jne::store::sqlite {

std::optional<int> optional_int(const SQLite::Column& c);

/// A shipment's 50 columns, ?1 to ?50 of sql::insert_shipment.
void bind_shipment(SQLite::Statement& q, const core::shipment& s);
core::shipment read_shipment(SQLite::Statement& q);

/// The columns read_shipment reads; a tracked read's event columns start after them.
constexpr int shipment_column_count = 50;

/// The event whose columns start at `first`.
core::scan_event read_event(SQLite::Statement& q, int first = 0);

webhook_delivery read_delivery(SQLite::Statement& q);

const char* table_of(catalogue_kind kind);

// Reads a batch makes on its own connection, and the readers on theirs.
std::optional<core::shipment> query_shipment(statement_cache& statements,
                                             std::string_view airwaybill);
std::optional<shipment_store::tracked> query_tracked(statement_cache& statements,
                                                     std::string_view airwaybill);
std::vector<core::scan_event> query_events(statement_cache& statements,
                                           std::string_view airwaybill);

}  // namespace jne::store::sqlite
