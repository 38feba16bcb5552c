// Where the CLI's queries go: a backend loaded in this process (the engine) or a tinkr-server
// (--server URL). Both stream results to the same sink, so every command prints the same way.
#pragma once

#include "common/http_client.hpp"
#include "common/result_json.hpp"

#include <tinkr/engine.hpp>

#include <memory>
#include <string>

namespace tinkr::cli {

class QueryClient {
 public:
  virtual ~QueryClient() = default;
  /// Streams the results into sink. With `record_lines`, a remote client hands each record to it as
  /// the server's JSON object instead (checked, not rebuilt); a local one has records, not lines.
  virtual Expected<RunStats> run(const QuerySpec& spec, ResultSink& sink, const RunOptions& options,
                                 host::RecordLineSink* record_lines = nullptr) = 0;
  virtual Expected<Explanation> explain(const QuerySpec& spec) = 0;
};

/// Queries an engine this process opened.
class LocalClient final : public QueryClient {
 public:
  explicit LocalClient(Engine& engine) : engine_(engine) {}
  Expected<RunStats> run(const QuerySpec& spec, ResultSink& sink, const RunOptions& options,
                         host::RecordLineSink* record_lines = nullptr) override;
  Expected<Explanation> explain(const QuerySpec& spec) override;

 private:
  Engine& engine_;
};

/// Queries a tinkr-server: each signal's route, NDJSON streamed back into the sink. The token is
/// sent as a bearer token and never printed.
class RemoteClient final : public QueryClient {
 public:
  RemoteClient(host::HttpEndpoint endpoint, std::string token)
      : endpoint_(std::move(endpoint)), token_(std::move(token)) {}
  Expected<RunStats> run(const QuerySpec& spec, ResultSink& sink, const RunOptions& options,
                         host::RecordLineSink* record_lines = nullptr) override;
  Expected<Explanation> explain(const QuerySpec& spec) override;

  /// GET a JSON document (e.g. /api/v1/backends); errors come from the reply's error object.
  Expected<std::string> get(const std::string& target);
  /// POST a JSON body (e.g. /api/v1/incident) and return the JSON answer, errors as for get.
  Expected<std::string> post(const std::string& target, std::string body);

 private:
  Expected<std::string> fetch(host::HttpCall call);
  host::HttpCall call_for(const QuerySpec& spec, bool explain) const;

  host::HttpEndpoint endpoint_;
  std::string token_;
};

/// Percent-encodes a value for a URL path segment (unreserved characters stay).
std::string encode_path_segment(std::string_view text);

}  // namespace tinkr::cli
