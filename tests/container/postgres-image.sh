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
buildah_=(buildah --storage-driver vfs --root "$work/storage" --runroot "$work/run")
export BUILDAH_FORMAT=docker
container=$("${buildah_[@]}" from scratch)
mounted=$("${buildah_[@]}" mount "$container")
cp -a "$rootfs"/. "$mounted"/
"${buildah_[@]}" umount "$container" >/dev/null
"${buildah_[@]}" config --user postgres --volume /var/lib/postgresql/data --port 5432 \
    --entrypoint '["/usr/local/bin/postgres-entrypoint"]' "$container"
"${buildah_[@]}" commit --quiet --format docker --rm "$container" localhost/jne-test-postgres:15 >/dev/null
rm -f "$work/jne-test-postgres.tar"
"${buildah_[@]}" push --quiet localhost/jne-test-postgres:15 \
    "docker-archive:$work/jne-test-postgres.tar:localhost/jne-test-postgres:15" >/dev/null
"${buildah_[@]}" rmi --all >/dev/null 2>&1 || true
rm -rf "$rootfs"
echo "$work/jne-test-postgres.tar"
