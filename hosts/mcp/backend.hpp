// What the MCP tools ask of a backend: the engine's query calls behind a small interface, so that the
// CLI can hand over its Engine and the server its own QueryBackend (which tests replace with fakes).
#pragma once

#include <tinkr/engine.hpp>

#include <string>

namespace tinkr::mcp {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual Expected<ir::Query> build(const QuerySpec& spec) const = 0;
  virtual Expected<QueryResult> collect(const ir::Query& query, const RunOptions& options) = 0;
  virtual Expected<Explanation> explain(const ir::Query& query) = 0;
  virtual const BackendInfo& info() const = 0;
  virtual const std::string& profile() const = 0;
};

/// An opened Engine (the CLI's `tinkr mcp`).
class EngineBackend final : public Backend {
 public:
  explicit EngineBackend(Engine& engine) : engine_(engine) {}
  Expected<ir::Query> build(const QuerySpec& spec) const override { return engine_.build(spec); }
  Expected<QueryResult> collect(const ir::Query& query, const RunOptions& options) override {
    return engine_.collect(query, options);
  }
  Expected<Explanation> explain(const ir::Query& query) override { return engine_.explain(query); }
  const BackendInfo& info() const override { return engine_.backend(); }
  const std::string& profile() const override { return engine_.profile_name(); }

 private:
  Engine& engine_;
};

}  // namespace tinkr::mcp
