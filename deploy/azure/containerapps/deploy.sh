#!/usr/bin/env bash
# Tinkr on Azure Container Apps, from an existing resource group, Container Apps environment, Key Vault
# (RBAC mode) and Log Analytics workspace, in order: the user-assigned managed identity, its two
# monitoring roles (../roles.sh), read access to the vault, the config (with the API-key hashes) as a
# Key Vault secret, then the app (containerapp.yaml). Safe to run again: every step is idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../lib.sh
source "$here/../lib.sh"

usage() {
  cat >&2 <<'USAGE'
usage: deploy.sh --resource-group RG --location LOCATION --environment CONTAINERAPPS_ENV
                 --key-vault VAULT --workspace-id GUID --image IMAGE --api-key-hash SHA256
                 [--identity NAME] [--app NAME] [--monitored-resource-group RG] [--api-key-subject NAME]
USAGE
  exit 2
}
resource_group="" location="" environment="" key_vault="" workspace_id="" image="" api_key_hash=""
identity=tinkr app=tinkr monitored_resource_group="" api_key_subject=ops
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case "$1" in
    --resource-group) resource_group=$2 ;;
    --location) location=$2 ;;
    --environment) environment=$2 ;;
    --key-vault) key_vault=$2 ;;
    --workspace-id) workspace_id=$2 ;;
    --image) image=$2 ;;
    --api-key-hash) api_key_hash=$2 ;;
    --identity) identity=$2 ;;
    --app) app=$2 ;;
    --monitored-resource-group) monitored_resource_group=$2 ;;
    --api-key-subject) api_key_subject=$2 ;;
    *) echo "deploy.sh: unknown option '$1'" >&2; usage ;;
  esac
  shift 2
done
for option in resource-group location environment key-vault workspace-id image api-key-hash; do
  variable=${option//-/_}
  require "$option" "${!variable}"
done
: "${monitored_resource_group:=$resource_group}"
check_name resource-group "$resource_group"; check_name monitored-resource-group "$monitored_resource_group"
check_name location "$location"; check_name environment "$environment"; check_name key-vault "$key_vault"
check_name identity "$identity"; check_name app "$app"; check_name api-key-subject "$api_key_subject"
check_guid workspace-id "$workspace_id"; check_hash api-key-hash "$api_key_hash"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { echo "== $*"; }

subscription=$(az account show --query id -o tsv)
step "1. managed identity '$identity'"
az identity create --name "$identity" --resource-group "$resource_group" --location "$location" --output none
client_id=$(az identity show --name "$identity" --resource-group "$resource_group" --query clientId -o tsv)
principal_id=$(az identity show --name "$identity" --resource-group "$resource_group" --query principalId -o tsv)
identity_id=$(az identity show --name "$identity" --resource-group "$resource_group" --query id -o tsv)

step "2. Monitoring Reader and Log Analytics Reader on '$monitored_resource_group'"
"$here/../roles.sh" --identity "$identity" --resource-group "$resource_group" \
  --scope "/subscriptions/$subscription/resourceGroups/$monitored_resource_group"

step "3. the API-key hashes (secret 'tinkr-api-keys') and the configuration ('tinkr-config') in '$key_vault'"
vault_id=$(az keyvault show --name "$key_vault" --query id -o tsv)
vault_uri=$(az keyvault show --name "$key_vault" --query properties.vaultUri -o tsv)
if [ -z "$(az role assignment list --assignee "$principal_id" --role "Key Vault Secrets User" --scope "$vault_id" --query "[].id" -o tsv)" ]; then
  az role assignment create --assignee-object-id "$principal_id" --assignee-principal-type ServicePrincipal \
    --role "Key Vault Secrets User" --scope "$vault_id" --output none
fi
# tinkr-server reads the hashes itself with the managed identity and again every 5 minutes, so a key
# is added or revoked with one `az keyvault secret set`, without a new revision (docs/server.md).
printf '[auth]\napi_keys = [{ hash = "%s", subject = "%s", roles = ["viewer"] }]\n' "$api_key_hash" \
  "$api_key_subject" >"$work/api-keys.toml"
az keyvault secret set --vault-name "$key_vault" --name tinkr-api-keys --file "$work/api-keys.toml" --output none
render "$here/../config.toml.in" "$work/config.toml" WORKSPACE_ID="$workspace_id" SUBSCRIPTION_ID="$subscription" \
  MONITORED_RESOURCE_GROUP="$monitored_resource_group" CREDENTIAL=managed_identity \
  AUTH="api_keys_from = \"keyvault:${vault_uri%/}/secrets/tinkr-api-keys\""
az keyvault secret set --vault-name "$key_vault" --name tinkr-config --file "$work/config.toml" --output none

step "4. the app '$app'"
environment_id=$(az containerapp env show --name "$environment" --resource-group "$resource_group" --query id -o tsv)
render "$here/containerapp.yaml" "$work/containerapp.yaml" LOCATION="$location" APP="$app" \
  IDENTITY_ID="$identity_id" ENVIRONMENT_ID="$environment_id" CLIENT_ID="$client_id" IMAGE="$image" \
  CONFIG_SECRET_URL="${vault_uri%/}/secrets/tinkr-config"
az containerapp create --name "$app" --resource-group "$resource_group" --yaml "$work/containerapp.yaml" --output none
fqdn=$(az containerapp show --name "$app" --resource-group "$resource_group" --query properties.configuration.ingress.fqdn -o tsv)
echo "done: https://$fqdn (check: curl https://$fqdn/readyz)"
