#!/usr/bin/env bash
# deploy/azure: roles.sh, containerapps/deploy.sh and aks/deploy.sh run against a recording fake `az`
# and `kubectl` (fake_cli/) on the PATH. Asserts the exact commands in order (both role assignments
# with the identity's principal id at the chosen scope), idempotence, refusal of bad input before any
# call, and that what would be deployed is valid: yamllint, the Kubernetes schemas (tests/k8s), and
# a config.toml that tinkr itself accepts. Also shellcheck on every script of deploy/.
# usage: deploy_scripts_test.sh SOURCE_DIR TINKR
set -euo pipefail
source_dir=$1 tinkr=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export FAKE_CLI_LOG="$work/calls.log" FAKE_CLI_STATE="$work/assignments" FAKE_CLI_DIR="$work/out"
export PATH="$source_dir/tests/integration/deploy/fake_cli:$PATH"
mkdir -p "$FAKE_CLI_DIR"
azure=$source_dir/deploy/azure
sub=11111111-1111-1111-1111-111111111111 principal=22222222-2222-2222-2222-222222222222
client=33333333-3333-3333-3333-333333333333 workspace=44444444-4444-4444-4444-444444444444
hash=$(printf '%064d' 0 | tr 0 a)

# expect CMD...: one expected call, quoted as the fakes log it.
expect() { printf '%q ' "$@" | sed 's/ $//'; echo; }
check_calls() {  # check_calls NAME: the calls so far equal $work/expected; then both are reset
  diff -u "$work/expected" "$FAKE_CLI_LOG" >"$work/diff" || fail "$1: calls differ from the expected ones:
$(cat "$work/diff")"
  : >"$FAKE_CLI_LOG"; : >"$work/expected"
}
: >"$FAKE_CLI_LOG"; : >"$work/expected"

# --- lint: every script and YAML file of deploy/ ---
shellcheck -x "$azure"/*.sh "$azure"/*/deploy.sh "$source_dir"/deploy/completions/tinkr.bash \
  "$source_dir"/deploy/image/*.sh "$source_dir"/deploy/package/*.sh \
  "$source_dir"/tests/integration/deploy/*.sh "$source_dir"/tests/integration/deploy/fake_cli/* || fail "shellcheck"
yamllint -c "$source_dir/deploy/yamllint.yaml" "$source_dir/deploy" || fail "yamllint"

# --- roles.sh: the page's two assignments at the resource group, then nothing new on a second run ---
rg_scope="/subscriptions/$sub/resourceGroups/rg-app"
"$azure/roles.sh" --identity tinkr-id --resource-group rg-app >"$work/roles.out"
{
  expect az identity show --name tinkr-id --resource-group rg-app --query principalId -o tsv
  expect az account show --query id -o tsv
  for role in "Monitoring Reader" "Log Analytics Reader"; do
    expect az role assignment list --assignee "$principal" --role "$role" --scope "$rg_scope" --query "[].id" -o tsv
    expect az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal \
      --role "$role" --scope "$rg_scope"
  done
} >"$work/expected"
check_calls "roles.sh"
grep -qF "assigned 'Monitoring Reader' to $principal at $rg_scope" "$work/roles.out" || fail "roles.sh said: $(cat "$work/roles.out")"
grep -qF "assigned 'Log Analytics Reader' to $principal at $rg_scope" "$work/roles.out" || fail "roles.sh said: $(cat "$work/roles.out")"

"$azure/roles.sh" --identity tinkr-id --resource-group rg-app >"$work/roles.out"
grep -q "role assignment create" "$FAKE_CLI_LOG" && fail "roles.sh assigned again: $(cat "$FAKE_CLI_LOG")"
[ "$(grep -c "is already assigned to $principal" "$work/roles.out")" = 2 ] || fail "second run said: $(cat "$work/roles.out")"
: >"$FAKE_CLI_LOG"

"$azure/roles.sh" --identity tinkr-id --resource-group rg-app --scope "/subscriptions/$sub" >/dev/null
grep -c "role assignment create .*--scope /subscriptions/$sub\$" "$FAKE_CLI_LOG" | grep -qx 2 \
  || fail "--scope was not used: $(cat "$FAKE_CLI_LOG")"
grep -q "account show" "$FAKE_CLI_LOG" && fail "--scope given, yet the subscription was looked up"
: >"$FAKE_CLI_LOG"

status=0; "$azure/roles.sh" --identity tinkr-id 2>"$work/err" || status=$?
{ [ "$status" = 2 ] && grep -q "usage: roles.sh" "$work/err"; } || fail "roles.sh without --resource-group: exit $status"

# --- Container Apps ---
ca_args=(--resource-group rg-app --location westeurope --environment cae-prod --key-vault kv-tinkr
  --workspace-id "$workspace" --image registry.example/tinkr:0.1.0 --api-key-hash "$hash" --monitored-resource-group rg-monitored)
status=0; "$azure/containerapps/deploy.sh" "${ca_args[@]/$workspace/not-a-guid}" 2>"$work/err" || status=$?
{ [ "$status" = 2 ] && grep -q "not a GUID" "$work/err"; } || fail "a bad workspace id: exit $status, $(cat "$work/err")"
[ -s "$FAKE_CLI_LOG" ] && fail "az was called before the input was checked: $(cat "$FAKE_CLI_LOG")"

: >"$FAKE_CLI_STATE"
"$azure/containerapps/deploy.sh" "${ca_args[@]}" >"$work/ca.out"
mon_scope="/subscriptions/$sub/resourceGroups/rg-monitored"
identity_id="/subscriptions/$sub/resourceGroups/rg-app/providers/Microsoft.ManagedIdentity/userAssignedIdentities/tinkr"
vault_id="/subscriptions/$sub/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-tinkr"
{
  expect az account show --query id -o tsv
  expect az identity create --name tinkr --resource-group rg-app --location westeurope --output none
  expect az identity show --name tinkr --resource-group rg-app --query clientId -o tsv
  expect az identity show --name tinkr --resource-group rg-app --query principalId -o tsv
  expect az identity show --name tinkr --resource-group rg-app --query id -o tsv
  expect az identity show --name tinkr --resource-group rg-app --query principalId -o tsv
  for role in "Monitoring Reader" "Log Analytics Reader"; do
    expect az role assignment list --assignee "$principal" --role "$role" --scope "$mon_scope" --query "[].id" -o tsv
    expect az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal \
      --role "$role" --scope "$mon_scope"
  done
  expect az keyvault show --name kv-tinkr --query id -o tsv
  expect az keyvault show --name kv-tinkr --query properties.vaultUri -o tsv
  expect az role assignment list --assignee "$principal" --role "Key Vault Secrets User" --scope "$vault_id" --query "[].id" -o tsv
  expect az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal \
    --role "Key Vault Secrets User" --scope "$vault_id" --output none
  expect az keyvault secret set --vault-name kv-tinkr --name tinkr-api-keys --file "<tmp>/api-keys.toml" --output none
  expect az keyvault secret set --vault-name kv-tinkr --name tinkr-config --file "<tmp>/config.toml" --output none
  expect az containerapp env show --name cae-prod --resource-group rg-app --query id -o tsv
  expect az containerapp create --name tinkr --resource-group rg-app --yaml "<tmp>/containerapp.yaml" --output none
  expect az containerapp show --name tinkr --resource-group rg-app --query properties.configuration.ingress.fqdn -o tsv
} >"$work/expected"
sed -i -E 's#/tmp/tmp\.[A-Za-z0-9]+/#<tmp>/#g; s#\\<tmp\\>#<tmp>#g' "$FAKE_CLI_LOG" "$work/expected"
check_calls "containerapps/deploy.sh"
app=$FAKE_CLI_DIR/containerapp.yaml
# Rendered, it holds whole resource ids: any line length.
yamllint -d "{extends: $source_dir/deploy/yamllint.yaml, rules: {line-length: disable}}" "$app" \
  || fail "the rendered containerapp.yaml"
for want in "$identity_id: {}" "identity: $identity_id" "value: $client" \
  "keyVaultUrl: https://kv-tinkr.vault.azure.net/secrets/tinkr-config" "path: /healthz" "path: /readyz" \
  "image: registry.example/tinkr:0.1.0" "name: AZURE_CLIENT_ID" "targetPort: 8080"; do
  grep -qF -- "$want" "$app" || fail "containerapp.yaml lacks '$want'"
done
config=$FAKE_CLI_DIR/secret-tinkr-config.toml
"$tinkr" --config "$config" profiles >"$work/profiles" 2>&1 || fail "tinkr refuses the deployed config: $(cat "$work/profiles")"
for want in "workspace_id = \"$workspace\"" "resource_group = \"rg-monitored\"" 'credential = "managed_identity"' \
  'api_keys_from = "keyvault:https://kv-tinkr.vault.azure.net/secrets/tinkr-api-keys"' 'host = "0.0.0.0"' \
  'port = 8080'; do
  grep -qF -- "$want" "$config" || fail "the deployed config.toml lacks '$want'"
done
grep -qF "$hash" "$config" && fail "the key hashes belong in their own secret, not in the config"
# The hashes' secret is the [auth] table tinkr-server reads (docs/server.md): the config format's own.
keys=$FAKE_CLI_DIR/secret-tinkr-api-keys.toml
{ cat "$keys"; echo '[profiles.p]'; echo 'backend = "local"'; } >"$work/keys-as-config.toml"
"$tinkr" --config "$work/keys-as-config.toml" profiles >/dev/null 2>&1 || fail "the key secret is not [auth] api_keys: $(cat "$keys")"
grep -qF "hash = \"$hash\", subject = \"ops\", roles = [\"viewer\"]" "$keys" || fail "the key secret lacks the hash: $(cat "$keys")"

grep -qi "client_secret" "$config" && fail "a client secret in the deployed config"

# --- AKS ---
: >"$FAKE_CLI_STATE"
"$azure/aks/deploy.sh" --resource-group rg-app --cluster aks-prod --workspace-id "$workspace" \
  --image registry.example/tinkr:0.1.0 --api-key-hash "$hash" --namespace observability >"$work/aks.out"
grep -qxF "$(expect az aks update --resource-group rg-app --name aks-prod --enable-oidc-issuer --enable-workload-identity --output none)" "$FAKE_CLI_LOG" \
  || fail "aks update: $(cat "$FAKE_CLI_LOG")"
grep -qxF "$(expect az identity federated-credential create --name tinkr-aks-prod --identity-name tinkr --resource-group rg-app \
  --issuer https://oidc.example/issuer/ --subject system:serviceaccount:observability:tinkr \
  --audience api://AzureADTokenExchange --output none)" "$FAKE_CLI_LOG" || fail "federated credential: $(cat "$FAKE_CLI_LOG")"
for role in "Monitoring Reader" "Log Analytics Reader"; do
  grep -qxF "$(expect az role assignment create --assignee-object-id "$principal" --assignee-principal-type ServicePrincipal \
    --role "$role" --scope "$rg_scope")" "$FAKE_CLI_LOG" || fail "AKS: no '$role' assignment: $(cat "$FAKE_CLI_LOG")"
done
grep -n "federated-credential\|kubectl apply -f /" "$FAKE_CLI_LOG" | head -1 | grep -q federated \
  || fail "the manifests were applied before the federated credential existed"
grep -q 'credential = "workload_identity"' "$FAKE_CLI_DIR/secret-config.toml" || fail "AKS config does not pin workload_identity"
"$tinkr" --config "$FAKE_CLI_DIR/secret-config.toml" profiles >/dev/null 2>&1 || fail "tinkr refuses the AKS config"
manifests=("$FAKE_CLI_DIR"/applied-*.yaml)
[ ${#manifests[@]} = 3 ] || fail "expected the namespace, the Secret and tinkr.yaml applied, got ${#manifests[@]}"
node "$source_dir/tests/k8s/check.js" "${manifests[@]}" >"$work/k8s.out" || fail "Kubernetes schemas: $(cat "$work/k8s.out")"
for kind in ServiceAccount Deployment Service PodDisruptionBudget HorizontalPodAutoscaler; do
  grep -q ": $kind tinkr: valid" "$work/k8s.out" || fail "no valid $kind: $(cat "$work/k8s.out")"
done
for want in "azure.workload.identity/client-id: $client" 'azure.workload.identity/use: "true"' \
  "namespace: observability" "readOnlyRootFilesystem: true" "runAsNonRoot: true"; do
  grep -qF -- "$want" "$FAKE_CLI_DIR"/applied-2.yaml || fail "tinkr.yaml lacks '$want'"
done

# The checker itself refuses a broken manifest (so "valid" above means something).
sed 's/minAvailable: 1/minAvailable: [1]/' "$FAKE_CLI_DIR/applied-2.yaml" >"$work/broken.yaml"
node "$source_dir/tests/k8s/check.js" "$work/broken.yaml" >/dev/null 2>&1 && fail "the schema check accepted a broken PodDisruptionBudget"
echo "ok: roles.sh, Container Apps and AKS scripts"
