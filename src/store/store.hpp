#pragma once

#include "core/account.hpp"
#include "core/catalogue.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jne::store {

/// Storage failed (disk, lock, connection): the caller answers "unavailable".
struct storage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The parts of the catalogue an operator imports and exports.
enum class catalogue_kind { locations, origins, branches, services, tariffs, hubs };

using catalogue_row = std::variant<core::area, core::origin, core::branch, core::service, core::tariff_row, core::hub>;

/// Replaces one kind of the catalogue: rows are added in batches, and nothing
/// is visible to readers until commit(). Destroyed without commit, it rolls back.
class catalogue_writer {
public:
    virtual ~catalogue_writer() = default;
    virtual void add(const catalogue_row& row) = 0;
    virtual void commit() = 0;
};

class catalogue_store {
public:
    virtual ~catalogue_store() = default;
    /// Grows on every change to the catalogue or the accounts; servers poll it.
    virtual std::int64_t version() = 0;
    virtual core::catalogue_data load_catalogue() = 0;
    /// The tariff rows of one route, by primary key: the same cost for a thousand rows or ten million.
    virtual std::vector<core::rate> rates(std::string_view origin, std::string_view destination) = 0;
    virtual std::unique_ptr<catalogue_writer> replace(catalogue_kind kind) = 0;
    virtual void for_each(catalogue_kind kind, const std::function<void(const catalogue_row&)>& visit) = 0;
    virtual std::int64_t count(catalogue_kind kind) = 0;
};

class account_store {
public:
    virtual ~account_store() = default;
    virtual std::vector<core::account> accounts() = 0;
    /// False when the username is taken.
    virtual bool add_account(const core::account& a) = 0;
    /// False when there is no such account.
    virtual bool set_key_hash(std::string_view username, std::string_view key_hash) = 0;
    virtual bool set_disabled(std::string_view username, bool disabled) = 0;
};

/// One backend: everything the services persist.
class database : public catalogue_store, public account_store {};

}  // namespace jne::store
