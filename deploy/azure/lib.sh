# Shared by deploy/azure/*/deploy.sh (sourced): argument checks and template rendering.
# shellcheck shell=bash

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

# require NAME VALUE: a mandatory option.
require() { [ -n "$2" ] || die "--$1 is required"; }

# check_guid OPTION VALUE / check_name OPTION VALUE / check_hash OPTION VALUE: refuse what would not
# be a valid Azure id, name or SHA-256 before anything is created.
check_guid() { [[ "$2" =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]] || die "--$1 '$2' is not a GUID"; }
check_name() { [[ "$2" =~ ^[A-Za-z0-9][-A-Za-z0-9_.]{0,89}$ ]] || die "--$1 '$2' is not a valid Azure name"; }
check_hash() { [[ "$2" =~ ^[0-9a-f]{64}$ ]] || die "--$1 must be 64 lowercase hex characters (tinkr-server --hash-key, key on stdin)"; }

# render TEMPLATE OUT NAME=VALUE...: TEMPLATE with each __NAME__ replaced by VALUE; fails if any
# __NAME__ is left (a value this script forgot).
render() {
  local template=$1 out=$2 pair name value
  shift 2
  cp "$template" "$out"
  for pair in "$@"; do
    name=${pair%%=*} value=${pair#*=}
    value=${value//\\/\\\\} value=${value//|/\\|} value=${value//&/\\&}
    sed -i "s|__${name}__|${value}|g" "$out"
  done
  if grep -q '__[A-Z_]*__' "$out"; then die "$template: unfilled placeholders: $(grep -o '__[A-Z_]*__' "$out" | sort -u | tr '\n' ' ')"; fi
}
