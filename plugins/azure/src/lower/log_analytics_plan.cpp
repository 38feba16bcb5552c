// Log Analytics request plans; see log_analytics_plan.hpp.
#include "lower/log_analytics_plan.hpp"

#include "common/url.hpp"
#include "kql/literal.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::azure {

std::string timespan_of(const ir::TimeRange& range) {
  if (!has_time(range)) return {};
  if (range.from_ns >= range.to_ns)
    throw sdk::Error(TINKR_INVALID_QUERY, "time range is empty: its start " +
                                              kql::format_iso8601(range.from_ns) + " is not before its end " +
                                              kql::format_iso8601(range.to_ns));
  return kql::format_iso8601(range.from_ns) + "/" + kql::format_iso8601(range.to_ns);
}

void append_time_clause(std::string& kql, std::string_view column, const ir::TimeRange& range) {
  if (!has_time(range)) return;
  kql += " | where ";
  kql += column;
  kql += " between (";
  kql::append_datetime(kql, range.from_ns);
  kql += " .. ";
  kql::append_datetime(kql, range.to_ns);
  kql.push_back(')');
}

void append_half_open_time_clause(std::string& kql, std::string_view column, const ir::TimeRange& range) {
  if (!has_time(range)) return;
  kql += " | where ";
  kql += column;
  kql += " >= ";
  kql::append_datetime(kql, range.from_ns);
  kql += " and ";
  kql += column;
  kql += " < ";
  kql::append_datetime(kql, range.to_ns);
}

RequestPlan make_log_analytics_plan(std::string kql, const ir::TimeRange& range,
                                    const QueryContext& context) {
  if (context.workspace_id.empty()) throw sdk::Error(TINKR_CONFIG, "workspace_id is not set");
  RequestPlan plan;
  plan.method = "POST";
  plan.url = context.endpoints.log_analytics + "/v1/workspaces/";
  plan.url += percent_encode(context.workspace_id);
  // A Basic or Auxiliary table is queried through /search, with the same body and answer.
  plan.url += context.search_endpoint ? "/search" : "/query";
  plan.audience = Audience::log_analytics;
  plan.headers = {{"Content-Type", "application/json"},
                  {"Accept", "application/json"},
                  {"Prefer", "wait=" + std::to_string(context.server_timeout_seconds) +
                                 (context.statistics ? ",include-statistics=true" : "")}};
  if (context.no_cache) plan.headers.push_back({"Cache-Control", "no-cache"});
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("query");
  writer.String(kql.data(), static_cast<rapidjson::SizeType>(kql.size()));
  const std::string timespan = timespan_of(range);
  if (context.search_endpoint && timespan.empty())  // check_restricted_query says why first
    throw sdk::Error(TINKR_INVALID_QUERY, "a query sent to /search needs a time range");
  if (!timespan.empty()) {
    writer.Key("timespan");
    writer.String(timespan.data(), static_cast<rapidjson::SizeType>(timespan.size()));
  }
  writer.EndObject();
  plan.body.assign(buffer.GetString(), buffer.GetSize());
  plan.kql = std::move(kql);
  return plan;
}

RequestPlan lower_native(const ir::Query& query, const QueryContext& context) {
  if (query.native_text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw sdk::Error(TINKR_INVALID_QUERY, "native query is empty");
  if (!kql::is_valid_utf8(query.native_text))
    throw sdk::Error(TINKR_INVALID_QUERY, "native query is not valid UTF-8");
  return make_log_analytics_plan(query.native_text, query.time, context);
}

}  // namespace tinkr::azure
