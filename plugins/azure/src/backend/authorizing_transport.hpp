// The Transport of the query path: adds the bearer token of the plan's audience, but only after
// checking that the URL's origin is that audience's configured endpoint (the allow-list), so that a
// token never travels to another host - not even through a nextLink an upstream answer supplies.
#pragma once

#include "auth/token_cache.hpp"
#include "common/options.hpp"
#include "common/query_context.hpp"

#include <tinkr/sdk/host.hpp>

namespace tinkr::azure {

class AuthorizingTransport final : public Transport {
 public:
  /// options and tokens must outlive the transport.
  AuthorizingTransport(sdk::Host host, const AzureOptions& options, TokenCache& tokens)
      : host_(host), options_(options), tokens_(tokens) {}

  /// Throws sdk::Error(TINKR_FORBIDDEN) naming the origin when the URL is not the audience's
  /// endpoint, before any token is fetched. The request's timeout is the server timeout plus the
  /// client margin (the call's deadline still bounds it). An HTTP 401 answer makes the next request
  /// fetch a new token (the old one was revoked or expired early).
  std::unique_ptr<Answer> open(const RequestPlan& plan, const sdk::CallContext& call) override;

  /// The scope whose tokens a plan of that audience carries.
  std::string scope_of(Audience audience) const;

 private:
  sdk::Host host_;
  const AzureOptions& options_;
  TokenCache& tokens_;
};

}  // namespace tinkr::azure
