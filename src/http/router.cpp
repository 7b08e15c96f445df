#include "http/router.hpp"

#include "http/route_table.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace jne::http {

std::string_view origin_form(std::string_view target) {
    for (std::string_view scheme : {std::string_view("http://"), std::string_view("https://")}) {
        if (target.size() < scheme.size() ||
            !std::equal(scheme.begin(), scheme.end(), target.begin(), [](char a, char b) {
                return a == std::tolower(static_cast<unsigned char>(b));
            }))
            continue;
        const auto slash = target.find('/', scheme.size());
        return slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
    }
    return target;
}

void router::add_route(std::string path, bool prefix, bool get, handler h) {
    const bool listed = std::any_of(server_routes.begin(), server_routes.end(), [&](const auto& r) {
        return r.path == path && r.prefix == prefix && r.get == get;
    });
    if (!listed) throw std::logic_error("route " + path + " is not in http/route_table.hpp");
    routes_.push_back({std::move(path), prefix, get, std::move(h)});
}

router::match router::find(std::string_view method, std::string_view target) const {
    std::string_view path = target.substr(0, target.find('?'));
    for (const route& r : routes_) {
        match m;
        if (r.prefix) {
            if (!path.starts_with(r.path) || path.size() == r.path.size()) continue;
            auto value = wire::percent_decode(path.substr(r.path.size()), false);
            if (!value) return {nullptr, {}, 404, {}, {}};
            m.path_value = std::move(*value);
        } else if (path != r.path) {
            continue;
        }
        const bool allowed = r.get ? method == "GET" || method == "HEAD" : method == "POST";
        if (!allowed) return {nullptr, {}, 405, r.get ? "GET, HEAD" : "POST", r.path};
        m.target = &r.h;
        m.path = r.path;
        return m;
    }
    return {nullptr, {}, 404, {}, {}};
}

}  // namespace jne::http
