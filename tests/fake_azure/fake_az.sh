#!/bin/sh
# A fake Azure CLI for the azure_cli credential's tests. Only `az account get-access-token` is known.
# FAKE_AZ_MODE selects the behaviour:
#   ok (default)    print shared/vectors/azure/identity/az-cli.get-access-token.output.json with
#                   expires_on / expiresOn an hour from now (FAKE_AZ_LIFETIME_S overrides the hour);
#                   with --tenant, the .tenant.output.json vector (no subscription)
#   not_logged_in   exit 1 with az's real message
#   hang            never answer (for the timeout test; exec, so killing this pid ends it)
#   fail            exit 2 with a generic error on stderr
# FAKE_AZ_ARGS_FILE, when set, receives the arguments (one line per call) for assertions.
# FAKE_AZ_VECTORS overrides the vectors directory (default: next to the repository, as in the tree).
set -eu
if [ -n "${FAKE_AZ_ARGS_FILE:-}" ]; then printf '%s\n' "$*" >> "$FAKE_AZ_ARGS_FILE"; fi
case "${FAKE_AZ_MODE:-ok}" in
  not_logged_in)
    echo "ERROR: Please run 'az login' to setup account." >&2
    exit 1 ;;
  hang)
    exec sleep 3600 ;;
  fail)
    echo "ERROR: fake az failed on purpose" >&2
    exit 2 ;;
esac
if [ "${1:-}" != "account" ] || [ "${2:-}" != "get-access-token" ]; then
  echo "ERROR: fake az knows only 'account get-access-token'" >&2
  exit 2
fi
vectors="${FAKE_AZ_VECTORS:-@TINKR_FAKE_AZ_VECTORS_DIR@}"
expires_on=$(( $(date +%s) + ${FAKE_AZ_LIFETIME_S:-3600} ))
expires_local=$(date -d "@$expires_on" '+%Y-%m-%d %H:%M:%S.000000')
file=az-cli.get-access-token.output.json
case " $* " in *" --tenant "*) file=az-cli.get-access-token.tenant.output.json ;; esac
sed -e "s/\"expires_on\": [0-9]*/\"expires_on\": $expires_on/" \
    -e "s/\"expiresOn\": \"[^\"]*\"/\"expiresOn\": \"$expires_local\"/" \
    "$vectors/azure/identity/$file"
