#!/usr/bin/env bash
# Issue 15's figures for a big answer: the 100,000-row AppTraces answer (45 MB of JSON, 2.9 MB in gzip)
# served over HTTPS on 127.0.0.1 by fake_log_analytics_serve, fetched by whole client processes, side by
# side in rounds (every client once per round, in the same order: A B C A B C ...), medians reported:
#   - tinkr, the native query and the page's logs query, every row printed, in every output format,
#     each under GNU time for its peak RSS;
#   - curl fetching the same body (plain, and --compressed from the gzip server);
#   - Microsoft's JavaScript client (@azure/monitor-query-logs, which asks for gzip), every row counted.
# Targets: tinkr >= 8x faster than the JS client, within 1.5x of curl on the same body, peak RSS <= 1.5x
# the body. Needs a Release build (cmake --preset release && cmake --build --preset release --target tinkr
# tinkr_plugin_azure fake_log_analytics_serve), curl and GNU time (scripts/setup.sh bench) and
# `scripts/kql-deps.sh bench/azure_js` for the JS client (skipped, and said so, when missing).
# Usage: bench/big_answer.sh [--build DIR] [--rounds N]
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build/release"
rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--rounds N]" >&2; exit 2 ;;
  esac
done
for tool in "$build/bin/tinkr" "$build/bin/fake_log_analytics_serve" /usr/bin/time; do
  [ -x "$tool" ] || { echo "big_answer: $tool is missing" >&2; exit 2; }
done
command -v curl >/dev/null || { echo "big_answer: curl is missing (scripts/setup.sh bench)" >&2; exit 2; }
with_js=yes
[ -d "$root/bench/azure_js/node_modules/@azure/monitor-query-logs" ] && command -v node >/dev/null || with_js=no

work="$(mktemp -d)"
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Both servers (bench/fake_log_analytics.sh starts each in a folder of its own, whose ready file holds
# "<URL> <CA file>"): one never compresses, one does when asked.
workspace=11111111-2222-3333-4444-555555555555
# shellcheck source-path=SCRIPTDIR source=fake_log_analytics.sh
. "$root/bench/fake_log_analytics.sh"
for mode in off on; do
  mkdir "$work/$mode"
  start_fake_log_analytics "$build" "$work/$mode" --gzip "$mode"
  server_pids+=("$fake_pid")
  cp "$work/$mode/ready" "$work/$mode.ready"
  # The served answer is one canned 100,000-row body: fetched whole, not counted and sliced.
  write_fake_profile "$work/$mode.toml" "slice_above_rows = 100000"
done

now_ms() { echo $(($(date +%s%N) / 1000000)); }
# run NAME EXPECTED_LINES COMMAND...: times one whole process, checks its output, records ms (and RSS).
run() {
  local name="$1" expected="$2" started ended
  shift 2
  started=$(now_ms)
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >"$work/out" 2>"$work/err" ||
    { echo "big_answer: $name failed:" >&2; cat "$work/err" >&2; exit 1; }
  ended=$(now_ms)
  if [ "$expected" != - ]; then
    local lines; lines=$(wc -l <"$work/out")
    [ "$lines" -eq "$expected" ] || { echo "big_answer: $name printed $lines lines, not $expected" >&2; exit 1; }
  fi
  echo $((ended - started)) >>"$work/$name.ms"
  cat "$work/rss" >>"$work/$name.rss"
  wc -c <"$work/out" >"$work/$name.bytes"
}
# The clients as commands /usr/bin/time can run.
tinkr=(env HOME="$work" TINKR_PLUGIN_PATH="$build/lib/tinkr/plugins" AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47
  AZURE_CLIENT_ID=bench-client AZURE_CLIENT_SECRET=bench-secret "$build/bin/tinkr")
curl_body() {  # mode -> the curl command fetching that server's answer
  local url ca
  read -r url ca _ <"$work/$1.ready"
  curl_command=(curl -sS --fail --cacert "$ca" -X POST -H "Authorization: Bearer bench"
    -H "Content-Type: application/json" -d '{"query":"AppTraces | take 100000"}' "$url/v1/workspaces/$workspace/query")
}
curl_body on
curl_gzip=("${curl_command[@]}" --compressed)
curl_body off
curl_plain=("${curl_command[@]}")
read -r on_url on_ca _ <"$work/on.ready"
js_client=(env NODE_EXTRA_CA_CERTS="$on_ca" node "$root/bench/azure_js/query_logs.mjs" "$on_url" "$workspace")

native=(query --native "AppTraces | take 100000")
page=(logs payments-api --since 1h --limit 100000)
clients=(native-gzip-ndjson native-gzip-json native-gzip-csv page-gzip-ndjson native-plain-ndjson curl-gzip curl-plain)
[ "$with_js" = yes ] && clients+=(js-client)
for round in $(seq "$rounds"); do
  run native-gzip-ndjson 100000 "${tinkr[@]}" --config "$work/on.toml" -o ndjson "${native[@]}"
  run native-gzip-json - "${tinkr[@]}" --config "$work/on.toml" -o json "${native[@]}"
  run native-gzip-csv 100001 "${tinkr[@]}" --config "$work/on.toml" -o csv "${native[@]}"
  run page-gzip-ndjson 100000 "${tinkr[@]}" --config "$work/on.toml" -o ndjson "${page[@]}"
  run native-plain-ndjson 100000 "${tinkr[@]}" --config "$work/off.toml" -o ndjson "${native[@]}"
  run curl-gzip - "${curl_gzip[@]}"
  run curl-plain - "${curl_plain[@]}"
  if [ "$with_js" = yes ]; then
    run js-client - "${js_client[@]}"
    [ "$(cut -d' ' -f1 "$work/out")" = 100000 ] || { echo "big_answer: the JS client read '$(cat "$work/out")'" >&2; exit 1; }
  fi
  line="round $round:"
  for c in "${clients[@]}"; do line+=" $c $(tail -1 "$work/$c.ms")"; done
  echo "$line ms" >&2
done

declare -A medians
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
body=$(cat "$work/curl-plain.bytes")
echo "the answer: $body bytes of JSON ($(grep -o 'gzip on: [0-9]*' "$work/on/server.log" | cut -d' ' -f3) in gzip);" \
  "medians of $rounds rounds, whole processes, on 127.0.0.1"
printf '  %-22s %8s %12s %14s\n' client "ms" "peak RSS MB" "RSS / body"
for c in "${clients[@]}"; do
  ms=$(median <"$work/$c.ms")
  rss=$(sort -n "$work/$c.rss" | tail -1)
  printf '  %-22s %8s %12.1f %14.2f\n' "$c" "$ms" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="$rss" -v b="$body" 'BEGIN { print k * 1024 / b }')"
  medians[$c]=$ms
done
awk -v t="${medians[native-gzip-ndjson]}" -v p="${medians[page-gzip-ndjson]}" -v cg="${medians[curl-gzip]}" \
  -v tp="${medians[native-plain-ndjson]}" -v cp="${medians[curl-plain]}" -v js="${medians[js-client]:-0}" 'BEGIN {
  printf "  tinkr vs curl, same gzip body: %.2fx curl'"'"'s time (target <= 1.5)\n", t / cg
  printf "  tinkr vs curl, same plain body: %.2fx curl'"'"'s time (target <= 1.5)\n", tp / cp
  if (js > 0) printf "  the JS client vs tinkr: native %.1fx, page query %.1fx slower (target >= 8)\n", js / t, js / p
}'
