#!/usr/bin/env bash
# The image's check: unpack the OCI archive `make image` wrote, run its tinkr-server from the image's
# root file system (chroot, as the image's user 10001, with a config holding one API key hash in the
# volume /var/lib/tinkr), and ask /healthz and /readyz over 127.0.0.1. Root.
# usage: check.sh OUT_DIR
set -euo pipefail
out=$(cd "$1" && pwd)
archive=$(find "$out" -maxdepth 1 -name 'tinkr-oci-*.tar' | sort | tail -n1)
[ -n "$archive" ] || { echo "image check: no tinkr-oci-*.tar in $out (make image)" >&2; exit 1; }
work=$(mktemp -d)
server=""
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  if [ -n "${root:-}" ] && mountpoint -q "$root/proc"; then umount "$root/proc"; fi
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
fail() { echo "image check: FAIL: $*" >&2; [ ! -f "$work/server.log" ] || cat "$work/server.log" >&2; exit 1; }

mkdir "$work/oci" && tar -C "$work/oci" -xf "$archive"
tag=$(umoci ls --layout "$work/oci" | head -n1)
umoci unpack --image "$work/oci:$tag" "$work/bundle" >/dev/null
root=$work/bundle/rootfs
[ "$(stat -c %u "$root/var/lib/tinkr")" = 10001 ] || fail "/var/lib/tinkr is not the image user's"
[ ! -e "$root/usr/bin/apt-get" ] || fail "apt is still in the image"

hash=$(printf %s image-check-key | chroot "$root" tinkr-server --hash-key)
port=$(( 20000 + RANDOM % 20000 ))
cat >"$root/var/lib/tinkr/config.toml" <<TOML
[profiles.local]
backend = "local"
path = "/var/lib/tinkr/local.db"

[auth]
api_keys = [{ hash = "$hash", subject = "check", roles = ["viewer"] }]
TOML
chown 10001:10001 "$root/var/lib/tinkr/config.toml"
# A container runtime mounts /proc (tinkr finds its plugins relative to /proc/self/exe); so does this.
mount -t proc proc "$root/proc"
# The image's entrypoint and command, on loopback instead of 0.0.0.0 (the host's network namespace).
env -i HOME=/var/lib/tinkr PATH=/usr/bin:/bin /usr/sbin/chroot --userspec=10001:10001 "$root" \
  tinkr-server --host 127.0.0.1 --port "$port" --config /var/lib/tinkr/config.toml >"$work/server.log" 2>&1 &
server=$!

# Wait for the listening line (the server prints it once bound), at most 30 s.
for _ in $(seq 300); do
  grep -q "listening on" "$work/server.log" && break
  kill -0 "$server" 2>/dev/null || fail "tinkr-server exited"
  sleep 0.1
done
grep -q "listening on" "$work/server.log" || fail "tinkr-server did not listen within 30 s"

get() {  # get PATH: the status line of GET PATH
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$1" >&3
  head -n1 <&3 | tr -d '\r'
  exec 3<&-
}
status=$(get /healthz)
[[ "$status" == *" 200 "* ]] || fail "/healthz answered '$status'"
ready=$(get /readyz)
[[ "$ready" == *" 200 "* ]] || fail "/readyz answered '$ready'"
echo "image check: ok: tinkr-server from the image's root answered /healthz ($status) and /readyz ($ready)"
