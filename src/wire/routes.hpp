#pragma once

#include <string_view>

namespace jne::wire {

/// JNE's routes. Paths live here so that server and client cannot disagree.
enum class route {
    pricedev,
    cnote,
    generatecnote,
    pickupcashless,
    getorigin,
    getdestination,
    destination_search,
    cancel,
    stockawb,
    events,
    webhooks,
    label,        ///< the project's own: shipping labels
    public_page,  ///< the project's own: the public page's /public/v1 routes
};

namespace paths {
inline constexpr std::string_view pricedev = "/tracing/api/pricedev";
inline constexpr std::string_view cnote_prefix = "/tracing/api/list/v1/cnote/";
/// The same tracking, as public clients call it for counter shipments.
inline constexpr std::string_view cnote_retail_prefix = "/tracing/api/list/cnoteretails/cnote/";
inline constexpr std::string_view generatecnote = "/tracing/api/generatecnote";
inline constexpr std::string_view pickupcashless = "/pickupcashless";
inline constexpr std::string_view getorigin = "/insert/getorigin";
inline constexpr std::string_view getdestination = "/insert/getdestination";
inline constexpr std::string_view destination_search_prefix = "/tracing/api/dest/key/";
inline constexpr std::string_view cancel = "/order/cancel";
inline constexpr std::string_view stockawb = "/tracing/api/stockawb";
inline constexpr std::string_view events = "/ops/v1/events";
inline constexpr std::string_view webhooks = "/ops/v1/webhooks";
inline constexpr std::string_view label_prefix = "/tracing/api/label/";
}  // namespace paths

}  // namespace jne::wire
