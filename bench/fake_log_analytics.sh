# Sourced by the bench scripts that run tinkr against fake_log_analytics_serve in a process of its own.
# start_fake_log_analytics BUILD WORK ARGS...: starts it with ARGS (and --ready), waits until it listens,
#   sets fake_pid, fake_url and fake_ca.
# write_fake_profile FILE [EXTRA_TOML_LINE...]: a config with the profile "bench" pointing at it.
# stop_fake_log_analytics: ends the server started last (by its id).
# tinkr_with_peak_rss BUILD WORK ARGS...: runs tinkr ARGS with WORK's config.toml and the environment
#   credential the fake accepts, under GNU time: its peak RSS in KB goes to WORK/rss.
start_fake_log_analytics() {
  local build="$1" work="$2"
  shift 2
  rm -f "$work/ready"
  "$build/bin/fake_log_analytics_serve" "$@" --ready "$work/ready" 2>"$work/server.log" &
  fake_pid=$!
  for _ in $(seq 600); do [ -s "$work/ready" ] && break; sleep 0.1; done
  [ -s "$work/ready" ] || { echo "the fake Log Analytics did not start:" >&2; cat "$work/server.log" >&2; return 1; }
  read -r fake_url fake_ca _ <"$work/ready"
}

write_fake_profile() {
  local file="$1"
  shift
  {
    printf '[profiles.bench]\nbackend = "azure"\ncredential = "environment"\n'
    printf 'workspace_id = "11111111-2222-3333-4444-555555555555"\n'
    printf 'subscription_id = "00000000-0000-0000-0000-000000000001"\nresource_group = "rg"\n'
    printf 'log_analytics_endpoint = "%s"\narm_endpoint = "%s"\nauthority_host = "%s"\nca_file = "%s"\n' \
      "$fake_url" "$fake_url" "$fake_url" "$fake_ca"
    for line in "$@"; do printf '%s\n' "$line"; done
  } >"$file"
}

stop_fake_log_analytics() {
  [ -z "${fake_pid:-}" ] && return 0
  kill "$fake_pid" 2>/dev/null || true
  wait "$fake_pid" 2>/dev/null || true
  fake_pid=""
}

tinkr_with_peak_rss() {
  local build="$1" work="$2"
  shift 2
  env HOME="$work" TINKR_PLUGIN_PATH="$build/lib/tinkr/plugins" AZURE_TENANT_ID=72f988bf-86f1-41af-91ab-2d7cd011db47 \
    AZURE_CLIENT_ID=bench-client AZURE_CLIENT_SECRET=bench-secret \
    /usr/bin/time -f "%M" -o "$work/rss" "$build/bin/tinkr" --config "$work/config.toml" "$@"
}
