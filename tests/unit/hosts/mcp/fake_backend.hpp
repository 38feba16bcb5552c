// A backend for the MCP unit tests: build() copies the request into a query with a fixed window,
// collect() answers from records the test sets, and both remember what they were asked.
#pragma once

#include "mcp/backend.hpp"

#include <vector>

namespace tinkr::mcp::testing {

class FakeBackend final : public Backend {
 public:
  FakeBackend() {
    info_.name = "fake";
    info_.version = "9.9.9";
    info_.capabilities_json =
        R"({"signals":["logs","metrics","trace_search","trace_get","native"],"native_language":"sql",)"
        R"("pushdown":{"fields":["service"],"operators":["eq"],"exact_operators":["eq"]}})";
  }
  Expected<ir::Query> build(const QuerySpec& spec) const override {
    if (spec.text == "level>=") return fail(Error::Code::invalid_query, "level>=: expected a value");
    ir::Query q;
    q.signal = spec.signal;
    q.service = spec.service;
    q.limit = spec.limit;
    q.trace_id = spec.trace_id;
    q.native_text = spec.text;
    q.time = {1'000'000'000, 2'000'000'000};
    return q;
  }
  Expected<QueryResult> collect(const ir::Query& query, const RunOptions&) override {
    asked.push_back(query);
    QueryResult result;
    for (const auto& r : records) {
      if (query.limit > 0 && static_cast<int64_t>(result.records.size()) >= query.limit) {
        result.stats.truncated = true;
        break;
      }
      result.records.push_back(r);
    }
    result.tables = tables;
    result.stats.delivered = static_cast<int64_t>(result.records.size());
    return result;
  }
  Expected<Explanation> explain(const ir::Query&) override {
    return Explanation{"SELECT 1", R"({"ir":1})", R"({"ir":1})", "", {}};
  }
  const BackendInfo& info() const override { return info_; }
  const std::string& profile() const override { return profile_; }

  std::vector<Record> records;
  std::vector<Table> tables;
  std::vector<ir::Query> asked;

 private:
  BackendInfo info_;
  std::string profile_ = "test";
};

}  // namespace tinkr::mcp::testing
