#!/usr/bin/env bash
# shellcheck disable=SC2016 # the mmdebstrap hooks' $1 (the root) is expanded by mmdebstrap, not here
# `make image`: the image of deploy/image/Dockerfile, built from Debian packages alone (no registry):
# mmdebstrap makes a Debian 12 root with the package installed, umoci turns it into an OCI image with
# the Dockerfile's user, entrypoint, volume and port, and the layout is tarred into an OCI archive
# that `docker load` / `podman load` accept. Root; a few minutes (package downloads).
# usage: build.sh PACKAGE_DIR OUT_DIR
set -euo pipefail
package_dir=$1 out=$2
deb=$(find "$package_dir" -maxdepth 1 -name 'tinkr_*_amd64.deb' | sort | tail -n1)
[ -n "$deb" ] || { echo "image: no tinkr_*_amd64.deb in $package_dir (make package)" >&2; exit 1; }
version=$(dpkg-deb -f "$deb" Version)
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)

# The root: Debian 12's required packages (no apt in the image), ca-certificates, the package and its
# dependencies, the non-root user and its volume; no package lists or caches.
mmdebstrap --quiet --variant=apt --include=ca-certificates \
  --customize-hook="copy-in $deb /tmp" \
  --customize-hook='chroot "$1" sh -c "apt-get install -y --no-install-recommends /tmp/tinkr_*_amd64.deb && rm /tmp/tinkr_*_amd64.deb"' \
  --customize-hook='chroot "$1" useradd --system --uid 10001 --user-group --home-dir /var/lib/tinkr --no-create-home tinkr' \
  --customize-hook='chroot "$1" install -d -o 10001 -g 10001 /var/lib/tinkr' \
  --customize-hook='chroot "$1" apt-get purge -y --allow-remove-essential apt' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*' \
  bookworm "$out/rootfs.tar"

cd "$out"
umoci init --layout oci
umoci new --image "oci:tinkr:$version"
umoci raw add-layer --image "oci:tinkr:$version" rootfs.tar
umoci config --image "oci:tinkr:$version" --author "Tinkr" --config.user 10001:10001 \
  --config.env HOME=/var/lib/tinkr --config.volume /var/lib/tinkr --config.exposedports 8080/tcp \
  --config.entrypoint tinkr-server --config.entrypoint --host --config.entrypoint 0.0.0.0 \
  --config.entrypoint --port --config.entrypoint 8080 \
  --config.cmd --config --config.cmd /var/lib/tinkr/config.toml
umoci gc --layout oci
tar -C oci -cf "tinkr-oci-$version.tar" .
rm -f rootfs.tar
echo "image: $out/tinkr-oci-$version.tar ($(du -h "tinkr-oci-$version.tar" | cut -f1); load with: podman load -i it, or docker load -i it)"
