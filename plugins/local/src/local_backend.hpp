// local_backend.hpp: the local embedded backend. Telemetry lives in one SQLite file (WAL mode);
// queries are lowered to SQL with bound parameters and run on pooled read-only connections, so any
// number of execute calls may run at once while one ingest writes.
#pragma once

#include "connection_pool.hpp"
#include "options.hpp"
#include "sqlite.hpp"

#include <tinkr/sdk/backend.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace tinkr::local {

class LocalBackend : public sdk::Backend {
 public:
  static constexpr const char* kName = "local";
  static constexpr const char* kVersion = "0.1.0";
  static std::string describe();

  /// Opens (creating file and schema unless read-only) the database named by the options JSON.
  /// Throws sdk::Error(TINKR_CONFIG) for bad options or a file that cannot be used.
  LocalBackend(const sdk::Host& host, std::string_view config_json);
  explicit LocalBackend(Options options);

  void execute(const ir::Query& query, sdk::Sink& sink, const sdk::CallContext& call) override;
  std::string explain(const ir::Query& query) override;
  std::string check_health(const sdk::CallContext& call) override;
  /// format "otlp-json" only; one transaction per call.
  std::string ingest(std::string_view format, std::string_view source, std::string_view data) override;
  std::string ingest_stream(std::string_view format, std::string_view source, const sdk::Reader& data,
                            const sdk::CallContext& call) override;

  const Options& options() const noexcept { return options_; }

 private:
  /// Throws unless this instance can store data of `format`.
  void check_ingest(std::string_view format, std::string_view source) const;

  Options options_;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;  // null when read-only
  ConnectionPool readers_;
};

}  // namespace tinkr::local
