// A table's columns from the workspace's metadata; see table_schema.hpp.
#include "lower/table_schema.hpp"

#include "common/url.hpp"
#include "kql/scan.hpp"
#include "lower/table_plan.hpp"

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/table_schema.hpp>
#include <tinkr/sdk/text.hpp>

#include <rapidjson/document.h>

#include <vector>

namespace tinkr::azure {

namespace {

std::string_view string_member(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return {};
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

[[noreturn]] void not_metadata(std::string_view why) {
  throw sdk::Error(
      TINKR_UPSTREAM_UNAVAILABLE,
      "log analytics metadata: the answer is not the workspace's metadata (" + std::string(why) + ")");
}

}  // namespace

RequestPlan lower_table_schema(const ir::Query& query, const QueryContext& context) {
  if (!kql::is_table_name(query.table))
    throw sdk::Error(TINKR_INVALID_QUERY, "'" + query.table.substr(0, 80) +
                                              "' is not a Log Analytics table name (letters, digits and '_', "
                                              "at most 63)");
  if (context.workspace_id.empty()) throw sdk::Error(TINKR_CONFIG, "workspace_id is not set");
  RequestPlan plan;
  plan.method = "GET";
  plan.url = context.endpoints.log_analytics + "/v1/workspaces/" + percent_encode(context.workspace_id) +
             "/metadata";
  plan.audience = Audience::log_analytics;
  plan.headers = {{"Accept", "application/json"}};
  return plan;
}

void emit_schema_from_metadata(std::string_view metadata_json, const ir::Query& query,
                               const QueryContext& context, sdk::Sink& sink) {
  rapidjson::Document doc;
  doc.Parse(metadata_json.data(), metadata_json.size());
  if (doc.HasParseError() || !doc.IsObject()) not_metadata("not a JSON object");
  const auto tables = doc.FindMember("tables");
  if (tables == doc.MemberEnd() || !tables->value.IsArray()) not_metadata("no 'tables' array");
  const rapidjson::Value* found = nullptr;
  std::string_view same_but_case;
  for (const auto& table : tables->value.GetArray()) {
    const std::string_view name = string_member(table, "name");
    if (name == query.table) found = &table;
    if (sdk::equals_ignoring_case(name, query.table)) same_but_case = name;
  }
  if (!found)
    throw sdk::Error(TINKR_NOT_FOUND,
                     "table '" + query.table + "' is not in the workspace's metadata" +
                         (same_but_case.empty() ? std::string()
                                                : "; table names are case-sensitive: did you mean '" +
                                                      std::string(same_but_case) + "'?"));
  const auto columns = found->FindMember("columns");
  if (columns == found->MemberEnd() || !columns->value.IsArray()) not_metadata("a table without 'columns'");
  std::vector<sdk::SchemaColumn> out;
  for (const auto& column : columns->value.GetArray())
    out.push_back({std::string(string_member(column, "name")), std::string(string_member(column, "type"))});
  sdk::emit_table_schema(sink, query.table, plan_name(plan_of(context.table_plans, query.table)), out);
}

}  // namespace tinkr::azure
