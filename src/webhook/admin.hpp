#pragma once

#include "api/webhooks.hpp"
#include "core/account.hpp"
#include "runtime/write_queue.hpp"
#include "service/accounts.hpp"
#include "store/store.hpp"

#include <functional>

namespace jne::webhook {

/// What operators do with webhooks, from POST /ops/v1/webhooks and `jne-server webhooks` alike:
/// the one place that checks a subscription (an account that exists, an absolute http(s) URL
/// that reaches no inward address, Status V2 statuses). Listings print URLs without their
/// user information and query. Changes go through the write queue; listings read the store.
class admin {
public:
    using reply = std::function<void(api::result<api::webhook_answer>)>;
    using clock_ms = std::function<std::int64_t()>;

    /// `allow_inward`: URLs may reach loopback and private addresses (webhook/destination.hpp).
    admin(const service::account_service& accounts, store::webhook_store& webhooks,
          runtime::write_queue& writes, clock_ms now, bool allow_inward);

    /// Does `r.action` for `caller`, who must be an operator.
    void handle(const core::account& caller, const api::webhook_request& r, reply done) const;

    void add(const std::string& account, const std::string& url,
             const std::vector<std::string>& statuses, reply done) const;
    void list(const reply& done) const;
    void remove(std::int64_t id, reply done) const;
    void rotate_secret(std::int64_t id, reply done) const;
    void deliveries(const store::delivery_filter& f, const reply& done) const;
    /// The delivery `id`, or (none) every one created at or after `since_ms`.
    void replay(std::optional<std::int64_t> id, std::int64_t since_ms, reply done) const;

private:
    const service::account_service& accounts_;
    store::webhook_store& webhooks_;
    runtime::write_queue& writes_;
    clock_ms now_;
    bool allow_inward_;
};

}  // namespace jne::webhook
