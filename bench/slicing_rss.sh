#!/usr/bin/env bash
# Issue 16.3: a logs query past Log Analytics' 500,000-row cap, fetched in time slices. The fake
# workspace (fake_log_analytics_serve --synthetic ROWS, which cuts any answer past 500,000 rows as the
# service does, and answers gzip) holds ROWS generated AppTraces rows over one hour; `tinkr logs --limit
# ROWS -o ndjson` reads them all (one row count, then slices within the caps, 3 in flight) into a file.
# Each run's peak RSS (GNU time's %M), records written and wall time are printed, for 200,000 and
# 2,000,000 rows by default: the peak should not grow with the row count.
# Usage: bench/slicing_rss.sh [BUILD_DIR] [ROWS...]   (a Release build with tinkr, tinkr_plugin_azure and
# fake_log_analytics_serve; GNU time from `scripts/setup.sh bench`)
set -euo pipefail
build=${1:-build/release}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200000 2000000)
for tool in "$build/bin/tinkr" "$build/bin/fake_log_analytics_serve" /usr/bin/time; do
  [ -x "$tool" ] || { echo "slicing_rss: $tool is missing" >&2; exit 2; }
done
. "$(dirname "$0")/fake_log_analytics.sh"
work=$(mktemp -d)
cleanup() { stop_fake_log_analytics; rm -rf "$work"; }
trap cleanup EXIT
for rows in "${sizes[@]}"; do
  start_fake_log_analytics "$build" "$work" --gzip on --synthetic "$rows"
  write_fake_profile "$work/config.toml"
  start=$(date +%s.%N)
  tinkr_with_peak_rss "$build" "$work" -o ndjson logs synthetic-api --from 2026-11-25T09:00:00Z \
    --to 2026-11-25T10:00:00Z --limit "$rows" >"$work/out" 2>"$work/err" || { echo "slicing_rss: tinkr failed for $rows rows:" >&2; cat "$work/err" >&2; exit 1; }
  end=$(date +%s.%N)
  printf '%8s rows: peak RSS %6.1f MB, %s records written, %.1f s\n' "$rows" \
    "$(awk '{print $1 / 1024}' "$work/rss")" "$(wc -l <"$work/out")" "$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')"
  stop_fake_log_analytics
done
