#!/usr/bin/env bash
# Tinkr on AKS with Azure workload identity, from an existing cluster and Log Analytics workspace, in
# order: the cluster's OIDC issuer and workload identity, the user-assigned identity, its two
# monitoring roles (../roles.sh), the federated credential for the tinkr ServiceAccount, then the
# Secret with config.toml and the manifests (tinkr.yaml). Safe to run again: every step is idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=SCRIPTDIR/../lib.sh
source "$here/../lib.sh"

usage() {
  cat >&2 <<'USAGE'
usage: deploy.sh --resource-group RG --cluster AKS --workspace-id GUID --image IMAGE --api-key-hash SHA256
                 [--identity NAME] [--namespace NS] [--monitored-resource-group RG] [--api-key-subject NAME]
USAGE
  exit 2
}
resource_group="" cluster="" workspace_id="" image="" api_key_hash=""
identity=tinkr namespace=tinkr monitored_resource_group="" api_key_subject=ops
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case "$1" in
    --resource-group) resource_group=$2 ;;
    --cluster) cluster=$2 ;;
    --workspace-id) workspace_id=$2 ;;
    --image) image=$2 ;;
    --api-key-hash) api_key_hash=$2 ;;
    --identity) identity=$2 ;;
    --namespace) namespace=$2 ;;
    --monitored-resource-group) monitored_resource_group=$2 ;;
    --api-key-subject) api_key_subject=$2 ;;
    *) echo "deploy.sh: unknown option '$1'" >&2; usage ;;
  esac
  shift 2
done
for option in resource-group cluster workspace-id image api-key-hash; do
  variable=${option//-/_}
  require "$option" "${!variable}"
done
: "${monitored_resource_group:=$resource_group}"
check_name resource-group "$resource_group"; check_name monitored-resource-group "$monitored_resource_group"
check_name cluster "$cluster"; check_name identity "$identity"; check_name namespace "$namespace"
check_name api-key-subject "$api_key_subject"; check_guid workspace-id "$workspace_id"; check_hash api-key-hash "$api_key_hash"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { echo "== $*"; }
export KUBECONFIG="$work/kubeconfig"

subscription=$(az account show --query id -o tsv)
step "1. workload identity on cluster '$cluster'"
az aks update --resource-group "$resource_group" --name "$cluster" --enable-oidc-issuer --enable-workload-identity --output none
issuer=$(az aks show --resource-group "$resource_group" --name "$cluster" --query oidcIssuerProfile.issuerUrl -o tsv)
location=$(az aks show --resource-group "$resource_group" --name "$cluster" --query location -o tsv)

step "2. managed identity '$identity'"
az identity create --name "$identity" --resource-group "$resource_group" --location "$location" --output none
client_id=$(az identity show --name "$identity" --resource-group "$resource_group" --query clientId -o tsv)

step "3. Monitoring Reader and Log Analytics Reader on '$monitored_resource_group'"
"$here/../roles.sh" --identity "$identity" --resource-group "$resource_group" \
  --scope "/subscriptions/$subscription/resourceGroups/$monitored_resource_group"

step "4. federated credential for system:serviceaccount:$namespace:tinkr"
az identity federated-credential create --name "tinkr-$cluster" --identity-name "$identity" \
  --resource-group "$resource_group" --issuer "$issuer" --subject "system:serviceaccount:$namespace:tinkr" \
  --audience api://AzureADTokenExchange --output none

step "5. namespace '$namespace', Secret tinkr-config and the manifests"
az aks get-credentials --resource-group "$resource_group" --name "$cluster" --file "$KUBECONFIG" --overwrite-existing
kubectl create namespace "$namespace" --dry-run=client -o yaml | kubectl apply -f -
render "$here/../config.toml.in" "$work/config.toml" WORKSPACE_ID="$workspace_id" SUBSCRIPTION_ID="$subscription" \
  MONITORED_RESOURCE_GROUP="$monitored_resource_group" CREDENTIAL=workload_identity \
  AUTH="api_keys = [{ hash = \"$api_key_hash\", subject = \"$api_key_subject\", roles = [\"viewer\"] }]"
kubectl create secret generic tinkr-config --namespace "$namespace" --from-file=config.toml="$work/config.toml" \
  --dry-run=client -o yaml | kubectl apply -f -
render "$here/tinkr.yaml" "$work/tinkr.yaml" NAMESPACE="$namespace" CLIENT_ID="$client_id" IMAGE="$image"
kubectl apply -f "$work/tinkr.yaml"
kubectl rollout status deployment/tinkr --namespace "$namespace" --timeout=5m
echo "done: kubectl --namespace $namespace port-forward service/tinkr 8080:80, then curl http://127.0.0.1:8080/readyz"
