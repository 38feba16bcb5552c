// The store's schema across versions: an older file is brought up to date at its first writable
// opening and keeps its data; readers map the file instead of copying its pages.
#include "test_support.hpp"

#include "schema.hpp"
#include "sqlite.hpp"

namespace tinkr::local::testing {
namespace {

std::vector<std::string> index_names(Connection& connection) {
  std::vector<std::string> names;
  Statement stmt(connection,
                 "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'spans' ORDER BY name");
  while (stmt.step()) names.emplace_back(stmt.column_text(0));
  return names;
}

int64_t pragma(Connection& connection, const char* name) {
  Statement stmt(connection, std::string("PRAGMA ") + name);
  return stmt.step() ? stmt.column_int(0) : -1;
}

TEST_F(LocalTest, AVersion3FileGetsTheCoveringTraceIndexAndKeepsItsSpans) {
  ingest(
      R"({"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop"}}]},)"
      R"("scopeSpans":[{"spans":[{"traceId":"11111111111111111111111111111111","spanId":"1111111111111111",)"
      R"("name":"GET /","startTimeUnixNano":"100","endTimeUnixNano":"200","status":{"code":2}}]}]}]})"
      "\n");
  backend_.reset();
  const std::string path = (dir_ / "local.db").string();
  {
    // The file as version 3 wrote it: spans_trace on (trace_id, span_id) only.
    Connection old(path, Connection::Mode::read_write);
    old.exec(
        "DROP INDEX spans_trace_span_status; CREATE INDEX spans_trace ON spans (trace_id, span_id); "
        "PRAGMA user_version = 3;");
  }
  Options options;
  options.path = path;
  backend_ = std::make_unique<LocalBackend>(options);
  Connection upgraded(path, Connection::Mode::read_only);
  EXPECT_EQ(pragma(upgraded, "user_version"), kSchemaVersion);
  const auto names = index_names(upgraded);
  EXPECT_EQ(std::count(names.begin(), names.end(), "spans_trace"), 0);
  EXPECT_EQ(std::count(names.begin(), names.end(), "spans_trace_span_status"), 1);

  ir::Query search;
  search.signal = ir::Signal::trace_search;
  search.service = "shop";
  auto out = run(search);
  ASSERT_EQ(out.summaries.size(), 1u);
  EXPECT_EQ(out.summaries[0].error_count, 1);
}

// Queries run on read-only connections that map the file: with pread, each of `tinkr incident`'s
// concurrent queries copied the same pages into its own cache (a third of its system time).
TEST_F(LocalTest, ReadersMapTheFile) {
  Connection reader((dir_ / "local.db").string(), Connection::Mode::read_only);
  EXPECT_GT(pragma(reader, "mmap_size"), 0);
}

}  // namespace
}  // namespace tinkr::local::testing
