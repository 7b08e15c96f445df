#pragma once

#include "http/router.hpp"
#include "runtime/throttle.hpp"
#include "service/public_service.hpp"
#include "web/site.hpp"

namespace jne::http {

/// What the public page needs: its files, its read-only service and the throttle that counts
/// its callers by address.
struct public_site {
    const web::site& files;
    const service::public_service& service;
    runtime::throttle& guard;
};

/// The public tracking page and tariff calculator, without credentials (GET and HEAD):
///   /, /track/AWB[,AWB…], /tariff          the page (one page; the script reads the path)
///   /assets/NAME                            its script and style, ETag and versioned links
///   /public/v1/track/AWB[,AWB…]             shipments as strangers may see them
///   /public/v1/places?q=TEXT                the destination search, with origins
///   /public/v1/tariff?from&thru&weight[&length&width&height]   services, prices, charged weight
/// The /public/v1 routes are rate-limited per client address (429 with Retry-After).
void add_public_routes(router& routes, const public_site& site);

}  // namespace jne::http
