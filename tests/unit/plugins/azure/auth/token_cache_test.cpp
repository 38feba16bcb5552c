// The token cache: per scope, refreshed five minutes before expiry on a controlled clock, the old
// token kept when a refresh fails early, and one refresh for any number of waiting threads.
#include "auth/token_cache.hpp"
#include "fake_host.hpp"

#include <tinkr/sdk/error.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace tinkr::azure {
namespace {

using testing::FakeHost;
constexpr int64_t kMinute = 60 * kNanosPerSecond;

struct CountingFetch {
  FakeHost& fake;
  std::atomic<int> calls{0};
  int64_t lifetime = 60 * kMinute;
  bool fail = false;

  TokenCache::Fetch fetch() {
    return [this](const std::string& scope, const sdk::CallContext&) {
      int n = ++calls;
      if (fail) throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, "entra id is down", true);
      return AccessToken{scope + "#" + std::to_string(n), fake.now_ns.load() + lifetime};
    };
  }
};

TEST(TokenCache, ReusesATokenUntilFiveMinutesBeforeItExpires) {
  FakeHost fake;
  CountingFetch counting{fake};
  TokenCache cache(counting.fetch(), [&] { return fake.now_ns.load(); });
  EXPECT_EQ(cache.get("a", fake.call()).token, "a#1");
  fake.now_ns += 54 * kMinute;
  EXPECT_EQ(cache.get("a", fake.call()).token, "a#1") << "6 minutes left: still fresh";
  fake.now_ns += kMinute + 1;
  EXPECT_EQ(cache.get("a", fake.call()).token, "a#2") << "under 5 minutes left: refreshed";
  EXPECT_EQ(counting.calls.load(), 2);
}

TEST(TokenCache, KeepsOneTokenPerScope) {
  FakeHost fake;
  CountingFetch counting{fake};
  TokenCache cache(counting.fetch(), [&] { return fake.now_ns.load(); });
  EXPECT_EQ(cache.get("https://api.loganalytics.io/.default", fake.call()).token,
            "https://api.loganalytics.io/.default#1");
  EXPECT_EQ(cache.get("https://management.azure.com/.default", fake.call()).token,
            "https://management.azure.com/.default#2");
  EXPECT_EQ(cache.get("https://api.loganalytics.io/.default", fake.call()).token,
            "https://api.loganalytics.io/.default#1");
  EXPECT_EQ(counting.calls.load(), 2);
}

TEST(TokenCache, AFailedEarlyRefreshFallsBackToTheUnexpiredToken) {
  FakeHost fake;
  CountingFetch counting{fake};
  TokenCache cache(counting.fetch(), [&] { return fake.now_ns.load(); });
  cache.get("a", fake.call());
  counting.fail = true;
  fake.now_ns += 58 * kMinute;
  EXPECT_EQ(cache.get("a", fake.call()).token, "a#1") << "2 minutes left: the old token still works";
  fake.now_ns += 3 * kMinute;
  EXPECT_THROW(cache.get("a", fake.call()), sdk::Error) << "expired: the refresh's error";
}

TEST(TokenCache, InvalidateForcesTheNextGetToFetch) {
  FakeHost fake;
  CountingFetch counting{fake};
  TokenCache cache(counting.fetch(), [&] { return fake.now_ns.load(); });
  cache.get("a", fake.call());
  cache.invalidate("a");
  EXPECT_EQ(cache.get("a", fake.call()).token, "a#2");
}

TEST(TokenCache, SixteenConcurrentQueriesShareOneRefresh) {
  constexpr int kThreads = 16;
  FakeHost fake;
  std::atomic<int> fetches{0};
  std::mutex mutex;
  std::condition_variable cv;
  bool release = false;
  TokenCache cache(
      [&](const std::string&, const sdk::CallContext&) {
        ++fetches;
        // Hold the refresh until every other thread is provably waiting on it (they poll for
        // cancellation while they wait), so that the threads truly overlap.
        fake.wait_for_polling_threads(kThreads - 1);
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return release; });
        return AccessToken{"shared-token", fake.now_ns.load() + 60 * kMinute};
      },
      [&] { return fake.now_ns.load(); });
  std::vector<std::string> got(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back(
        [&, i] { got[static_cast<std::size_t>(i)] = cache.get("scope", fake.call()).token; });
  fake.wait_for_polling_threads(kThreads - 1);
  {
    std::lock_guard guard(mutex);
    release = true;
  }
  cv.notify_all();
  for (auto& t : threads) t.join();
  EXPECT_EQ(fetches.load(), 1) << "exactly one token request for 16 waiting queries";
  for (const auto& token : got) EXPECT_EQ(token, "shared-token");
}

TEST(TokenCache, AWaiterWhoseQueryIsCancelledLeavesWithoutTheRefresh) {
  FakeHost fake;
  std::mutex mutex;
  std::condition_variable cv;
  bool entered = false;
  bool release = false;
  TokenCache cache(
      [&](const std::string&, const sdk::CallContext&) {
        std::unique_lock lock(mutex);
        entered = true;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
        return AccessToken{"t", fake.now_ns.load() + 60 * kMinute};
      },
      [&] { return fake.now_ns.load(); });
  FakeHost other;  // the refreshing query's host, never cancelled
  std::thread refresher([&] { EXPECT_EQ(cache.get("scope", other.call()).token, "t"); });
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return entered; });
  }
  fake.cancelled = true;
  try {
    cache.get("scope", fake.call());
    ADD_FAILURE() << "a cancelled waiter got a token";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_CANCELLED);
  }
  {
    std::lock_guard guard(mutex);
    release = true;
  }
  cv.notify_all();
  refresher.join();
}

}  // namespace
}  // namespace tinkr::azure
