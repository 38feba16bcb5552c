#!/usr/bin/env bash
# tinkr-server under load: the mock backend answering at once with 100 log records, auth on, wrk on
# 127.0.0.1 posting /api/v1/logs. Samples the server's RSS every 5 s, stops it with SIGTERM, and
# reports requests/s, latency percentiles and whether RSS stayed flat (±10% after warm-up).
#
# usage: run_server_bench.sh SERVER_BINARY PLUGIN_DIR [SECONDS=60] [CONNECTIONS=32] [WRK_THREADS=1]
set -euo pipefail
server=${1:?tinkr-server binary}
plugins=${2:?plugin folder holding libtinkr-mock.so}
seconds=${3:-60}
connections=${4:-32}
wrk_threads=${5:-1}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "run_server_bench: wrk is not installed (Debian package wrk)" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
sampler_pid=""
cleanup() {
  [[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null || true
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/hosts/tinkr_server_for_bench.sh
source "$here/tinkr_server_for_bench.sh"
start_tinkr_server "$server" "$plugins" "$work"
url=$server_url
wrk -t"$wrk_threads" -c"$connections" -d5s -s "$here/logs_post.lua" "$url" >/dev/null  # warm-up

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
(
  start=$(date +%s)
  while kill -0 "$server_pid" 2>/dev/null; do
    echo "$(($(date +%s) - start)) $(rss_kib)"
    sleep 5
  done
) >"$work/rss.txt" &
sampler_pid=$!

wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" --latency -s "$here/logs_post.lua" "$url" | tee "$work/wrk.txt"
kill "$sampler_pid" 2>/dev/null || true
sampler_pid=""
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=""

echo
echo "RSS samples (seconds KiB):"
cat "$work/rss.txt"
awk '
  NR == 1 { first = $2; min = $2; max = $2 }
  { last = $2; if ($2 < min) min = $2; if ($2 > max) max = $2 }
  END {
    drift = (last - first) * 100.0 / first
    printf "rss_first_kib %d\nrss_last_kib %d\nrss_min_kib %d\nrss_max_kib %d\nrss_drift_percent %.1f\n", first, last, min, max, drift
    printf "rss_flat %s\n", (drift <= 10 && drift >= -10) ? "yes" : "no"
  }' "$work/rss.txt"
