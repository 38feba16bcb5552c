#!/usr/bin/env bash
# Issue 12.4: a native query's output streams in every format. The 100,000-row AppTraces answer
# (fake_log_analytics_serve, plain) is printed as json, ndjson and csv by `tinkr query --native`, and
# each run's peak RSS is reported (GNU time's %M). Before streaming, json and ndjson peaked at 214 MB.
# Usage: bench/native_output_rss.sh [BUILD_DIR]   (a Release build with tinkr, tinkr_plugin_azure and
# fake_log_analytics_serve; GNU time from `scripts/setup.sh bench`)
set -euo pipefail
build=${1:-build/release}
for tool in "$build/bin/tinkr" "$build/bin/fake_log_analytics_serve" /usr/bin/time; do
  [ -x "$tool" ] || { echo "native_output_rss: $tool is missing" >&2; exit 2; }
done
. "$(dirname "$0")/fake_log_analytics.sh"
work=$(mktemp -d)
cleanup() { stop_fake_log_analytics; rm -rf "$work"; }
trap cleanup EXIT
start_fake_log_analytics "$build" "$work" --gzip off
write_fake_profile "$work/config.toml"
for format in json ndjson csv; do
  tinkr_with_peak_rss "$build" "$work" -o "$format" query --native "AppTraces | take 100000" \
    >"$work/out" 2>"$work/err" ||
    { echo "native_output_rss: tinkr -o $format failed:" >&2; cat "$work/err" >&2; exit 1; }
  printf '%-7s peak RSS %6.1f MB, %s bytes written\n' "$format" "$(awk '{print $1 / 1024}' "$work/rss")" \
    "$(wc -c <"$work/out")"
done
