#!/usr/bin/env bash
# Builds localhost/jne-test-postgres:15 for the compose test: Debian 12's postgresql-15 on a
# debootstrap root, configured from the official image's variables by postgres-entrypoint.sh.
# No registry is reachable here, so the compose file's default (postgres:15) cannot be pulled.
#   tests/container/postgres-image.sh WORK_DIR      (root)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(realpath -m "$1")
mirror=${JNE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
rootfs=$work/postgres-root
rm -rf "$rootfs"
mkdir -p "$work"
debootstrap --variant=minbase --include=postgresql-15 bookworm "$rootfs" "$mirror" \
    >"$work/postgres-debootstrap.log" 2>&1 || { tail -20 "$work/postgres-debootstrap.log"; exit 1; }
# The package's own cluster is not this image's: the entrypoint makes one in the volume.
rm -rf "$rootfs"/var/lib/postgresql/15 "$rootfs"/etc/postgresql/15
install -d -o "$(chroot "$rootfs" id -u postgres)" -g "$(chroot "$rootfs" id -g postgres)" \
    "$rootfs/var/lib/postgresql/data" "$rootfs/var/run/postgresql"
install -m 0755 "$here/postgres-entrypoint.sh" "$rootfs/usr/local/bin/postgres-entrypoint"
rm -rf "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/var/cache/apt/*
"$here/../../scripts/commit-image" "$rootfs" "$work" localhost/jne-test-postgres:15 \
    "$work/jne-test-postgres.tar" -- \
    --user postgres --volume /var/lib/postgresql/data --port 5432 \
    --entrypoint '["/usr/local/bin/postgres-entrypoint"]'
rm -rf "$rootfs"
echo "$work/jne-test-postgres.tar"
