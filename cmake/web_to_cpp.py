#!/usr/bin/env python3
"""Embeds the web page's files (web/) in a C++ source, for the server to serve.

    web_to_cpp.py OUT.cpp FILE...
"""
import os
import sys

target, sources = sys.argv[1], sys.argv[2:]
delimiter = "jneweb"
lines = [
    "// Generated from web/ by cmake/web_to_cpp.py; do not edit.",
    '#include "web/site.hpp"',
    "",
    "namespace jne::web {",
    "",
    "std::span<const file> embedded_files() {",
    "    static constexpr file files[] = {",
]
for source in sources:
    with open(source, encoding="utf-8") as f:
        text = f.read()
    if f"){delimiter}\"" in text:
        sys.exit(f"web_to_cpp.py: {source} holds the raw string's delimiter")
    name = os.path.basename(source)
    lines.append(f'        {{"{name}", R"{delimiter}({text}){delimiter}"}},')
lines += ["    };", "    return files;", "}", "", "}  // namespace jne::web", ""]
with open(target, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
