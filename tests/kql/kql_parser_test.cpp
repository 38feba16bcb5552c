// Every KQL the Azure plugin can emit (all golden cases and every injection case) is checked by
// Microsoft's own Kusto parser, run by node (check.js): zero syntax and semantic diagnostics against
// the tables' real schemas, and each injected value is exactly one string literal token.
// Skipped only when tests/kql/node_modules is absent (`npm ci` in tests/kql installs it).
#include "kql/tables.hpp"
#include "lower/run_query.hpp"
#include "lower/service_check.hpp"
#include "lower/slice_plan.hpp"
#include "plan_cases.hpp"
#include "traces/span_fields.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace tinkr::azure {
namespace {

namespace fs = std::filesystem;

const fs::path kKqlDir = fs::path(TINKR_SOURCE_DIR) / "tests" / "kql";

struct KqlCase {
  std::string name, kql;
  std::vector<std::string> literals;
};

std::vector<KqlCase> all_cases() {
  std::vector<KqlCase> out;
  const QueryContext context = testing::test_context();
  for (const auto& c : testing::kql_cases()) out.push_back({c.name, explain_query(c.query, context), {}});
  const auto values = testing::injection_values();
  // The service check after an empty answer (lower/service_check.hpp), for logs and traces, and with
  // every hostile value as the service.
  const kql::TableMapping& logs = kql::table_for("");
  const kql::LogFieldMap log_fields(logs);
  const traces::SpanFieldMap span_fields("AppRequests");
  const ServiceTable log_table{logs.table, logs.time.column, log_fields};
  const ServiceTable trace_table{"AppRequests", "TimeGenerated", span_fields};
  out.push_back(
      {"service_check_logs", lower_service_check_kql(log_table, "payments-api", context.now_ns), {}});
  out.push_back(
      {"service_check_traces", lower_service_check_kql(trace_table, "payments-api", context.now_ns), {}});
  for (std::size_t i = 0; i < values.size(); ++i)
    out.push_back({"service_check_injection_" + std::to_string(i),
                   lower_service_check_kql(log_table, values[i], context.now_ns),
                   {values[i]}});
  // Past the caps (lower/slice_plan.hpp): the row count per bin and one half-open slice, for every
  // table's logs.
  for (const auto& table : kql::all_tables()) {
    ir::Query query = testing::page_log_query();
    query.resource_type = std::string(table.resource_type);
    query.filter = {};
    query.time = {context.now_ns - 3'600'000'000'000, context.now_ns};
    out.push_back({"slice_count_" + query.resource_type, lower_logs_count_kql(query, 3'600'000'000), {}});
    out.push_back(
        {"slice_rows_" + query.resource_type,
         lower_logs_slice(query, {context.now_ns - 60'000'000'000, context.now_ns}, 1234, context).kql,
         {}});
  }
  for (const auto& c : testing::injection_cases()) {
    const std::size_t index = std::stoul(c.name.substr(c.name.rfind('_') + 1));
    out.push_back({c.name, explain_query(c.query, context), {values.at(index)}});
  }
  return out;
}

std::string run(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return output;
  std::array<char, 4096> buffer;
  while (std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  pclose(pipe);
  return output;
}

TEST(KqlParser, EveryEmittedQueryParsesCleanlyAndKeepsValuesAsOneLiteral) {
  if (!fs::exists(kKqlDir / "node_modules" / "@kusto" / "language-service-next"))
    GTEST_SKIP()
        << "tests/kql/node_modules is absent: run `npm ci` in tests/kql to install Microsoft's parser";

  auto cases = all_cases();
  // A control the parser must reject, so that a silently broken checker cannot pass the test.
  cases.push_back({"control_unknown_column", "AppTraces | where SeverityLevl > 1", {"never"}});
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartArray();
  for (const auto& c : cases) {
    w.StartObject();
    w.Key("name");
    w.String(c.name.c_str());
    w.Key("kql");
    w.String(c.kql.data(), static_cast<rapidjson::SizeType>(c.kql.size()));
    w.Key("literals");
    w.StartArray();
    for (const auto& l : c.literals) w.String(l.data(), static_cast<rapidjson::SizeType>(l.size()));
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  const fs::path input = fs::path(TINKR_BINARY_DIR) / "kql_parser_cases.json";
  std::ofstream(input, std::ios::binary) << buffer.GetString();

  const std::string command = "node '" + (kKqlDir / "check.js").string() + "' '" + input.string() + "' '" +
                              std::string(TINKR_VECTORS_DIR) + "/azure/tables' 2>&1";
  const std::string output = run(command);
  rapidjson::Document result;
  result.Parse(output.c_str());
  ASSERT_FALSE(result.HasParseError()) << "check.js did not answer JSON: " << output.substr(0, 2000);
  ASSERT_TRUE(result.IsArray());
  ASSERT_EQ(result.Size(), cases.size()) << "one verdict per query";

  std::map<std::string, const KqlCase*> by_name;
  for (const auto& c : cases) by_name[c.name] = &c;
  for (const auto& verdict : result.GetArray()) {
    const std::string name = verdict["name"].GetString();
    const KqlCase& c = *by_name.at(name);
    if (name == "control_unknown_column") {
      EXPECT_GT(verdict["diagnostics"].Size(), 0u) << "the parser must flag an unknown column";
      EXPECT_EQ(verdict["missing_literals"].Size(), 1u) << "a literal that is not there must be missed";
      continue;
    }
    for (const auto& d : verdict["diagnostics"].GetArray())
      ADD_FAILURE() << name << ": " << d.GetString() << "\n  in: " << c.kql;
    for (const auto& m : verdict["missing_literals"].GetArray())
      ADD_FAILURE() << name << ": value is not one string literal: " << m.GetString() << "\n  in: " << c.kql;
  }
}

}  // namespace
}  // namespace tinkr::azure
