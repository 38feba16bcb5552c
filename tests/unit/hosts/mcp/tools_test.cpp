// The tools against a fake backend: the size cap with 10,000 matching records, the cursor that
// continues where the cut was, roles, and the errors a model can fix.
#include "fake_backend.hpp"

#include "mcp/server.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace tinkr::mcp {
namespace {

using testing::FakeBackend;

class Tools : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 10'000; ++i) {
      LogRecord log;
      log.time_ns = 2'000'000'000 - i;
      log.severity_number = 17;
      log.severity_text = "Error";
      log.service = "payments-api";
      log.body = "payment " + std::to_string(i) + " failed: \"card declined\"";
      log.attributes_json = R"({"order":)" + std::to_string(i) + "}";
      backend_.records.push_back(log);
    }
  }

  // The reply to a tools/call, and its size.
  rapidjson::Document call(Server& server, const std::string& tool, const std::string& arguments,
                           std::size_t* bytes = nullptr, const CallContext& ctx = {}) {
    const std::string reply =
        server
            .handle(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":")" + tool +
                        R"(","arguments":)" + arguments + "}}",
                    ctx)
            .body;
    if (bytes) *bytes = reply.size();
    rapidjson::Document d;
    d.Parse(reply.c_str());
    EXPECT_TRUE(d.HasMember("result")) << reply.substr(0, 300);
    return d;
  }

  FakeBackend backend_;
};

TEST_F(Tools, TenThousandMatchingLogsStayUnderTheCapAndSayTheyWereCut) {
  Server server(backend_, {});
  std::size_t bytes = 0;
  auto d = call(server, "search_logs", R"({"limit":10000})", &bytes);
  const auto& page = d["result"]["structuredContent"];
  EXPECT_LE(bytes, 64u * 1024);
  EXPECT_GT(bytes, 48u * 1024) << "the cap is used, not wasted";
  EXPECT_EQ(page["matched"].GetInt64(), 10'000);
  EXPECT_TRUE(page["truncated"].GetBool());
  EXPECT_STREQ(page["truncated_by"].GetString(), "size_cap");
  const int64_t returned = page["returned"].GetInt64();
  EXPECT_EQ(static_cast<int64_t>(page["records"].Size()), returned);
  EXPECT_GT(returned, 50);
  EXPECT_TRUE(page["records"][0]["severity_number"].IsInt()) << "numbers stay numbers";
  EXPECT_TRUE(page["records"][0]["attributes"]["order"].IsInt());
  ASSERT_TRUE(page["next_cursor"].IsString());
  EXPECT_NE(std::string(page["hint"].GetString()).find("cursor"), std::string::npos);
  // The text mirror is the same object.
  rapidjson::Document mirror;
  mirror.Parse(d["result"]["content"][0]["text"].GetString());
  EXPECT_TRUE(mirror == page);

  auto next = call(server, "search_logs",
                   std::string(R"({"limit":10000,"cursor":")") + page["next_cursor"].GetString() + "\"}");
  const auto& second = next["result"]["structuredContent"];
  EXPECT_EQ(second["offset"].GetInt64(), returned);
  EXPECT_EQ(second["records"][0]["attributes"]["order"].GetInt64(), returned)
      << "the page starts after the last one";
  EXPECT_EQ(backend_.asked.back().time, backend_.asked.front().time);
}

TEST_F(Tools, TheCapIsConfigurable) {
  ServerOptions options;
  options.limits.max_result_bytes = 8 * 1024;
  Server server(backend_, options);
  std::size_t bytes = 0;
  auto d = call(server, "search_logs", R"({"limit":500})", &bytes);
  EXPECT_LE(bytes, 8u * 1024);
  EXPECT_TRUE(d["result"]["structuredContent"]["truncated"].GetBool());
}

TEST_F(Tools, TheBackendsLimitIsReportedAsALowerBound) {
  Server server(backend_, {});
  auto d = call(server, "search_logs", R"({"limit":5})");
  const auto& page = d["result"]["structuredContent"];
  EXPECT_EQ(page["returned"].GetInt64(), 5);
  EXPECT_TRUE(page["matched_is_lower_bound"].GetBool());
  EXPECT_STREQ(page["truncated_by"].GetString(), "limit");
}

TEST_F(Tools, ErrorsAModelCanFixAreToolErrorsWithHints) {
  Server server(backend_, {});
  for (
      const auto& [tool, arguments, words] : std::vector<std::tuple<std::string, std::string, std::string>>{
          {"search_logs", R"({"query":"level>="})", "invalid_query"},
          {"search_logs", R"({"limit":0})", "argument 'limit'"},
          {"search_logs", R"({"servcie":"x"})", "unknown argument 'servcie'"},
          {"search_logs", R"({"cursor":"v1:search_traces:1:1:2"})", "cursor"},
          {"get_span_details",
           R"({"trace_id":"t","span_ids":["1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16","17","18","19","20","21"]})",
           "at most 20"},
          {"query_metrics", R"({"names":["x"],"aggregations":["median"]})", "unknown aggregation"},
          {"query_metrics", R"({"names":["x"],"aggregations":["p100"]})", "percentile 'p100' is not valid"},
          {"run_native_query", R"({"query":"DROP TABLE logs"})", "SELECT or WITH"}}) {
    auto d = call(server, tool, arguments);
    EXPECT_TRUE(d["result"]["isError"].GetBool()) << tool << arguments;
    const std::string text = d["result"]["content"][0]["text"].GetString();
    EXPECT_NE(text.find(words), std::string::npos) << text;
    EXPECT_NE(text.find("hint: "), std::string::npos) << text;
    EXPECT_FALSE(d["result"].HasMember("structuredContent"));
  }
}

TEST_F(Tools, ANativeQueryNamesTheRoleItNeeds) {
  Server server(backend_, {});
  CallContext viewer;
  viewer.caller.subject = "vera";
  viewer.caller.role = "viewer";
  viewer.caller.may_run_native = false;
  viewer.caller.native_role_needed = "oncall";
  auto d = call(server, "run_native_query", R"({"query":"SELECT 1"})", nullptr, viewer);
  EXPECT_TRUE(d["result"]["isError"].GetBool());
  const std::string text = d["result"]["content"][0]["text"].GetString();
  EXPECT_NE(text.find("forbidden: run_native_query needs the role oncall; 'vera' has viewer"),
            std::string::npos)
      << text;
  EXPECT_TRUE(backend_.asked.empty()) << "nothing was sent";
}

TEST_F(Tools, NativeCellsKeepNulls) {
  backend_.tables.push_back(
      Table{"result", {{"n", "long"}, {"s", "string"}}, {{std::string("1"), std::nullopt}}});
  Server server(backend_, {});
  auto d = call(server, "run_native_query", R"({"query":"SELECT 1 AS n, NULL AS s"})");
  const auto& page = d["result"]["structuredContent"];
  EXPECT_STREQ(page["columns"][0]["type"].GetString(), "long");
  EXPECT_TRUE(page["rows"][0][1].IsNull());
}

}  // namespace
}  // namespace tinkr::mcp
