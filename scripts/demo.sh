#!/usr/bin/env bash
# The main job of `make demo`: with no cloud account, load the demo hour of telemetry into a local
# store and ask it the questions the product's Azure page answers. Uses its own config and database
# under the build folder, so a developer's ~/.tinkr is never touched.
set -euo pipefail
build=${1:-build/release}
bin="$build/bin"
demo_dir="$build/demo"
mkdir -p "$demo_dir"
rm -f "$demo_dir/demo.db" "$demo_dir/demo.db-wal" "$demo_dir/demo.db-shm"
cat >"$demo_dir/config.toml" <<TOML
active_profile = "demo"

[profiles.demo]
backend = "local"
path = "$(cd "$demo_dir" && pwd)/demo.db"
TOML
export TINKR_CONFIG="$demo_dir/config.toml"
unset TINKR_BACKEND TINKR_PROFILE

# A command as it can be pasted into a shell: words with characters the shell would act on (>, *,
# spaces, quotes) are single-quoted.
shell_words() {
  local word out=()
  for word in "$@"; do
    if [[ $word =~ ^[A-Za-z0-9_./:,=@%+-]+$ ]]; then out+=("$word"); else out+=("'${word//\'/\'\\\'\'}'"); fi
  done
  printf '%s' "${out[*]}"
}
step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$(shell_words "${@:2}")"; "${@:2}"; }

step "Backends found" "$bin/tinkr" plugins
step "Load an hour of demo telemetry (payments-api, checkout, inventory, orders-db) with an incident" \
  "$bin/tinkr" demo
step "The last hour's warnings and errors of payments-api" \
  "$bin/tinkr" logs payments-api 'severity>=warn' --since 1h --limit 15
step "Its log volume by severity: the incident is the burst of errors" \
  "$bin/tinkr" logs payments-api --since 1h --histogram
step "Its requests and failed requests per 5 minutes" \
  "$bin/tinkr" metrics payments-api http.server.requests,http.server.errors --agg sum --interval 5m --since 1h
step "Its latency per 5 minutes (average and worst)" \
  "$bin/tinkr" metrics payments-api http.server.duration --agg avg,max --interval 5m --since 1h
step "Its p95 latency per minute, drawn" \
  "$bin/tinkr" metrics payments-api http.server.duration --agg p95 --interval 1m --since 1h -o chart
step "Its failed or slow requests, slowest first" \
  "$bin/tinkr" traces payments-api --failed --slow 1s --since 1h --limit 10
slowest=$("$bin/tinkr" traces payments-api --failed --slow 1s --since 1h --limit 1 -o csv 2>/dev/null |
  awk -F, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == "trace_id") c = i } NR == 2 { print $c }')
step "The span tree of the slowest one (▶ marks its critical path)" "$bin/tinkr" trace "$slowest"
step "What Tinkr sends to the backend for the first question (nothing is run)" \
  "$bin/tinkr" logs payments-api 'severity>=warn' --since 1h --explain
printf '\n\033[1m== Your turn\033[0m\n%s\n%s\n' \
  "Paste the \"try\" lines that tinkr demo printed above into this shell: they put tinkr on the PATH and" \
  "name the demo's config first, so each command asks the store this demo just wrote."
