#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (the clang `fuzz` preset) and runs each for SECONDS,
# starting from its seeds in fuzz/corpus/<target>/. New inputs go to build/fuzz/corpus/<target>/ (the
# committed seeds stay small); a crash, leak or hang leaves its input in build/fuzz/crashes/<target>/,
# the script goes on with the next target and fails at the end. Prints executions per second and
# totals per target. FUZZ_TARGETS="a b" runs only those.
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/.."
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${JOBS:-$(nproc)}"

read -r -a targets <<<"${FUZZ_TARGETS:-$(ls fuzz/corpus | tr '\n' ' ')}"
failed=()
printf '%-16s %12s %10s %8s %8s %s\n' target executions exec/s corpus rss_mb result
for target in "${targets[@]}"; do
  work="build/fuzz/corpus/$target" crashes="build/fuzz/crashes/$target" log="build/fuzz/logs/$target.log"
  mkdir -p "$work" "$crashes" "$(dirname "$log")"
  result=ok
  # -timeout: one input taking 10 s is a hang to report; -max_len: request bodies and answers are
  # bigger than libFuzzer's default 4 KB.
  if ! "build/fuzz/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "fuzz/corpus/$target" \
      >"$log" 2>&1; then
    result="FAILED: $(ls -t "$crashes" | head -1) (log: $log)"
    failed+=("$target")
  fi
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  printf '%-16s %12s %10s %8s %8s %s\n' "$target" "$(stat number_of_executed_units)" \
    "$(stat average_exec_per_sec)" "$(ls "$work" | wc -l)" "$(stat peak_rss_mb)" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}; each input is in build/fuzz/crashes/<target>/" >&2
  exit 1
fi
