#include "service/label_service.hpp"

#include "label/render.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

namespace jne::service {

namespace {
// Two threads at least, so that one account's batches (one thread at a time) leave one free.
unsigned drawing_threads() { return std::clamp(std::thread::hardware_concurrency(), 2u, 4u); }
}  // namespace

label_service::label_service(const tracking_service& tracking, std::string tracking_base)
    : tracking_(tracking),
      tracking_base_(std::move(tracking_base)),
      drawing_(drawing_threads(), 1) {}

label_service::~label_service() { stop(); }

void label_service::link_to(std::string tracking_base) {
    const std::lock_guard lock(base_mutex_);
    tracking_base_ = std::move(tracking_base);
}

void label_service::stop() { drawing_.stop(); }

void label_service::draw(const core::account& caller, api::label_request request,
                         std::function<void(api::result<api::label_file>)> done) const {
    if (request.numbers.empty()) return done(api::fail(api::error::cnote_not_found));
    if (request.numbers.size() > api::max_labels)
        return done(api::fail(api::error::invalid_field, api::problem::too_many_labels, {}, {},
                              static_cast<std::int64_t>(api::max_labels)));
    if (request.format == api::label_format::png && request.numbers.size() > 1)
        return done(api::fail(api::error::invalid_field, api::problem::one_png_label));
    std::string base;
    {
        const std::lock_guard lock(base_mutex_);
        base = tracking_base_;
    }
    drawing_.post(caller.username, [this, caller, request = std::move(request),
                                    base = std::move(base), done = std::move(done)] {
        auto shipments = tracking_.shipments(caller, request.numbers);
        if (!shipments) return done(shipments.error());
        std::vector<label::content> labels;
        labels.reserve(shipments->size());
        for (const core::shipment& s : *shipments) labels.push_back(label::content_of(s, base));
        try {
            done(api::label_file{request.format,
                                 label::render(labels, request.format, request.size)});
        } catch (const std::exception& e) {
            spdlog::error("a label could not be drawn: {}", e.what());
            done(api::fail(api::error::unavailable));
        }
    });
}

}  // namespace jne::service
