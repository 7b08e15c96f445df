#pragma once

#include "api/error.hpp"
#include "api/label.hpp"
#include "core/account.hpp"
#include "runtime/fair_pool.hpp"
#include "service/tracking_service.hpp"

#include <functional>
#include <mutex>
#include <string>

namespace jne::service {

/// Shipping labels: the caller's shipments drawn as PDF, PNG or ZPL (label/render.hpp).
/// Drawing takes milliseconds a label, so it runs on a small pool of its own, never on the
/// threads that serve connections: a 500-label batch does not hold up anyone's tracking. The
/// pool is fair between accounts (fair_pool): one account draws on one thread at a time, so a
/// flood of one merchant's batches does not hold up another merchant's label.
class label_service {
public:
    /// Each label's QR code links to `tracking_base` + "/track/" + its airwaybill.
    label_service(const tracking_service& tracking, std::string tracking_base);
    ~label_service();

    /// The tracking page's address, once the server knows its own (before serving).
    void link_to(std::string tracking_base);

    /// Answers `done` from a drawing thread. Unknown or others' airwaybills fail as
    /// tracking fails; more than api::max_labels, or several as one PNG, are refused.
    void draw(const core::account& caller, api::label_request request,
              std::function<void(api::result<api::label_file>)> done) const;

    /// Label requests waiting or being drawn.
    std::size_t jobs() const { return drawing_.jobs(); }

    /// Finishes the labels under way (before the loops they answer to are gone).
    void stop();

private:
    const tracking_service& tracking_;
    mutable std::mutex base_mutex_;
    std::string tracking_base_;
    mutable runtime::fair_pool drawing_;
};

}  // namespace jne::service
