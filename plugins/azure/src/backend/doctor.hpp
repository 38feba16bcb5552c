// `tinkr doctor` and the server's /readyz for the Azure backend: which credential is in use and why
// the ones before it were skipped, a token per audience, a minimal Log Analytics query (`print 1`)
// and a Metrics definitions call in the configured resource group. Each failed check says its cause
// in one line and the fix (for a 403, the role and the `az role assignment create` line).
#pragma once

#include "auth/credential_chain.hpp"
#include "auth/token_cache.hpp"
#include "common/query_context.hpp"

#include <tinkr/sdk/host.hpp>

#include <string>

namespace tinkr::azure {

struct DoctorInputs {
  const QueryContext& context;
  Transport& transport;
  TokenCache& tokens;
  const CredentialChain& credentials;
  std::string log_analytics_scope;
  std::string arm_scope;
};

/// {"status": "ok"|"error", "message": <the first failure, or a summary>, "checks": [{"check": name,
/// "status": "ok"|"error"|"skipped", "detail": text, "code": error code (failures only)}]}.
std::string run_doctor(const DoctorInputs& in, const sdk::CallContext& call);

}  // namespace tinkr::azure
