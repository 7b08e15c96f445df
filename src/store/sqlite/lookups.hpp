#pragma once

// The look-ups a tracking request makes for a number that is no airwaybill, apart so that a test
// can ask SQLite how it plans them (each must search an index: a mistyped number costs the same
// at 1 and at 1,000,000 shipments).
namespace jne::store::sqlite::lookups {

inline constexpr const char* order_airwaybill =
    "SELECT airwaybill FROM shipments WHERE account = ?1 AND order_id = ?2";
// `reference_number <> ''` says what the partial index shipments_by_reference holds: without it
// SQLite cannot use that index for a bound ?2 and scans the account's shipments.
inline constexpr const char* airwaybill_for_reference =
    "SELECT airwaybill, 0 AS rank FROM shipments WHERE account = ?1 AND reference_number = ?2 "
    "AND reference_number <> '' "
    "UNION ALL SELECT airwaybill, 1 FROM shipments WHERE account = ?1 AND order_id = ?2 "
    "ORDER BY rank LIMIT 1";

}  // namespace jne::store::sqlite::lookups
