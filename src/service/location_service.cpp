#include "service/location_service.hpp"

namespace jne::service {

api::place_list location_service::origins() const {
    const auto snapshot = catalogue_.current();
    api::place_list out;
    for (const core::origin& o : snapshot->catalogue().origins()) out.push_back({o.code, o.name});
    return out;
}

api::place_list location_service::destinations() const {
    const auto snapshot = catalogue_.current();
    api::place_list out;
    for (const core::destination& d : snapshot->catalogue().destinations())
        out.push_back({d.code, d.name});
    return out;
}

api::place_list location_service::search(std::string_view text) const {
    const auto snapshot = catalogue_.current();
    api::place_list out;
    for (const core::destination* d : snapshot->catalogue().search(text, search_limit))
        out.push_back({d->code, d->name});
    return out;
}

}  // namespace jne::service
