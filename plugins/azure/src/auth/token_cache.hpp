// One access token per scope, refreshed kRefreshMargin before it expires, with one refresh in flight
// however many threads ask at once (the others wait for its result instead of asking Entra ID too).
#pragma once

#include "auth/access_token.hpp"

#include <tinkr/sdk/host.hpp>

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace tinkr::azure {

class TokenCache {
 public:
  /// Gets a fresh token for a scope (the credential chain); may throw sdk::Error.
  using Fetch = std::function<AccessToken(const std::string& scope, const sdk::CallContext& call)>;
  /// Unix nanoseconds now (the host's clock, which tests control).
  using Clock = std::function<int64_t()>;

  /// Azure SDKs refresh five minutes ahead, which leaves room for clock skew and a slow refresh.
  static constexpr int64_t kRefreshMargin = 300 * kNanosPerSecond;

  TokenCache(Fetch fetch, Clock clock) : fetch_(std::move(fetch)), clock_(std::move(clock)) {}

  /// The cached token when it is further than kRefreshMargin from expiry; otherwise a new one from
  /// fetch, which only the first asking thread runs while the others wait for it (checking their own
  /// call for cancellation). When a refresh fails but the old token has not expired yet, the old one
  /// is returned; otherwise the refresh's error is thrown to every waiter.
  AccessToken get(const std::string& scope, const sdk::CallContext& call);

  /// Forgets a scope's token (after the service rejected it), unless a refresh is already running.
  void invalidate(const std::string& scope);

 private:
  struct Entry {
    std::optional<AccessToken> token;
    std::optional<std::shared_future<AccessToken>> refresh;  // set while a fetch is in flight
  };

  AccessToken refresh(Entry& entry, const std::string& scope, const sdk::CallContext& call,
                      std::unique_lock<std::mutex>& lock);
  AccessToken wait_for(std::shared_future<AccessToken> refresh, Entry& entry, const sdk::CallContext& call);
  std::optional<AccessToken> unexpired(const Entry& entry) const;

  Fetch fetch_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;  // std::map: entries stay put while a lock is released
};

}  // namespace tinkr::azure
