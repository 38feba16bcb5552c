// TEMPORARY native-KQL query path (see native_kql_stopgap.hpp).
#include "backend/native_kql_stopgap.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <ctime>
#include <vector>

namespace tinkr::azure::stopgap {
namespace {

std::string iso8601(int64_t ns) {
  std::time_t seconds = static_cast<std::time_t>(ns / 1'000'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

RequestPlan plan_native(const ir::Query& query, const QueryContext& context) {
  if (query.signal != ir::Signal::native)
    throw sdk::Error(TINKR_UNSUPPORTED,
                     "azure: only native KQL queries are supported by this build (signal '" +
                         std::string(ir::kSignalNames[static_cast<int>(query.signal)]) + "')");
  rapidjson::StringBuffer body;
  rapidjson::Writer<rapidjson::StringBuffer> writer(body);
  writer.StartObject();
  writer.Key("query");
  writer.String(query.native_text.data(), static_cast<rapidjson::SizeType>(query.native_text.size()));
  if (query.time.to_ns > query.time.from_ns) {
    std::string timespan = iso8601(query.time.from_ns) + "/" + iso8601(query.time.to_ns);
    writer.Key("timespan");
    writer.String(timespan.c_str(), static_cast<rapidjson::SizeType>(timespan.size()));
  }
  writer.EndObject();
  RequestPlan plan;
  plan.method = "POST";
  plan.url = context.endpoints.log_analytics + "/v1/workspaces/" + context.workspace_id + "/query";
  plan.headers = {{"Content-Type", "application/json"},
                  {"Prefer", "wait=" + std::to_string(context.server_timeout_seconds)}};
  plan.body = body.GetString();
  plan.audience = Audience::log_analytics;
  plan.kql = query.native_text;
  return plan;
}

tinkr_status status_for(int http_status) {
  switch (http_status) {
    case 400:
      return TINKR_INVALID_QUERY;
    case 401:
      return TINKR_UNAUTHENTICATED;
    case 403:
      return TINKR_FORBIDDEN;
    case 404:
      return TINKR_NOT_FOUND;
    case 429:
      return TINKR_THROTTLED;
    default:
      return TINKR_UPSTREAM_UNAVAILABLE;
  }
}

/// The innermost message of an Azure error object ({"code", "message", "innererror": {...}}).
std::string innermost_message(const rapidjson::Value& error) {
  std::string message;
  const rapidjson::Value* level = &error;
  while (level && level->IsObject()) {
    auto m = level->FindMember("message");
    if (m != level->MemberEnd() && m->value.IsString()) message = m->value.GetString();
    auto inner = level->FindMember("innererror");
    level = inner == level->MemberEnd() ? nullptr : &inner->value;
  }
  return message;
}

std::string cell_text(const rapidjson::Value& cell) {
  if (cell.IsString()) return std::string(cell.GetString(), cell.GetStringLength());
  rapidjson::StringBuffer text;
  rapidjson::Writer<rapidjson::StringBuffer> writer(text);
  cell.Accept(writer);
  return text.GetString();
}

const rapidjson::Value& member(const rapidjson::Value& object, const char* name, bool array) {
  if (object.IsObject()) {
    auto it = object.FindMember(name);
    if (it != object.MemberEnd() && (array ? it->value.IsArray() : it->value.IsString())) return it->value;
  }
  throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                   std::string("log analytics answer is malformed: a table without '") + name + "'");
}

void emit_tables(const rapidjson::Value& tables, sdk::Sink& sink) {
  for (const auto& table : tables.GetArray()) {
    std::vector<std::string> names;
    std::vector<std::string> types;
    for (const auto& column : member(table, "columns", true).GetArray()) {
      names.emplace_back(member(column, "name", false).GetString());
      types.emplace_back(member(column, "type", false).GetString());
    }
    std::vector<sdk::Column> columns;
    for (std::size_t i = 0; i < names.size(); ++i) columns.push_back({names[i], types[i]});
    if (!sink.begin_table(member(table, "name", false).GetString(), columns)) return;
    std::vector<std::string> texts;
    std::vector<tinkr_str> cells;
    for (const auto& row : member(table, "rows", true).GetArray()) {
      if (!row.IsArray())
        throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                         "log analytics answer is malformed: a row is not an array");
      texts.clear();
      cells.clear();
      for (const auto& cell : row.GetArray())
        texts.push_back(cell.IsNull() ? std::string() : cell_text(cell));
      for (std::size_t i = 0; i < texts.size(); ++i)
        cells.push_back(row[static_cast<rapidjson::SizeType>(i)].IsNull() ? tinkr_str{nullptr, 0}
                                                                          : sdk::to_str(texts[i]));
      if (!sink.emit_row(cells)) return;
    }
  }
}

}  // namespace

void run_query(const ir::Query& query, const QueryContext& context, Transport& transport, sdk::Sink& sink,
               const sdk::CallContext& call) {
  sdk::HttpResponse response = transport.send(plan_native(query, context), call);
  if (response.body.empty() && (response.status == 200 || response.status == 204)) return;  // no data
  rapidjson::Document doc;
  doc.Parse(response.body.data(), response.body.size());
  if (doc.HasParseError() || !doc.IsObject())
    throw sdk::Error(
        TINKR_UPSTREAM_UNAVAILABLE,
        "log analytics answered HTTP " + std::to_string(response.status) + " with a body that is not JSON");
  auto error = doc.FindMember("error");
  if (response.status != 200) {
    std::string message = error != doc.MemberEnd() ? innermost_message(error->value) : std::string();
    throw sdk::Error(status_for(response.status),
                     "log analytics answered HTTP " + std::to_string(response.status) +
                         (message.empty() ? "" : ": ") + message,
                     response.status == 429 || response.status >= 500);
  }
  auto tables = doc.FindMember("tables");
  if (tables != doc.MemberEnd() && tables->value.IsArray()) emit_tables(tables->value, sink);
  if (error != doc.MemberEnd() && !sink.stopped())
    sink.warn("partial result: " + innermost_message(error->value));
}

std::string explain_query(const ir::Query& query, const QueryContext& context) {
  RequestPlan plan = plan_native(query, context);
  return plan.method + " " + plan.url + "\n" + plan.kql;
}

std::string capabilities_json() {
  return R"({"signals": ["native"], "native_language": "kql",
    "pushdown": {"fields": [], "operators": [], "exact_operators": [], "text_search": false, "or": false,
                 "not": false, "order": false, "limit": false, "max_limit": 30000},
    "resource_types": ["app_insights", "aks", "container_apps", "app_service", "functions", "syslog",
                       "app_exceptions"]})";
}

}  // namespace tinkr::azure::stopgap
