// API keys kept in the backend's cloud ([auth] api_keys_from, e.g. a Key Vault secret): read through
// the engine when the server starts (a failure refuses the start), then again every
// api_keys_refresh_seconds on a thread of its own, or at once on refresh_now() (SIGHUP). A failed
// refresh keeps the last good keys, logs a warning and shows in /readyz; neither the secret's text
// nor a token is ever logged.
#pragma once

#include "auth.hpp"

#include <tinkr/error.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

namespace tinkr::server {

class ApiKeyRefresher {
 public:
  /// Reads the secret's text (Engine::read_secret in the server).
  using ReadSecret = std::function<Expected<std::string>(const std::string& uri)>;

  /// static_keys: the config's own [auth] api_keys, always kept beside the secret's. warnings: where
  /// a failed refresh is reported (stderr in the server).
  ApiKeyRefresher(Authenticator& auth, std::vector<config::ApiKey> static_keys, std::string uri,
                  std::chrono::seconds interval, ReadSecret read, std::ostream& warnings);
  ~ApiKeyRefresher();
  ApiKeyRefresher(const ApiKeyRefresher&) = delete;
  ApiKeyRefresher& operator=(const ApiKeyRefresher&) = delete;

  /// The first read, before the server listens: the error says which URI and why.
  Expected<bool> load();
  /// Starts the refresh thread.
  void start();
  /// Wakes the thread for a refresh now (thread-safe; SIGHUP).
  void refresh_now();
  /// Ends the thread (also done by the destructor).
  void stop();

  /// {"source": URI, "status": "ok" | "stale", "keys": N, "refreshes": N, "failures": N,
  ///  "last_success_unix": S, "last_error": "..."} for /readyz (a viewer's key only).
  std::string status_json() const;

 private:
  Expected<bool> read_once();
  void run();

  Authenticator& auth_;
  const std::vector<config::ApiKey> static_keys_;
  const std::string uri_;
  const std::chrono::seconds interval_;
  ReadSecret read_;
  std::ostream& warnings_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool refresh_requested_ = false;
  std::size_t key_count_ = 0;
  int64_t refreshes_ = 0;  // successful reads, the first included
  int64_t failures_ = 0;
  int64_t last_success_unix_ = 0;
  std::string last_error_;  // empty while the last read succeeded
  std::thread thread_;
};

}  // namespace tinkr::server
