#pragma once

#include <string_view>

namespace jne::http {

/// docs/openapi.yaml as compact JSON, made at build time: what GET /openapi.json answers.
std::string_view openapi_json();

}  // namespace jne::http
