// Per-scope single-flight token cache (see token_cache.hpp).
#include "auth/token_cache.hpp"

#include <tinkr/sdk/error.hpp>

#include <chrono>

namespace tinkr::azure {

std::optional<AccessToken> TokenCache::unexpired(const Entry& entry) const {
  if (entry.token && clock_() < entry.token->expires_on_ns) return entry.token;
  return std::nullopt;
}

AccessToken TokenCache::get(const std::string& scope, const sdk::CallContext& call) {
  while (true) {
    std::unique_lock lock(mutex_);
    Entry& entry = entries_[scope];
    if (entry.token && clock_() < entry.token->expires_on_ns - kRefreshMargin) return *entry.token;
    if (!entry.refresh) return refresh(entry, scope, call, lock);
    auto running = *entry.refresh;
    lock.unlock();
    try {
      return wait_for(std::move(running), entry, call);
    } catch (const sdk::Error& e) {
      if (e.status() != TINKR_CANCELLED || call.cancelled()) throw;
      // The query that ran the refresh was cancelled, not this one: go round and refresh again.
    }
  }
}

AccessToken TokenCache::refresh(Entry& entry, const std::string& scope, const sdk::CallContext& call,
                                std::unique_lock<std::mutex>& lock) {
  std::promise<AccessToken> promise;
  entry.refresh = promise.get_future().share();
  lock.unlock();
  try {
    AccessToken token = fetch_(scope, call);
    lock.lock();
    entry.token = token;
    entry.refresh.reset();
    lock.unlock();
    promise.set_value(token);
    return token;
  } catch (...) {
    lock.lock();
    entry.refresh.reset();
    auto still_valid = unexpired(entry);
    lock.unlock();
    promise.set_exception(std::current_exception());
    if (still_valid) return *still_valid;
    throw;
  }
}

AccessToken TokenCache::wait_for(std::shared_future<AccessToken> refresh, Entry& entry,
                                 const sdk::CallContext& call) {
  // Waiting in slices lets a waiter whose own query was cancelled leave without the refresh.
  while (refresh.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready)
    call.throw_if_cancelled();
  try {
    return refresh.get();
  } catch (...) {
    std::lock_guard guard(mutex_);
    if (auto still_valid = unexpired(entry)) return *still_valid;
    throw;
  }
}

void TokenCache::invalidate(const std::string& scope) {
  std::lock_guard guard(mutex_);
  auto it = entries_.find(scope);
  if (it != entries_.end() && !it->second.refresh) it->second.token.reset();
}

}  // namespace tinkr::azure
