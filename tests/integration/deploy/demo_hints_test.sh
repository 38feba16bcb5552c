#!/usr/bin/env bash
# `tinkr demo`'s "try" lines work when pasted into a fresh shell, exactly as `make demo` runs it: tinkr
# not on the PATH and a private config named by TINKR_CONFIG (in a folder whose name needs quoting).
# Before any data, a query says "no data yet" and how to add some, with exit code 5.
# usage: demo_hints_test.sh TINKR
set -euo pipefail
tinkr=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

demo_dir="$work/it's a demo"
mkdir -p "$demo_dir" "$work/home"
cat >"$demo_dir/config.toml" <<TOML
[profiles.demo]
backend = "local"
path = "$demo_dir/demo.db"
TOML
clean_env=(env -i HOME="$work/home" PATH=/usr/bin:/bin LANG=C.UTF-8)

# An empty store: no data yet, and what to run.
status=0
"${clean_env[@]}" TINKR_CONFIG="$demo_dir/config.toml" "$tinkr" logs payments-api 'level>=warn' \
  >"$work/empty.out" 2>"$work/empty.err" || status=$?
[ "$status" = 5 ] || fail "an empty store exited $status (want 5): $(cat "$work/empty.err")"
# shellcheck disable=SC2016 # the backticks are the message's own
grep -qF 'no data yet: run `tinkr demo` or `tinkr ingest FILE`' "$work/empty.err" \
  || fail "an empty store said: $(cat "$work/empty.err")"

"${clean_env[@]}" TINKR_CONFIG="$demo_dir/config.toml" "$tinkr" demo >"$work/demo.out" 2>"$work/demo.err" \
  || fail "tinkr demo: $(cat "$work/demo.err")"
sed -n '/^try (paste these lines into a shell):$/,$ { /^  /s/^  //p }' "$work/demo.out" >"$work/pasted.sh"
[ "$(grep -c '^tinkr ' "$work/pasted.sh")" -ge 4 ] || fail "no commands among the hints: $(cat "$work/demo.out")"
grep -q '^export PATH=' "$work/pasted.sh" || fail "tinkr is not on the PATH, yet no PATH step: $(cat "$work/pasted.sh")"

# Pasted into a fresh shell (no TINKR_CONFIG, no tinkr on the PATH): each command answers with records.
while IFS= read -r line; do
  printf '%s\n' "$line" >>"$work/session.sh"
  case "$line" in tinkr\ *) printf '%s\n' "echo '--- end of command'" >>"$work/session.sh" ;; esac
done <"$work/pasted.sh"
"${clean_env[@]}" bash -e "$work/session.sh" >"$work/session.out" 2>"$work/session.err" \
  || fail "pasting the hints failed: $(cat "$work/session.err")"
grep -q "no records matched\|no data yet" "$work/session.err" && fail "a hint found nothing: $(cat "$work/session.err")"
awk '/^--- end of command$/ { if (lines == 0) empty++; lines = 0; next } { lines++ } END { exit empty > 0 }' \
  "$work/session.out" || fail "a hint printed nothing: $(cat "$work/session.out")"
grep -q "payments-api" "$work/session.out" || fail "no payments-api records: $(head -20 "$work/session.out")"
echo "ok: $(grep -c '^tinkr ' "$work/pasted.sh") hints work as pasted"
