#!/usr/bin/env bash
# `make package-test`: installs build/package/tinkr_*_amd64.deb on a bare Debian 12 root (the one
# ../shared/tools/fresh-debian.sh makes: minbase + git, make, sudo, ca-certificates; no package lists)
# and runs the demo from the PATH. Root; about a minute once the root is cached.
# usage: test-on-bare-debian.sh PACKAGE_DIR
set -euo pipefail
package_dir=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")/../.." && pwd)
fresh=${FRESH_DEBIAN:-$here/../shared/tools/fresh-debian.sh}
[ -x "$fresh" ] || { echo "package-test: $fresh not found (set FRESH_DEBIAN)" >&2; exit 2; }
deb=$(find "$package_dir" -maxdepth 1 -name 'tinkr_*_amd64.deb' | sort | tail -n1)
[ -n "$deb" ] || { echo "package-test: no tinkr_*_amd64.deb in $package_dir (make package)" >&2; exit 1; }
# fresh-debian.sh copies its SHARED_DIR argument to /src/shared in the root: hand it the package.
carry=$(mktemp -d)
trap 'rm -rf "$carry"' EXIT
cp "$deb" "$carry/"
name=$(basename "$deb")
# shellcheck disable=SC2016 # the commands run inside the root
"$fresh" "$here" "$carry" -- \
  "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /src/shared/$name" \
  'tinkr --version && tinkr-server --version' \
  'tinkr plugins' \
  'tinkr demo' \
  "tinkr logs payments-api 'level>=warn' | grep -q payments-api" \
  'test -f /lib/systemd/system/tinkr-server.service && test -f /etc/tinkr/config.toml && test -f /usr/share/doc/tinkr/cli.md' \
  '! systemctl is-enabled tinkr-server 2>/dev/null' \
  'dpkg -r tinkr && ! command -v tinkr'
