#!/usr/bin/env bash
# `make bench`: every figure the issues name, measured on a Release build. Google Benchmark programs
# report medians over repetitions; the server run drives tinkr-server with wrk for 60 s.
set -euo pipefail
build=${1:-build/release}
scripts/setup.sh bench
cmake --build "$build" -j "$(nproc)" --target bench_query query_loop bench_transport azure_query_bench \
  azure_stream_bench local_bench tinkr-server tinkr_plugin_mock bare_beast_server tinkr tinkr_plugin_azure tinkr_plugin_local \
  fake_log_analytics_serve template_miner_bench
reps=(--benchmark_repetitions=10 --benchmark_report_aggregates_only=true)
run() { printf '\n== %s\n' "$1"; shift; "$@"; }
run "query language: parse + plan + serialise (target: median <= 2 us)" "$build/bin/bench_query" "${reps[@]}"
# Wall clock swings with whatever else the machine runs; the instruction count does not.
if command -v valgrind >/dev/null; then
  run "query language: instructions per parse + plan + serialise (callgrind)" \
    scripts/count_query_instructions.sh "$build"
fi
run "HTTPS transport overhead on loopback (median, p99)" "$build/bin/bench_transport"
run "Azure: decode a 100,000-row AppTraces answer; lower the page's query (>= 300 MB/s, <= 2 us)" \
  "$build/bin/azure_query_bench" "${reps[@]}"
run "Azure: peak RSS while decoding a streamed answer (<= 2x the body)" "$build/bin/azure_query_bench" --peak-rss
run "Azure end to end: engine + plugin + HTTPS on loopback, 100,000 log records (report)" \
  "$build/bin/azure_stream_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
# A shaped link needs root (ip netns, tc) and node for Microsoft's client (@azure/monitor-query-logs).
if [ "$(id -u)" -eq 0 ] && command -v node >/dev/null && command -v tc >/dev/null; then
  scripts/kql-deps.sh bench/azure_js
  run "Azure over a 100 Mbit/s link, 100,000 rows: gzip >= 3x plain, tinkr >= 3x Microsoft's JS client" \
    bench/real_link.sh --build "$build"
  run "Azure on loopback with gzip, 100,000 rows: tinkr >= 5x Microsoft's JS client" \
    bench/real_link.sh --build "$build" --rate none
else
  printf '\n== Azure over a shaped link: skipped (needs root, node and tc)\n'
fi
command -v node >/dev/null && scripts/kql-deps.sh bench/azure_js
run "Azure, a 100,000-row answer on loopback (issue 15): tinkr >= 8x Microsoft's JS client, <= 1.5x curl, RSS <= 1.5x the body" \
  bench/big_answer.sh --build "$build"
run "CLI: peak RSS printing a 100,000-row native answer as json, ndjson, csv (bounded, was 214 MB)" \
  bench/native_output_rss.sh "$build"
run "CLI through tinkr-server: 100,000 records as ndjson and json, printed as the server wrote them" \
  bench/cli/remote_output.sh "$build"
run "Azure past the 500,000-row cap: peak RSS of 200,000 vs 2,000,000 rows through slicing (flat)" \
  bench/slicing_rss.sh "$build"
if command -v node >/dev/null; then
  run "MCP: search_traces over stdio on the demo's hour (< 50 ms)" node bench/mcp/search_traces.js "$build/bin/tinkr"
fi
run "incident: the template miner (>= 1 million log lines/s on one core)" "$build/bin/template_miner_bench"
run "incident: tinkr incident payments-api --since 1h on the local demo, end to end (< 300 ms)" \
  bench/incident_report.sh "$build"
run "local backend: ingest (>= 100k records/s) and the errors query on 1M records (< 50 ms)" \
  "$build/bin/local_bench" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
run "tinkr-server with auth, mock backend answering 100 records (>= 2,000 req/s, p99, flat RSS)" \
  bench/hosts/run_server_bench.sh "$build/bin/tinkr-server" "$build/lib/tinkr/plugins" 60
run "tinkr-server: peak RSS answering 200,000 records (56 MB) as JSON and as NDJSON (a few MB, not the answer)" \
  bench/hosts/server_big_answer.sh "$build/bin/tinkr-server" "$build/lib/tinkr/plugins"
run "tinkr-server against a bare Beast server, auth on, 100 records, 16 connections, A B A B (>= 50%, p99 < 2 ms)" \
  bench/hosts/server_vs_bare.sh "$build/bin/tinkr-server" "$build/lib/tinkr/plugins" "$build/bin/bare_beast_server"
