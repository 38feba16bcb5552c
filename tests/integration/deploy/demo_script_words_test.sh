#!/usr/bin/env bash
# The commands `make demo` shows after "$ " must work when pasted into a shell: scripts/demo.sh's
# shell_words quotes every word the shell would act on, and a shell reading the shown line gets the
# very words the demo ran (a `severity>=warn` shown bare would have redirected to a file named =warn).
set -euo pipefail
source_dir=$1
# shellcheck source=/dev/null
source <(sed -n '/^shell_words() {/,/^}/p' "$source_dir/scripts/demo.sh")
declare -F shell_words >/dev/null || { echo "scripts/demo.sh has no shell_words()"; exit 1; }

failures=0
check() {
  local shown
  shown=$(shell_words "$@")
  local -a parsed
  eval "parsed=($shown)"
  if [ "${parsed[*]@Q}" != "${*@Q}" ] || [ ${#parsed[@]} -ne $# ]; then
    echo "FAILED: shown as: $shown"
    failures=$((failures + 1))
  fi
}
check build/release/bin/tinkr logs payments-api 'severity>=warn' --since 1h --explain
check tinkr logs s 'message:/time(d )?out/' --limit 5
# shellcheck disable=SC2016 # the $ and backquotes are the point: they must reach tinkr unexpanded
check tinkr logs s "it's" 'a b' '$HOME' '*' '`id`' 'x|y' 'a;b' '' 'tab	here'
check tinkr metrics payments-api http.server.requests,http.server.errors --agg sum --interval 5m
[ "$(shell_words tinkr logs payments-api --since 1h)" = "tinkr logs payments-api --since 1h" ] ||
  { echo "FAILED: plain words are shown as they are"; failures=$((failures + 1)); }
[ "$failures" -eq 0 ] && echo "demo script words: ok"
exit "$failures"
