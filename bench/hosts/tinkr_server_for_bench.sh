# Sourced by the server benches: start_tinkr_server SERVER_BINARY PLUGIN_DIR WORK_DIR [RECORDS=100]
# starts tinkr-server as they measure it (the mock backend answering at once with RECORDS log records,
# auth on with one viewer key, worker_threads = 2, on 127.0.0.1 at a port the OS picks) and sets
# server_pid, server_url (of POST /api/v1/logs) and TINKR_BENCH_KEY (the key logs_post.lua sends).
# Needs bash with set -e.
start_tinkr_server() {
  local server=$1 plugins=$2 work=$3 records=${4:-100}
  export TINKR_BENCH_KEY="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  local hash
  hash=$(printf %s "$TINKR_BENCH_KEY" | "$server" --hash-key)
  cat >"$work/config.toml" <<TOML
active_profile = "mock"
[profiles.mock]
backend = "mock"
records = $records
[server]
max_concurrent_queries = 256
worker_threads = 2
[auth]
api_keys = [{hash = "$hash", subject = "bench", roles = ["viewer"]}]
TOML
  HOME=$work TINKR_PLUGIN_PATH=$plugins "$server" --config "$work/config.toml" --port 0 --quiet \
    >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  server_url=$(wait_for_listening "$work/server.out")/api/v1/logs
}

# The http://127.0.0.1:PORT a server printed in FILE ("... listening on http://127.0.0.1:PORT"),
# waiting up to 10 s for the line; fails when none comes.
wait_for_listening() {
  local file=$1 port=""
  for _ in $(seq 200); do
    port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$file" 2>/dev/null)
    [[ -n $port ]] && break
    sleep 0.05
  done
  [[ -n $port ]] || { echo "bench: the server did not start ($(cat "$file"))" >&2; return 1; }
  echo "http://127.0.0.1:$port"
}
