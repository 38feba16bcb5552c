// tinkr/engine.hpp: the one header a host includes. An Engine is one opened backend (a profile); it
// turns query text or IR into records, streamed to a sink or collected, and explains what it would
// send. Engines are safe to use from several threads at once.
#pragma once

#include <tinkr/clock.hpp>
#include <tinkr/config.hpp>
#include <tinkr/error.hpp>
#include <tinkr/ir.hpp>
#include <tinkr/planner.hpp>
#include <tinkr/query.hpp>
#include <tinkr/records.hpp>
#include <tinkr/registry.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr {

/// Cancels the queries it is given to; copies share one state. Cancel from any thread.
class CancelSource {
 public:
  CancelSource() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() const noexcept { flag_->store(true, std::memory_order_release); }
  bool cancelled() const noexcept { return flag_->load(std::memory_order_acquire); }
  /// The flag itself, shared with the call state the plugin polls.
  const std::shared_ptr<std::atomic<bool>>& shared_flag() const noexcept { return flag_; }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

struct RunOptions {
  std::chrono::milliseconds timeout{0};  // 0: the engine's default query timeout
  std::optional<CancelSource> cancel;
  bool pushdown = true;  // false: evaluate every filter in core (debugging; results must not change)
};

/// Where run() streams results. Return false from on_record to stop early (the query then ends
/// successfully with what was delivered).
class ResultSink {
 public:
  virtual ~ResultSink() = default;
  virtual bool on_record(Record&& record) = 0;
  /// The engine delivers each log record here: views into the backend's memory, valid only during the
  /// call. By default the record is copied for on_record(); a sink that writes records out as they come
  /// overrides this and saves a string per field (tinkr-server's replies, the CLI's output thread).
  virtual bool on_log_record_view(const LogRecordView& record) { return on_record(to_log_record(record)); }
  virtual bool on_table_begin(const std::string& /*name*/, const std::vector<Column>& /*columns*/) {
    return true;
  }
  virtual bool on_table_row(std::vector<std::optional<std::string>>&& /*cells*/) { return true; }
  /// The engine delivers a row here: views into the backend's memory, valid only during the call
  /// (nullopt: null). By default the row is copied for on_table_row(); a sink that keeps rows its own
  /// way overrides this and saves a string per cell (the CLI's output thread packs a batch of rows
  /// into one buffer).
  virtual bool on_table_row_view(std::span<const std::optional<std::string_view>> cells) {
    std::vector<std::optional<std::string>> row;
    row.reserve(cells.size());
    for (const auto& cell : cells) row.push_back(cell ? std::optional<std::string>(*cell) : std::nullopt);
    return on_table_row(std::move(row));
  }
  /// A partial result: the records delivered stand, and this says what is missing.
  virtual void on_warning(const std::string& /*message*/) {}
};

struct RunStats {
  int64_t received = 0;    // records the backend sent
  int64_t delivered = 0;   // records that passed the residual filter and the limit
  bool residual = false;   // a residual filter ran in core
  bool truncated = false;  // the limit cut the results
  int64_t limit = 0;       // the limit the delivered records reached (0: not reached, or none)
  // Requests made to the backend: more than one when a residual filter ran in core and the core paged
  // back through the time range (newest first) to find enough records that pass it.
  int64_t requests = 0;
  int64_t elapsed_ns = 0;
  std::vector<std::string> warnings;  // a partial result: what is missing
  std::vector<std::string> notices;   // how the query was adjusted (e.g. a coarser metric interval)
  // What the query cost, as the backend's JSON object (when asked with QuerySpec::statistics and the
  // backend reports it; docs/backends/azure.md "Statistics"); empty otherwise. Never a partial result.
  std::string statistics_json;
};

struct QueryResult {
  std::vector<Record> records;
  std::vector<Table> tables;
  RunStats stats;
};

struct Explanation {
  std::string native;          // the backend's query (KQL, SQL, URL), unsent
  std::string ir_json;         // the IR as asked
  std::string pushed_ir_json;  // the IR sent to the backend
  std::string residual_json;   // the filter evaluated in core ("" when none)
  std::vector<std::string> notes;
};

/// A backend's health as a value: the JSON object its plugin wrote (secrets redacted) and the verdict,
/// read once here for every host (the CLI's config check and the server's /readyz alike).
struct Health {
  std::string json;
  bool healthy = true;
};

/// The verdict on a health JSON: unhealthy when it says "ok": false, or a "status" of "error" or
/// "unhealthy"; healthy otherwise (also for text that is not a JSON object: the plugin did answer).
/// Example: R"({"status":"unhealthy"})" -> {that text, false}.
Health read_health(std::string json);

struct BackendInfo {
  std::string name;
  std::string version;
  std::string abi;
  std::string path;
  std::string capabilities_json;
};

struct OpenOptions {
  config::Sources sources;               // where to read configuration
  std::string profile;                   // --profile; empty: see config::select_profile
  std::vector<std::string> plugin_path;  // folders searched before the default search path
  std::chrono::milliseconds default_timeout{200'000};
};

/// What a query-language request names; hosts build it from flags or a JSON body.
struct QuerySpec {
  ir::Signal signal = ir::Signal::logs;
  std::string service;
  std::string text;      // query language (logs, trace_search), native text (native)
  std::string since;     // "1h"; empty with from/to empty: the last hour
  std::string from, to;  // RFC 3339 or relative
  int64_t limit = 0;     // 0: the signal's default (100 logs, 20 traces)
  std::string resource_type;
  std::optional<ir::Order> order;
  ir::MetricsSpec metrics;  // signal == metrics
  std::string trace_id;     // signal == trace_get
  bool no_cache = false;    // fresh data, not an answer the backend's service cached
  bool statistics = false;  // ask the backend what the query cost (RunStats::statistics_json)
};

class Engine {
 public:
  /// Opens the selected profile's backend: reads the configuration, loads the plugin, passes it
  /// its options. `notice` receives the one-line explanation of an implicit choice (e.g. the
  /// embedded local default).
  static Expected<std::unique_ptr<Engine>> open(const OpenOptions& options = {},
                                                std::string* notice = nullptr);

  /// Opens a backend directly from a loaded plugin and its options JSON (embedding, tests).
  static Expected<std::unique_ptr<Engine>> open_plugin(const LoadedPlugin& plugin,
                                                       const std::string& options_json,
                                                       std::string profile_name = "");
  ~Engine();

  const BackendInfo& backend() const;
  const planner::Capabilities& capabilities() const;
  const std::string& profile_name() const;

  /// Builds the IR for a query-language request (parses text, resolves times against now).
  Expected<ir::Query> build(const QuerySpec& spec) const;

  /// Runs an IR query, streaming records to sink.
  Expected<RunStats> run(const ir::Query& query, ResultSink& sink, const RunOptions& options = {});

  /// Runs an IR query and keeps every record.
  Expected<QueryResult> collect(const ir::Query& query, const RunOptions& options = {});

  /// What run() would send, unsent, and how the filter was split.
  Expected<Explanation> explain(const ir::Query& query, const RunOptions& options = {});

  /// The backend's health (credentials, reachability) as its JSON object.
  Expected<Health> check_health();

  /// Stores telemetry in the backend (local backend: OTLP/JSON lines); returns its JSON summary.
  Expected<std::string> ingest(std::string_view format, std::string_view source, std::string_view data);

  /// As above, but the backend reads `input` piece by piece while it stores it (ABI 1.1), so memory
  /// stays bounded whatever the size; all or nothing still. A 1.0 plugin gets the whole input at once.
  /// A read error is invalid_data naming `source`; `cancel` stops a long ingest (nothing is kept).
  Expected<std::string> ingest(std::string_view format, std::string_view source, std::istream& input,
                               const CancelSource* cancel = nullptr);

  /// The text of a secret the backend's cloud keeps, read with the backend's own credentials (ABI 1.2):
  /// for the azure backend "keyvault:https://NAME.vault.azure.net/secrets/SECRET". unsupported when the
  /// backend reads no secrets (or a plugin older than 1.2); the value never reaches a log or an error.
  Expected<std::string> read_secret(std::string_view uri,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(30));

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tinkr
