#!/usr/bin/env bash
# Installs the build into a scratch prefix, moves the prefix elsewhere, and uses only
# what was installed: the installed jne-server (which holds no path of the source
# tree) serves the document's examples from the catalogue installed beside it, and a
# stranger's project builds against the installed package, by CMake and by pkg-config.
set -euo pipefail
build_dir=$1 source_dir=$2
scratch=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$scratch"' EXIT
cmake --install "$build_dir" --prefix "$scratch/staged" >/dev/null
mv "$scratch/staged" "$scratch/prefix"   # relocated: found relative to the program, not by a built-in path
prefix=$scratch/prefix
if grep -q "$source_dir/data" "$prefix/bin/jne-server"; then
    echo "the installed jne-server names the source tree" >&2; exit 1
fi
test -f "$prefix/share/jne/sandbox/tariffs.csv"
test -f "$prefix/include/jne/client/client.hpp"

"$prefix/bin/jne-server" serve --address 127.0.0.1 --port 0 --db "sqlite:$scratch/jne.db" --sandbox \
    > "$scratch/out" 2> "$scratch/err" &
server_pid=$!
for _ in $(seq 300); do grep -q listening "$scratch/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.*listening on //p' "$scratch/out")
[ -n "$url" ] || { cat "$scratch/err"; exit 1; }
grep -q "against $prefix/share/jne/sandbox" "$scratch/err" ||
    { echo "the server did not read the installed catalogue:"; cat "$scratch/err"; exit 1; } >&2

cmake -S "$source_dir/tests/consumer" -B "$scratch/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$scratch/build" >/dev/null
"$scratch/build/consumer" "$url"

# lib/ or, in a tree configured for /usr, lib/x86_64-linux-gnu/.
pc_dir=$(dirname "$(find "$prefix" -name jne.pc | head -1)")
PKG_CONFIG_PATH="$pc_dir" c++ "$source_dir/tests/consumer/main.cpp" -o "$scratch/by-pkg-config" \
    $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs jne)
"$scratch/by-pkg-config" "$url"
