// Reading and refreshing the API keys of [auth] api_keys_from (see api_key_refresher.hpp).
#include "api_key_refresher.hpp"

#include "common/json_writing.hpp"

namespace tinkr::server {
namespace {

int64_t unix_seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ApiKeyRefresher::ApiKeyRefresher(Authenticator& auth, std::vector<config::ApiKey> static_keys,
                                 std::string uri, std::chrono::seconds interval, ReadSecret read,
                                 std::ostream& warnings)
    : auth_(auth),
      static_keys_(std::move(static_keys)),
      uri_(std::move(uri)),
      interval_(interval),
      read_(std::move(read)),
      warnings_(warnings) {}

ApiKeyRefresher::~ApiKeyRefresher() {
  stop();
}

Expected<bool> ApiKeyRefresher::read_once() {
  const std::string subject = "api_keys_from '" + uri_ + "'";
  auto text = read_(uri_);
  if (!text) return Unexpected(text.error().with_context(subject));
  auto keys = config::parse_api_keys(*text, uri_);
  if (!keys) return Unexpected(keys.error().with_context(subject));
  std::vector<config::ApiKey> all = static_keys_;
  all.insert(all.end(), keys->begin(), keys->end());
  auth_.replace(all);
  std::lock_guard lock(mutex_);
  key_count_ = keys->size();
  ++refreshes_;
  last_success_unix_ = unix_seconds_now();
  last_error_.clear();
  return true;
}

Expected<bool> ApiKeyRefresher::load() {
  return read_once();
}

void ApiKeyRefresher::start() {
  thread_ = std::thread([this] { run(); });
}

void ApiKeyRefresher::refresh_now() {
  {
    std::lock_guard lock(mutex_);
    refresh_requested_ = true;
  }
  wake_.notify_all();
}

void ApiKeyRefresher::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ApiKeyRefresher::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, interval_, [this] { return stopping_ || refresh_requested_; });
      if (stopping_) return;
      refresh_requested_ = false;
    }
    auto refreshed = read_once();
    if (refreshed) continue;
    std::lock_guard lock(mutex_);
    ++failures_;
    last_error_ = refreshed.error().to_string();
    warnings_ << "tinkr-server: warning: " << last_error_ << "; the last good keys (" << key_count_
              << " from the secret) stay in use\n"
              << std::flush;
  }
}

std::string ApiKeyRefresher::status_json() const {
  std::lock_guard lock(mutex_);
  return host::to_json_text([&](host::JsonWriter& w) {
    w.StartObject();
    host::write_string_member(w, "source", uri_);
    host::write_string_member(w, "status", last_error_.empty() ? "ok" : "stale");
    host::write_int_member(w, "keys", static_cast<int64_t>(key_count_));
    host::write_int_member(w, "refreshes", refreshes_);
    host::write_int_member(w, "failures", failures_);
    host::write_int_member(w, "refresh_seconds", interval_.count());
    host::write_int_member(w, "last_success_unix", last_success_unix_);
    if (!last_error_.empty()) host::write_string_member(w, "last_error", last_error_);
    w.EndObject();
  });
}

}  // namespace tinkr::server
