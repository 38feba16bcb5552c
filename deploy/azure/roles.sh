#!/usr/bin/env bash
# The two roles Tinkr needs, as the product's Azure page shows them: the identity's principal id from
# `az identity show`, then Monitoring Reader (metrics, resource lookup) and Log Analytics Reader (KQL)
# at the resource group (default) or the scope given. Idempotent: an existing assignment is kept.
# usage: roles.sh --identity NAME --resource-group RG [--scope SCOPE]
set -euo pipefail

usage() { echo "usage: roles.sh --identity NAME --resource-group RG [--scope SCOPE]" >&2; exit 2; }
identity="" resource_group="" scope=""
while [ $# -gt 0 ]; do
  case "$1" in
    --identity) identity=${2:-}; shift 2 || usage ;;
    --resource-group) resource_group=${2:-}; shift 2 || usage ;;
    --scope) scope=${2:-}; shift 2 || usage ;;
    -h | --help) usage ;;
    *) echo "roles.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
{ [ -n "$identity" ] && [ -n "$resource_group" ]; } || usage

principal=$(az identity show --name "$identity" --resource-group "$resource_group" --query principalId -o tsv)
[ -n "$principal" ] || { echo "roles.sh: identity '$identity' in '$resource_group' has no principal id" >&2; exit 1; }
if [ -z "$scope" ]; then
  subscription=$(az account show --query id -o tsv)
  scope="/subscriptions/$subscription/resourceGroups/$resource_group"
fi

for role in "Monitoring Reader" "Log Analytics Reader"; do
  existing=$(az role assignment list --assignee "$principal" --role "$role" --scope "$scope" --query "[].id" -o tsv)
  if [ -n "$existing" ]; then
    echo "roles.sh: '$role' is already assigned to $principal at $scope"
  else
    # --assignee-object-id with the principal type: no Microsoft Graph lookup, so a just-created
    # identity works before it has replicated to Graph.
    az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal \
      --role "$role" --scope "$scope" >/dev/null
    echo "roles.sh: assigned '$role' to $principal at $scope"
  fi
done
