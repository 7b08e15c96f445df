#!/usr/bin/env bash
# The image as a merchant's CI and a courier's operators meet it, run for real with podman:
# loaded from its archive, the sandbox answers the document's examples over HTTP and HTTPS as
# a non-root user, its health check passes, its shipments outlive the container in the
# volume, it stops cleanly on SIGTERM, and production mode runs on PostgreSQL
# (JNE_TEST_POSTGRES_URL, as scripts/with-postgres sets it); then compose.yaml's two servers on
# one PostgreSQL (an image of Debian's postgresql-15, tests/container/postgres-image.sh) take a
# create through one and its tracking through the other.
#   tests/container/run.sh ARCHIVE SOURCE_DIR [POSTGRES_ARCHIVE]   (root: podman's storage and runc)
# POSTGRES_ARCHIVE: that PostgreSQL image, made beforehand by postgres-image.sh (else made here).
# On a machine that cannot run containers at all it says so and ends with "SKIPPED", never
# "passed". Podman runs with vfs storage, runc, the host's network and tests/container's
# containers.conf: what works inside a container such as CI's own machine.
set -euo pipefail
archive=$(realpath "$1") source_dir=$(cd "$2" && pwd) postgres_archive=${3:+$(realpath "$3")}
work=$(mktemp -d)
export CONTAINERS_CONF=$source_dir/tests/container/containers.conf
podman_=(podman --storage-driver vfs --root "$work/storage" --runroot "$work/run" --runtime runc)
# The host's network; the health check run by hand (its timer would need systemd).
run_=(--network host --health-interval disable)
# Podman 4.3 still says on every start and removal that it has no systemd for the health
# check's timer: its own messages go to a log of their own, printed when the test fails.
quiet_podman() { "${podman_[@]}" "$@" 2>>"$work/podman.log"; }
cleanup() {
    "${podman_[@]}" rm --all --force --time 0 >/dev/null 2>&1 || true
    "${podman_[@]}" volume rm --all --force >/dev/null 2>&1 || true
    "${podman_[@]}" rmi --all --force >/dev/null 2>&1 || true
    rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT
step() { echo "-- $*"; }
fail() { echo "container test: $*" >&2; cat "$work/podman.log" >&2 2>/dev/null; exit 1; }
same_json() { python3 "$source_dir/tests/support/same_json.py" "$@"; }  # file, text
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_healthy() {  # url: waits for /healthz, at most 20 s
    for _ in $(seq 400); do curl -fsS "$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.05; done
    return 1
}

# Can this machine run a container at all? A namespace of its own is the least a runtime needs.
if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
    echo "container test: SKIPPED: podman or runc is not installed"; exit 0
fi
if ! unshare --mount --pid --uts --ipc --fork true 2>/dev/null; then
    echo "container test: SKIPPED: this machine cannot make the namespaces a container needs"; exit 0
fi

step "podman load, of the OCI archive and of Docker's"
# The OCI archive loads (as localhost/jne-server, which short names would find first: it is
# removed again); the rest runs the Docker-format image, which has the health check.
"${podman_[@]}" load -q -i "${archive%.tar}.oci.tar" >/dev/null || fail "the OCI archive does not load"
"${podman_[@]}" image inspect localhost/jne-server:latest >/dev/null || fail "the OCI image is not there"
"${podman_[@]}" rmi --all --force >/dev/null
"${podman_[@]}" load -q -i "$archive" >/dev/null
image=jne-server:latest
"${podman_[@]}" image inspect "$image" --format '{{.Config.User}}' | grep -qx jne || fail "the image does not run as jne"
size=$("${podman_[@]}" image inspect "$image" --format '{{.Size}}')
echo "image: $((size / 1000000)) MB"

step "the sandbox: the document's examples, as it starts"
port=$(free_port) tls_port=$(free_port)
# Created first (vfs copies the image's files), then timed from its start to its first answer.
quiet_podman create --name sandbox "${run_[@]}" -v jne-data:/var/lib/jne \
    -e JNE_PORT="$port" -e JNE_TLS_PORT="$tls_port" "$image" >/dev/null
started=$(date +%s%N)
quiet_podman start sandbox >/dev/null
url=http://127.0.0.1:$port
wait_healthy "$url" || { "${podman_[@]}" logs sandbox; fail "the sandbox did not answer"; }
echo "first answer $(( ($(date +%s%N) - started) / 1000000 )) ms after podman start"
key=25c898a9faea1a100859ecd9ef674548
same_json "$source_dir/tests/golden/pricedev_cgk_bdo_1kg.json" \
    "$(curl -s "$url/tracing/api/pricedev" -d "username=TESTAPI&api_key=$key&from=CGK10000&thru=BDO10000&weight=1")"
same_json "$source_dir/tests/golden/cnote_5403212200022724.json" \
    "$(curl -s "$url/tracing/api/list/v1/cnote/5403212200022724" -d "username=TESTAPI&api_key=$key")"
# The document's generatecnote example, with an order id of its own.
form=$(python3 -c 'import json,sys,urllib.parse
d=json.load(open(sys.argv[1])); d["OLSHOP_ORDERID"]="CONTAINER-1"; print(urllib.parse.urlencode(d))' \
    "$source_dir/tests/golden/generatecnote_request.json")
created=$(curl -s "$url/tracing/api/generatecnote" -d "$form")
airwaybill=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["detail"][0]["cnote_no"])' "$created" 2>/dev/null) ||
    fail "generatecnote: $created"
curl -s "$url/tracing/api/list/v1/cnote/$airwaybill" -d "username=TESTAPI&api_key=$key" |
    grep -q "\"cnote_no\":\"$airwaybill\"" || fail "the created airwaybill does not track"

step "https with the certificate the sandbox made for itself"
"${podman_[@]}" cp sandbox:/var/lib/jne/jne-tls.crt "$work/jne-tls.crt"
same_json "$source_dir/tests/golden/pricedev_cgk_bdo_1kg.json" \
    "$(curl -s --cacert "$work/jne-tls.crt" "https://localhost:$tls_port/tracing/api/pricedev" \
        -d "username=TESTAPI&api_key=$key&from=CGK10000&thru=BDO10000&weight=1")"

step "not root; healthy; admin commands on the container's database"
[ "$("${podman_[@]}" exec sandbox id -u)" != 0 ] || fail "the server runs as root"
"${podman_[@]}" healthcheck run sandbox 2>/dev/null || fail "the health check fails"
"${podman_[@]}" exec sandbox jne-server accounts list | grep -q '^TESTAPI ' ||
    fail "accounts list does not see the sandbox's accounts"

step "SIGTERM stops it cleanly, and the volume keeps the shipments"
quiet_podman stop --time 15 sandbox >/dev/null
[ "$("${podman_[@]}" inspect sandbox --format '{{.State.ExitCode}}')" = 0 ] ||
    { "${podman_[@]}" logs sandbox | tail; fail "the server did not exit 0 on SIGTERM"; }
quiet_podman rm sandbox >/dev/null
quiet_podman run -d --name again "${run_[@]}" -v jne-data:/var/lib/jne -e JNE_PORT="$port" \
    "$image" >/dev/null
wait_healthy "$url" || fail "the sandbox did not start again on its volume"
curl -s "$url/tracing/api/list/v1/cnote/$airwaybill" -d "username=TESTAPI&api_key=$key" |
    grep -q "\"cnote_no\":\"$airwaybill\"" || fail "the shipment was lost with the container"
quiet_podman rm --force --time 0 again >/dev/null

if [ -n "${JNE_TEST_POSTGRES_URL:-}" ]; then
    step "production mode on PostgreSQL"
    port=$(free_port)
    quiet_podman run -d --name production "${run_[@]}" -e JNE_SANDBOX=false \
        -e JNE_DB="$JNE_TEST_POSTGRES_URL" -e JNE_PORT="$port" "$image" >/dev/null
    url=http://127.0.0.1:$port
    wait_healthy "$url" || { "${podman_[@]}" logs production; fail "production mode did not start"; }
    "${podman_[@]}" logs production 2>&1 | grep -q "in sandbox mode" && fail "JNE_SANDBOX=false served a sandbox"
    shop_key=$("${podman_[@]}" exec production jne-server accounts add container-shop |
        sed -n 's/^api_key: *//p')
    [ ${#shop_key} -eq 32 ] || fail "accounts add in the container gave no key"
    quiet_podman rm --force --time 0 production >/dev/null
fi
step "compose.yaml: two servers on one PostgreSQL, created through one, tracked through the other"
if ! command -v podman-compose >/dev/null; then
    fail "podman-compose is not installed (scripts/install-deps installs it)"
fi
postgres_archive=${postgres_archive:-$("$source_dir/tests/container/postgres-image.sh" "$work/postgres")}
"${podman_[@]}" load -q -i "$postgres_archive" >/dev/null
a_port=$(free_port) b_port=$(free_port)
export JNE_POSTGRES_IMAGE=localhost/jne-test-postgres:15 JNE_A_PORT=$a_port JNE_B_PORT=$b_port
compose_=(podman-compose --podman-args="${podman_[*]:1}" --project-name jne-compose-test
          -f "$source_dir/compose.yaml")
# podman-compose 1.0 starts services without waiting for depends_on's condition: the test waits
# for PostgreSQL's health itself, as docker compose would.
"${compose_[@]}" up -d postgres >>"$work/podman.log" 2>&1
for _ in $(seq 150); do
    "${podman_[@]}" healthcheck run jne-compose-test_postgres_1 >/dev/null 2>&1 && break
    sleep 0.2
done
"${compose_[@]}" up -d >>"$work/podman.log" 2>&1
wait_healthy "http://127.0.0.1:$a_port" && wait_healthy "http://127.0.0.1:$b_port" ||
    fail "the compose file's servers did not start"
in_a() { "${podman_[@]}" exec jne-compose-test_jne-a_1 jne-server "$@"; }
in_b() { "${podman_[@]}" exec jne-compose-test_jne-b_1 jne-server "$@"; }
# Production mode: the operator imports a catalogue (the sandbox's, installed in the image).
for kind_file in locations:destinations origins:origins branches:branches services:services \
                 tariffs:tariffs hubs:hubs; do
    in_a catalogue import "${kind_file%%:*}" "/usr/share/jne/sandbox/${kind_file#*:}.csv" \
        >/dev/null || fail "catalogue import ${kind_file%%:*}"
done
shop_key=$(in_b accounts add shop --customer TESTAKUN --branch CGK000 | sed -n 's/^api_key: *//p')
[ ${#shop_key} -eq 32 ] || fail "accounts add through the second server gave no key"
form=$(python3 -c 'import json,sys,urllib.parse
d=json.load(open(sys.argv[1])); d.update(username="shop", api_key=sys.argv[2], OLSHOP_ORDERID="COMPOSE-1")
print(urllib.parse.urlencode(d))' "$source_dir/tests/golden/generatecnote_request.json" "$shop_key")
airwaybill=
for _ in $(seq 50); do  # the first server sees the new account within a tenth of a second
    created=$(curl -s "http://127.0.0.1:$a_port/tracing/api/generatecnote" -d "$form")
    airwaybill=$(python3 -c 'import json,sys; a=json.loads(sys.argv[1])["detail"][0]["cnote_no"]
print(a) if a else sys.exit(1)' "$created" 2>/dev/null) && break
    sleep 0.1
done
[ -n "$airwaybill" ] || fail "generatecnote through the first server: $created"
curl -s "http://127.0.0.1:$b_port/tracing/api/list/v1/cnote/$airwaybill" \
    -d "username=shop&api_key=$shop_key" | grep -q "\"cnote_no\":\"$airwaybill\"" ||
    fail "the second server does not track $airwaybill (created: $created)"
"${compose_[@]}" down -v >>"$work/podman.log" 2>&1
[ -z "$("${podman_[@]}" ps -aq)" ] || fail "compose down left containers"

echo "container: loaded, served the examples over HTTP and HTTPS, kept its volume, stopped cleanly; compose: created on one server, tracked on the other"
