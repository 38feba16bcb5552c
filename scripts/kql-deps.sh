#!/usr/bin/env bash
# Installs Microsoft's KQL parser (npm, pinned by tests/kql/package-lock.json) for the KQL check, or
# the npm packages of another test folder given as argument (tests/k8s: the Kubernetes schemas).
# Runs `npm ci` only when the lock file changed since the last install.
set -euo pipefail
dir="$(cd "$(dirname "$0")/../${1:-tests/kql}" && pwd)"
stamp="$dir/node_modules/.tinkr-lock-stamp"
if [ -f "$stamp" ] && cmp -s "$stamp" "$dir/package-lock.json"; then exit 0; fi
echo "tinkr: installing npm packages for the tests (npm ci in ${1:-tests/kql})" >&2
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
cp "$dir/package-lock.json" "$stamp"
