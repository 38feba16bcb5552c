#!/usr/bin/env bash
# Issue 18's figure: `tinkr incident payments-api --since 1h` on the local demo, end to end (process
# start, opening the store, the five to seven queries, the report, printing), target < 300 ms. The demo
# hour is written once into a throwaway HOME per build, then the command runs RUNS times; the median and
# the fastest wall times are printed. Given a second build (for example one of the commit before a
# change), both run in turn, A B A B, so that both see the same load on a shared machine.
# Usage: bench/incident_report.sh [BUILD_DIR] [RUNS] [OTHER_BUILD_DIR]
#        (Release builds with tinkr and tinkr_plugin_local)
set -euo pipefail
builds=("${1:-build/release}")
runs=${2:-11}
[ -z "${3:-}" ] || builds+=("$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
for i in "${!builds[@]}"; do
  [ -x "${builds[$i]}/bin/tinkr" ] || { echo "incident_report: ${builds[$i]}/bin/tinkr is missing" >&2; exit 2; }
  mkdir "$work/home$i"
  HOME="$work/home$i" "${builds[$i]}/bin/tinkr" demo >/dev/null 2>&1
done
for _ in $(seq "$runs"); do
  for i in "${!builds[@]}"; do
    start=$(date +%s%N)
    HOME="$work/home$i" "${builds[$i]}/bin/tinkr" incident payments-api --since 1h >/dev/null 2>"$work/err" ||
      { echo "incident_report: ${builds[$i]}: tinkr incident failed:" >&2; cat "$work/err" >&2; exit 1; }
    echo $((($(date +%s%N) - start) / 1000000)) >>"$work/times$i"
  done
done
for i in "${!builds[@]}"; do
  sorted=$(sort -n "$work/times$i")
  median=$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p")
  echo "${builds[$i]}: tinkr incident payments-api --since 1h (local demo, $runs runs): median ${median} ms, fastest $(echo "$sorted" | head -1) ms"
done
