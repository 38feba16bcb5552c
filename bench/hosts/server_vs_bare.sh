#!/usr/bin/env bash
# tinkr-server against its floor, side by side in one run: tinkr-server as run_server_bench.sh starts it
# (auth on, the mock backend answering at once with 100 log records, worker_threads = 2, its default
# one I/O thread) and bare_beast_server (bench/hosts/bare_beast_server.cpp) on as many threads as
# tinkr-server has I/O threads, answering every request with the very bytes tinkr-server answered.
# wrk posts /api/v1/logs to each in turn, A B A B, ROUNDS rounds of SECONDS each after a warm-up, and
# the script prints the medians of requests/s and p99 for both and the ratio tinkr-server / bare
# (issue 15's target: >= 50%, with tinkr-server's p99 < 2 ms at 16 connections).
#
# usage: server_vs_bare.sh SERVER_BINARY PLUGIN_DIR BARE_BINARY [ROUNDS=3] [SECONDS=10] [CONNECTIONS=16]
set -euo pipefail
server=${1:?tinkr-server binary}
plugins=${2:?plugin folder holding libtinkr-mock.so}
bare=${3:?bare_beast_server binary}
rounds=${4:-3}
seconds=${5:-10}
connections=${6:-16}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "server_vs_bare: wrk is not installed (Debian package wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "server_vs_bare: curl is not installed" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
bare_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n $bare_pid ]] && kill "$bare_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/hosts/tinkr_server_for_bench.sh
source "$here/tinkr_server_for_bench.sh"
start_tinkr_server "$server" "$plugins" "$work"
tinkr_url=$server_url

# The bare server's body is tinkr-server's own answer to the request wrk sends.
request_body=$(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$here/logs_post.lua")
curl -sS --fail -X POST -H "Authorization: Bearer $TINKR_BENCH_KEY" -H "Content-Type: application/json" \
  --data "$request_body" "$tinkr_url" >"$work/body.json"
grep -q '"records":\[{"type":"log"' "$work/body.json" ||
  { echo "server_vs_bare: tinkr-server's answer holds no log records" >&2; exit 1; }
"$bare" "$work/body.json" 1 >"$work/bare.out" &
bare_pid=$!
bare_url=$(wait_for_listening "$work/bare.out")/api/v1/logs
echo "body: $(wc -c <"$work/body.json") bytes, $(grep -o '"type":"log"' "$work/body.json" | wc -l) records"

measure() {  # NAME URL DURATION: appends "requests_per_s p99_ms errors" to $work/NAME.txt
  wrk -t1 -c"$connections" -d"$3" --latency -s "$here/logs_post.lua" "$2" >"$work/wrk.txt"
  awk '/^requests_per_s/ {r = $2} /^p99_ms/ {p = $2} /^errors/ {e = $2} END {print r, p, e}' \
    "$work/wrk.txt" >>"$work/$1.txt"
}
measure warmup "$tinkr_url" 3s
measure warmup "$bare_url" 3s
for round in $(seq "$rounds"); do
  measure tinkr "$tinkr_url" "${seconds}s"
  measure bare "$bare_url" "${seconds}s"
  printf 'round %d: tinkr-server %s req/s p99 %s ms | bare beast %s req/s p99 %s ms\n' "$round" \
    $(tail -1 "$work/tinkr.txt" | cut -d' ' -f1,2) $(tail -1 "$work/bare.txt" | cut -d' ' -f1,2)
done

median() {  # FILE COLUMN
  cut -d' ' -f"$2" "$1" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
tinkr_rps=$(median "$work/tinkr.txt" 1)
tinkr_p99=$(median "$work/tinkr.txt" 2)
bare_rps=$(median "$work/bare.txt" 1)
bare_p99=$(median "$work/bare.txt" 2)
errors=$(awk '{e += $3} END {print e + 0}' "$work/tinkr.txt" "$work/bare.txt")
echo
echo "connections $connections, $rounds rounds of ${seconds}s each, medians:"
echo "tinkr_server_requests_per_s $tinkr_rps"
echo "tinkr_server_p99_ms $tinkr_p99"
echo "bare_beast_requests_per_s $bare_rps"
echo "bare_beast_p99_ms $bare_p99"
awk -v t="$tinkr_rps" -v b="$bare_rps" 'BEGIN {printf "ratio_percent %.1f\n", 100 * t / b}'
echo "errors $errors"
[[ $errors -eq 0 ]] || { echo "server_vs_bare: wrk saw errors or replies of status 400 or more" >&2; exit 1; }
