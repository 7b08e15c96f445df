#!/usr/bin/env bash
# The Debian packages as an operator meets them: installed with dpkg, both programs
# answer --version, the service's own command line (the unit's ExecStart, as its user,
# in its state directory) serves the document's examples, and removal leaves nothing.
#   tests/packaging/run.sh DIR_WITH_DEBS SOURCE_DIR     (root: it installs packages)
set -euo pipefail
debs=$(cd "$1" && pwd) source_dir=$(cd "$2" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "tests/packaging/run.sh installs packages: run it as root" >&2; exit 1; }
for p in jne-server jne jne-dev; do
    if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q installed; then
        echo "$p is installed already; this test would remove it" >&2; exit 1
    fi
done
work=$(mktemp -d)
cleanup() {
    [ -z "${server_pid:-}" ] || kill "$server_pid" 2>/dev/null || true
    dpkg --purge jne-dev jne jne-server >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
step() { echo "-- $*"; }

step "dpkg -i"
dpkg -i "$debs"/jne-server_*.deb "$debs"/jne_*.deb "$debs"/jne-dev_*.deb >/dev/null
version=$(sed -n 's/^project(jne VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
jne-server --version | grep -q "^jne-server $version (commit "
jne --version | grep -q "^jne $version (commit "
for f in /usr/share/man/man1/jne-server.1.gz /usr/share/man/man1/jne.1.gz \
         /usr/share/bash-completion/completions/jne-server /usr/share/bash-completion/completions/jne \
         /lib/systemd/system/jne-server.service /etc/jne/jne-server.conf \
         /usr/share/jne/sandbox/tariffs.csv /usr/include/jne/client/client.hpp \
         /usr/lib/x86_64-linux-gnu/pkgconfig/jne.pc /usr/lib/x86_64-linux-gnu/cmake/jne/jneConfig.cmake; do
    [ -e "$f" ] || { echo "missing after install: $f" >&2; exit 1; }
done
getent passwd jne >/dev/null || { echo "no system user jne" >&2; exit 1; }
grep -qx '/etc/jne/jne-server.conf' /var/lib/dpkg/info/jne-server.conffiles
dpkg-deb -f "$debs"/jne-server_*.deb Depends | grep -q libsqlite3

step "the unit's command line, as the unit runs it"
unit=/lib/systemd/system/jne-server.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
# The connection cap is the open-file limit less 64: systemd's default 1024 would make it 960.
[ "$(sed -n 's/^LimitNOFILE=//p' "$unit")" -ge 65536 ] || { echo "the unit keeps the default open-file limit" >&2; exit 1; }
state=/var/lib/$(sed -n 's/^StateDirectory=//p' "$unit")
install -d -o jne -g jne -m 0750 "$state"   # what systemd's StateDirectory= makes
# The shipped config serves port 10102; a flag (which wins over it) picks a free one.
(cd "$state" && exec runuser -u jne -- $exec_start --port 0) > "$work/out" 2> "$work/err" &
server_pid=$!
for _ in $(seq 300); do grep -q listening "$work/out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http:\/\/[0-9.]*:[0-9]*\).*/\1/p' "$work/out")
[ -n "$url" ] || { cat "$work/err"; exit 1; }
# Installed, it serves loopback alone until the administrator says otherwise.
[[ $url == http://127.0.0.1:* ]] || { echo "the installed server listens on $url" >&2; exit 1; }
[ -f "$state/jne.db" ] || { echo "the database is not in the state directory" >&2; exit 1; }
key=25c898a9faea1a100859ecd9ef674548
same_json() { python3 "$source_dir/tests/support/same_json.py" "$@"; }  # file, text
same_json "$source_dir/tests/golden/pricedev_cgk_bdo_1kg.json" \
    "$(curl -s -X POST "$url/tracing/api/pricedev" -d "username=TESTAPI&api_key=$key&from=CGK10000&thru=BDO10000&weight=1")"
same_json "$source_dir/tests/golden/cnote_5403212200022724.json" \
    "$(curl -s -X POST "$url/tracing/api/list/v1/cnote/5403212200022724" -d "username=TESTAPI&api_key=$key")"
jne --base-url "$url" --username TESTAPI --api-key "$key" track 5403212200022724 | grep -q DELIVERED
# The public page is inside the program: served with nothing else installed.
curl -sf "$url/track/5403212200022724" | grep -q '/assets/app.js?v='
curl -sf "$url/public/v1/track/5403212200022724" | grep -q '"stage":"delivered"'

grep -q 'against /usr/share/jne/sandbox' "$work/err"

step "admin commands use the installed configuration's database"
(cd "$work" && jne-server accounts list) | grep -q '^TESTAPI ' ||
    { echo "accounts list does not see the service's database" >&2; exit 1; }
[ ! -e "$work/jne.db" ] || { echo "an admin command made a database of its own" >&2; exit 1; }
printf 'db = "sqlite:%s"\nbogus-key = 1\n' "$work/x.db" >"$work/typo.conf"
if jne-server --config "$work/typo.conf" accounts list 2>"$work/typo.err"; then
    echo "an unknown key in a config file was accepted" >&2; exit 1
fi
grep -q "bogus-key.*$work/typo.conf" "$work/typo.err" ||
    { echo "the refusal does not name the key and the file: $(cat "$work/typo.err")" >&2; exit 1; }

step "the dev package: a project by CMake and by pkg-config"
cmake -S "$source_dir/tests/consumer" -B "$work/consumer" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer" "$url" >/dev/null
c++ "$source_dir/tests/consumer/main.cpp" -o "$work/by-pkg-config" $(pkg-config --cflags --libs jne)
"$work/by-pkg-config" "$url" >/dev/null
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=

step "dpkg --purge keeps the shipments unless told (nobody to ask here)"
DEBIAN_FRONTEND=noninteractive dpkg --purge jne-dev jne jne-server >/dev/null 2>"$work/purge.err"
for f in /usr/bin/jne-server /usr/bin/jne /usr/share/jne /usr/include/jne /etc/jne/jne-server.conf \
         /lib/systemd/system/jne-server.service; do
    [ ! -e "$f" ] || { echo "left behind: $f" >&2; exit 1; }
done
! getent passwd jne >/dev/null || { echo "the jne user is still there" >&2; exit 1; }
[ -f "$state/jne.db" ] || { echo "purge deleted the shipments without asking" >&2; exit 1; }
grep -q "kept its database in /var/lib/jne" "$work/purge.err" ||
    { echo "purge did not say it kept the database: $(cat "$work/purge.err")" >&2; exit 1; }

step "dpkg --purge deletes them when the administrator said so (debconf)"
dpkg -i "$debs"/jne-server_*.deb >/dev/null
echo "jne-server jne-server/purge_data boolean true" | debconf-set-selections
DEBIAN_FRONTEND=noninteractive dpkg --purge jne-server >/dev/null
[ ! -e "$state" ] || { echo "purge kept the database it was told to delete" >&2; exit 1; }

step "lintian: no errors"
if command -v lintian >/dev/null; then
    # initial-upload-closes-no-bugs: these packages are not uploaded to Debian's archive.
    lintian --fail-on error --suppress-tags initial-upload-closes-no-bugs "$debs"/*.deb
else
    echo "lintian is not installed: not checked" >&2; exit 1
fi
echo "packages: installed, served the examples, removed cleanly"
