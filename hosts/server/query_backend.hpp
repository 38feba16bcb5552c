// What the server asks of a backend: the engine's query calls behind a small interface, so the
// route layer's unit tests and the server's tests can stand a fake in for a loaded plugin.
#pragma once

#include <tinkr/engine.hpp>

#include <string>

namespace tinkr::server {

class QueryBackend {
 public:
  virtual ~QueryBackend() = default;
  /// Builds the IR (parsing, time resolution); no plugin call, so it may run on an I/O thread.
  virtual Expected<ir::Query> build(const QuerySpec& spec) const = 0;
  // The calls below reach the plugin: the server makes them on its worker pool only.
  virtual Expected<RunStats> run(const ir::Query& query, ResultSink& sink, const RunOptions& options) = 0;
  virtual Expected<QueryResult> collect(const ir::Query& query, const RunOptions& options) = 0;
  virtual Expected<Explanation> explain(const ir::Query& query) = 0;
  virtual Expected<Health> check_health() = 0;
  virtual const BackendInfo& info() const = 0;
};

/// The real thing: an opened Engine.
class EngineBackend final : public QueryBackend {
 public:
  explicit EngineBackend(Engine& engine) : engine_(engine) {}
  Expected<ir::Query> build(const QuerySpec& spec) const override { return engine_.build(spec); }
  Expected<RunStats> run(const ir::Query& query, ResultSink& sink, const RunOptions& options) override {
    return engine_.run(query, sink, options);
  }
  Expected<QueryResult> collect(const ir::Query& query, const RunOptions& options) override {
    return engine_.collect(query, options);
  }
  Expected<Explanation> explain(const ir::Query& query) override { return engine_.explain(query); }
  Expected<Health> check_health() override { return engine_.check_health(); }
  const BackendInfo& info() const override { return engine_.backend(); }

 private:
  Engine& engine_;
};

}  // namespace tinkr::server
