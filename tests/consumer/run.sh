#!/usr/bin/env bash
# Installs the build into a scratch prefix, builds the consumer against it, and
# runs it against a live sandbox server: the package works for a stranger.
set -euo pipefail
build_dir=$1 source_dir=$2 server=$3
scratch=$(mktemp -d)
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$scratch"' EXIT
cmake --install "$build_dir" --prefix "$scratch/prefix" >/dev/null
cmake -S "$source_dir/tests/consumer" -B "$scratch/build" -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/build" >/dev/null
"$server" serve --address 127.0.0.1 --port 0 --db "sqlite:$scratch/jne.db" --sandbox --quiet > "$scratch/out" 2>/dev/null &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$scratch/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.*listening on //p' "$scratch/out")
"$scratch/build/consumer" "$url"
