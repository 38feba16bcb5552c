#!/usr/bin/env bash
# Instructions per parse + plan + serialise of the reference query, under callgrind: the loop runs
# N and N + 10,000 times and the difference is divided by 10,000, which cancels start-up.
#   scripts/count_query_instructions.sh [build/release]
set -euo pipefail
build=${1:-build/release}
cmake --build "$build" --target query_loop >/dev/null
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$build/bin/query_loop" "$1" 2>&1 |
    awk '/Collected/ {print $4}'
}
first=$(instructions 1000)
second=$(instructions 11000)
echo "instructions per iteration: $(((second - first) / 10000))"
