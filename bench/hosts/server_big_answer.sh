#!/usr/bin/env bash
# tinkr-server's memory on a big answer: the mock backend answers 200,000 log records (about 56 MB of
# JSON) and curl asks for them once as JSON and once as NDJSON. Prints, for each, the bytes, the time
# and the server's peak RSS before and after. A JSON answer past 1 MiB goes out in chunks as it is
# written (docs/server.md), so the peak grows by a few MB whatever the answer's size; before that
# change the JSON answer took the server from 8 to 120 MB.
#
# usage: server_big_answer.sh SERVER_BINARY PLUGIN_DIR [RECORDS=200000]
set -euo pipefail
server=${1:?tinkr-server binary}
plugins=${2:?plugin folder holding libtinkr-mock.so}
records=${3:-200000}
here=$(cd "$(dirname "$0")" && pwd)
command -v curl >/dev/null || { echo "server_big_answer: curl is not installed" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

peak_rss_mb() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status"; }

# shellcheck source=bench/hosts/tinkr_server_for_bench.sh
source "$here/tinkr_server_for_bench.sh"
for accept in application/json application/x-ndjson; do
  start_tinkr_server "$server" "$plugins" "$work" "$records"
  before=$(peak_rss_mb)
  started=$(date +%s%N)
  curl -sS --fail -D "$work/head.txt" -o "$work/body" -X POST -H "Authorization: Bearer $TINKR_BENCH_KEY" \
    -H "Content-Type: application/json" -H "Accept: $accept" \
    --data "{\"service\":\"payments-api\",\"limit\":$records}" "$server_url"
  ended=$(date +%s%N)
  after=$(peak_rss_mb)
  got=$(grep -o '"type":"log"' "$work/body" | wc -l)
  [[ $got -eq $records ]] || { echo "server_big_answer: $got of $records records arrived as $accept" >&2; exit 1; }
  framing=$(tr -d '\r' <"$work/head.txt" | grep -i -E '^(transfer-encoding|content-length):' | tr '\n' ' ')
  printf '%-21s %9d bytes in %5d ms, %s| server peak RSS %s -> %s MB\n' "$accept" "$(wc -c <"$work/body")" \
    $(((ended - started) / 1000000)) "$framing" "$before" "$after"
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
done
