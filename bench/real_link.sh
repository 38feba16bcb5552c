#!/usr/bin/env bash
# A real link, measured (issue 16.2): the 100,000-row AppTraces answer fetched over a rate-limited
# link, by tinkr with the answer served plain, by tinkr with it served gzip, and by Microsoft's
# JavaScript client (@azure/monitor-query-logs, which asks for gzip itself) on the same link.
#
# The fake Log Analytics (fake_log_analytics_serve, two of them: one that never compresses, one that
# compresses when asked) and the clients all run in a network namespace of their own whose loopback is
# shaped by a token bucket (tbf; this kernel has no netem): 100 Mbit/s gives about 96 Mbit/s. The runs
# alternate A B C A B C ... and each figure is the median wall time of a whole client process (start,
# token, query, every record written), so tinkr and node pay their own start-up alike.
#
# Needs root (ip netns, tc), a Release build with the benchmarks (cmake --preset release &&
# cmake --build --preset release --target tinkr tinkr_plugin_azure fake_log_analytics_serve) and
# `npm ci` in bench/azure_js (scripts/kql-deps.sh bench/azure_js).
# Usage: bench/real_link.sh [--build DIR] [--rounds N] [--rate 100mbit|none]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build/release"
rounds=5
rate=100mbit
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--rounds N] [--rate 100mbit|none]" >&2; exit 2 ;;
  esac
done
for tool in "$build/bin/tinkr" "$build/bin/fake_log_analytics_serve"; do
  [ -x "$tool" ] || { echo "real_link: $tool is missing (build the release preset first)" >&2; exit 2; }
done
[ -d "$root/bench/azure_js/node_modules/@azure/monitor-query-logs" ] ||
  { echo "real_link: run scripts/kql-deps.sh bench/azure_js first" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "real_link: needs root for ip netns and tc" >&2; exit 2; }

ns="tinkr-bench-$$"
work="$(mktemp -d)"
server_pids=()  # of `ip netns exec`, which forks: the servers are its children
cleanup() {
  for pid in "${server_pids[@]}"; do  # the children of each `ip netns exec`, by id
    children=()
    read -r -a children 2>/dev/null <"/proc/$pid/task/$pid/children" || true  # no final newline
    for child in "${children[@]}"; do kill "$child" 2>/dev/null || true; done
  done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns"
ip netns exec "$ns" ip link set lo mtu 1500 up
if [ "$rate" != none ]; then
  ip netns exec "$ns" tc qdisc add dev lo root tbf rate "$rate" burst 256kb latency 50ms
fi
in_ns() { ip netns exec "$ns" "$@"; }

# Both servers, each announcing "<URL> <CA file>" in its ready file.
for mode in off on; do
  in_ns "$build/bin/fake_log_analytics_serve" --gzip "$mode" --ready "$work/$mode.ready" 2>"$work/$mode.log" &
  server_pids+=("$!")
done
for mode in off on; do
  for _ in $(seq 600); do [ -s "$work/$mode.ready" ] && break; sleep 0.1; done
  [ -s "$work/$mode.ready" ] || { echo "real_link: the $mode server did not start:" >&2; cat "$work/$mode.log" >&2; exit 1; }
done

workspace=11111111-2222-3333-4444-555555555555
write_config() {  # mode -> config file for tinkr against that server
  read -r url ca _ <"$work/$1.ready"
  cat >"$work/$1.toml" <<TOML
[profiles.bench]
backend = "azure"
credential = "environment"
workspace_id = "$workspace"
subscription_id = "00000000-0000-0000-0000-000000000001"
resource_group = "rg"
log_analytics_endpoint = "$url"
arm_endpoint = "$url"
authority_host = "$url"
ca_file = "$ca"
# The served answer is one canned 100,000-row body: fetched whole, not counted and sliced.
slice_above_rows = 100000
TOML
}
write_config off
write_config on

now_ms() { echo $(($(date +%s%N) / 1000000)); }
run_tinkr() {  # mode -> wall milliseconds; checks every row arrived
  local started ended
  started=$(now_ms)
  in_ns env HOME="$work" TINKR_PLUGIN_PATH="$build/lib/tinkr/plugins" AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47 \
    AZURE_CLIENT_ID=bench-client AZURE_CLIENT_SECRET=bench-secret \
    "$build/bin/tinkr" --config "$work/$1.toml" -o ndjson logs payments-api --since 1h --limit 100000 \
    >"$work/out" 2>"$work/err" || { echo "real_link: tinkr ($1) failed:" >&2; cat "$work/err" >&2; exit 1; }
  ended=$(now_ms)
  local rows; rows=$(wc -l <"$work/out")
  [ "$rows" -eq 100000 ] || { echo "real_link: tinkr ($1) returned $rows rows" >&2; exit 1; }
  echo $((ended - started))
}
run_js() {  # -> wall milliseconds of node querying the gzip server; checks every row arrived
  local url ca started ended out
  read -r url ca _ <"$work/on.ready"
  started=$(now_ms)
  out=$(in_ns env NODE_EXTRA_CA_CERTS="$ca" node "$root/bench/azure_js/query_logs.mjs" "$url" "$workspace")
  ended=$(now_ms)
  [ "${out%% *}" -eq 100000 ] || { echo "real_link: the JS client returned '$out'" >&2; exit 1; }
  echo $((ended - started))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

: >"$work/plain.ms"; : >"$work/gzip.ms"; : >"$work/js.ms"
for round in $(seq "$rounds"); do
  run_tinkr off >>"$work/plain.ms"
  run_tinkr on >>"$work/gzip.ms"
  run_js >>"$work/js.ms"
  echo "round $round: tinkr plain $(tail -1 "$work/plain.ms") ms, tinkr gzip $(tail -1 "$work/gzip.ms") ms," \
    "JS client $(tail -1 "$work/js.ms") ms" >&2
done

plain=$(median <"$work/plain.ms"); gzip=$(median <"$work/gzip.ms"); js=$(median <"$work/js.ms")
grep -h "answer" "$work/off.log" "$work/on.log" | sed 's/^/  /'
echo "  answers sent compressed: $(grep -c "served gzip" "$work/on.log") of $(grep -c "served" "$work/on.log")" \
  "by the gzip server (tinkr's and the JS client's), $(grep -c "served gzip" "$work/off.log") by the plain one"
echo "link: ${rate} (tbf on the namespace's loopback); medians of $rounds rounds, whole client processes"
printf '  %-34s %8s ms\n' "tinkr, answer served plain" "$plain" "tinkr, answer served gzip" "$gzip" \
  "@azure/monitor-query-logs (gzip)" "$js"
awk -v p="$plain" -v g="$gzip" -v j="$js" 'BEGIN {
  printf "  gzip vs plain: %.1fx faster; tinkr vs the JS client: %.1fx faster\n", p / g, j / g }'
