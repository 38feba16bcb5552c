// The fake Azure's shared state: programming, records and counters, guarded by one mutex. The server
// thread and the test threads both use it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>

#include "fake_azure.hpp"

namespace tinkr::fake_azure {

struct FakeAzure::State {
  Options options;
  std::string ca_file;
  std::string https_base;  // "https://127.0.0.1:<port>"
  std::atomic<TlsMode> tls_mode{TlsMode::trusted};
  std::atomic<uint64_t> tls_handshakes{0};
  std::atomic<uint64_t> connections{0};  // also the last connection's id
  std::atomic<uint64_t> tokens_issued{0};
  std::atomic<uint64_t> gzip_answers{0};

  mutable std::mutex mutex;
  mutable std::condition_variable held_changed;
  std::vector<RecordedRequest> requests;
  std::map<std::string, uint64_t> token_requests;  // by audience
  std::map<Route, std::deque<FakeResponse>> queued;
  std::vector<std::function<std::optional<FakeResponse>(const RecordedRequest&)>> request_handlers;
  std::vector<std::function<std::optional<FakeResponse>(std::string_view)>> query_handlers;
  std::map<std::string, std::pair<std::string, uint64_t>> secrets;  // Key Vault: name -> value, version
  std::map<uint64_t, std::function<void()>> held;  // by connection id: sends the held response

  /// The answer to request (recorded by the caller). Runs programmed handlers without the lock.
  FakeResponse answer(const RecordedRequest& request);
  /// A vector file's text, read once (relative to options.vectors_dir/azure).
  std::string vector(std::string_view relative_path);

 private:
  std::map<std::string, std::string, std::less<>> vector_cache_;
  std::mutex vector_mutex_;
};

/// The text of <vectors_dir>/azure/<relative_path> (TINKR_VECTORS_DIR when vectors_dir is empty).
std::string read_vector_file(const std::string& vectors_dir, std::string_view relative_path);
/// Key Vault's GetSecret (key_vault.cpp): bearer for https://vault.azure.net, api-version, the secret.
FakeResponse key_vault_answer(FakeAzure::State& state, const RecordedRequest& request);

/// The workspace's metadata, built from shared/vectors/azure/tables/ (metadata.cpp).
FakeResponse log_analytics_metadata(FakeAzure::State& state);
/// The route a request is for.
Route classify(std::string_view method, std::string_view path);
/// Percent-decodes text ('+' as space when form is true).
std::string percent_decode(std::string_view text, bool form);
/// The value of name in an a=b&c=d list, decoded.
std::optional<std::string> find_parameter(std::string_view list, std::string_view name, bool form);

}  // namespace tinkr::fake_azure
