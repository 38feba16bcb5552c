#!/usr/bin/env bash
# Remote mode's json and ndjson output (issue 15.3): `tinkr --server URL -o ndjson|json logs` reading
# 100,000 records from a tinkr-server (mock backend, auth on, 127.0.0.1), per tinkr binary given, A B A B:
# wall, user and system time and peak RSS of the CLI process, and whether every binary printed the same
# bytes (the window is fixed, so the mock's records are too).
#
# usage: remote_output.sh BUILD_DIR [TINKR_BINARY...]   (default: BUILD_DIR/bin/tinkr)
set -euo pipefail
build=${1:?build directory (tinkr-server, the mock plugin)}
shift
binaries=("$@")
[[ ${#binaries[@]} -gt 0 ]] || binaries=("$build/bin/tinkr")
work=$(mktemp -d)
server_pid=""
trap '[[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

key="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
hash=$(printf %s "$key" | "$build/bin/tinkr-server" --hash-key)
cat >"$work/config.toml" <<TOML
active_profile = "mock"
[profiles.mock]
backend = "mock"
records = 100000
[server]
worker_threads = 2
[auth]
api_keys = [{hash = "$hash", subject = "bench", roles = ["viewer"]}]
TOML
HOME=$work TINKR_PLUGIN_PATH=$build/lib/tinkr/plugins "$build/bin/tinkr-server" --config "$work/config.toml" \
  --port 0 --quiet >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
# shellcheck source=bench/hosts/tinkr_server_for_bench.sh
source "$(dirname "$0")/../hosts/tinkr_server_for_bench.sh"
url=$(wait_for_listening "$work/server.out")

for round in 1 2; do
  for i in "${!binaries[@]}"; do
    for format in ndjson json; do
      /usr/bin/time -f "${binaries[$i]} -o $format, round $round: %e s wall, %U s user, %S s system, %M KiB" \
        env HOME="$work" TINKR_TOKEN="$key" "${binaries[$i]}" --server "$url" -o "$format" logs payments-api \
        --limit 100000 --from 2026-11-25T09:00:00Z --to 2026-11-25T10:00:00Z \
        >"$work/$format.$i.out" 2>"$work/time.txt"
      tail -1 "$work/time.txt"
    done
  done
done
for format in ndjson json; do
  for i in "${!binaries[@]}"; do
    cmp -s "$work/$format.0.out" "$work/$format.$i.out" || echo "-o $format: ${binaries[$i]} printed other bytes"
  done
done
echo "records printed: $(wc -l <"$work/ndjson.0.out")"
