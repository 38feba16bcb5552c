#!/usr/bin/env bash
# Issue 18's figure: `tinkr incident payments-api --since 1h` on the local demo, end to end (process
# start, opening the store, the five to seven queries, the report, printing), target < 300 ms. The demo
# hour is written once into a throwaway HOME, then the command runs RUNS times; the median and the
# fastest wall times are printed.
# Usage: bench/incident_report.sh [BUILD_DIR] [RUNS]   (a Release build with tinkr and tinkr_plugin_local)
set -euo pipefail
build=${1:-build/release}
runs=${2:-11}
[ -x "$build/bin/tinkr" ] || { echo "incident_report: $build/bin/tinkr is missing" >&2; exit 2; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" NO_COLOR=1
"$build/bin/tinkr" demo >/dev/null
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$build/bin/tinkr" incident payments-api --since 1h >/dev/null 2>&1
  times+=($((($(date +%s%N) - start) / 1000000)))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p")
echo "tinkr incident payments-api --since 1h (local demo, $runs runs): median ${median} ms, fastest $(echo "$sorted" | head -1) ms"
