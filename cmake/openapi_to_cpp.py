#!/usr/bin/env python3
"""Turns docs/openapi.yaml into a C++ source holding it as compact JSON, for GET /openapi.json.

    openapi_to_cpp.py IN.yaml OUT.cpp
"""
import json
import sys

import yaml

source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as f:
    description = json.dumps(yaml.safe_load(f), ensure_ascii=False, separators=(",", ":"))
if ")jneopenapi\"" in description:
    sys.exit("openapi_to_cpp.py: the description holds the raw string's delimiter")
with open(target, "w", encoding="utf-8") as f:
    f.write(f"// Generated from {source} by cmake/openapi_to_cpp.py; do not edit.\n")
    f.write('#include "http/openapi.hpp"\n\nnamespace jne::http {\n\n')
    f.write("std::string_view openapi_json() {\n")
    f.write(f'    static constexpr std::string_view json = R"jneopenapi({description})jneopenapi";\n')
    f.write("    return json;\n}\n\n}  // namespace jne::http\n")
