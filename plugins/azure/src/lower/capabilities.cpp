// What the Azure query path pushes down, for describe(). "Exact" operators are those whose KQL
// matches the IR's meaning on every table (see docs/backends/azure.md, "Pushdown"): ordering
// comparisons are re-checked by the core because severity ranges, 100 ns datetime ticks and
// casts of dynamic values can differ at the edges; contains/startswith/matches because KQL's case
// rules and regex dialect (RE2) differ from the core's.
#include "kql/tables.hpp"
#include "lower/run_query.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::azure {

std::string capabilities_json() {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto strings = [&](const char* key, std::initializer_list<const char*> items) {
    w.Key(key);
    w.StartArray();
    for (const char* s : items) w.String(s);
    w.EndArray();
  };
  w.StartObject();
  strings("signals", {"logs", "metrics", "trace_search", "trace_get", "native"});
  w.Key("native_language");
  w.String("kql");
  // Of the requests' latency only, from AppRequests (metrics/request_percentiles.hpp).
  w.Key("metric_percentiles");
  w.Bool(true);
  // A table's columns from the workspace's metadata (lower/table_schema.hpp).
  w.Key("schema");
  w.Bool(true);
  // Messages counted in Log Analytics for the incident report's patterns (lower/lower_logs.hpp).
  w.Key("log_groups");
  w.Bool(true);
  w.Key("pushdown");
  w.StartObject();
  strings("fields", {"time", "ingestion_time", "severity", "body", "service", "trace_id", "span_id",
                     "attributes.*", "name", "duration", "status", "status_code", "kind", "parent_span_id"});
  strings("operators",
          {"eq", "ne", "lt", "le", "gt", "ge", "in", "contains", "startswith", "matches", "exists"});
  strings("exact_operators", {"eq", "ne", "in"});
  // Lower bounds on the level and on durations lower exactly (integer SeverityLevel, DurationMs
  // decoded back to the same nanoseconds): the page's `severity>=warn` then keeps its `take 100`.
  w.Key("exact_field_operators");
  w.StartObject();
  strings("severity", {"ge", "gt"});
  strings("duration", {"ge", "gt", "le", "lt"});
  // Records do not carry their ingestion time, so the core could not re-check it: Log Analytics'
  // own ingestion_time() is the answer.
  strings("ingestion_time", {"ge", "gt", "le", "lt"});
  w.EndObject();
  w.Key("text_search");
  w.Bool(true);
  w.Key("or");
  w.Bool(true);
  w.Key("not");
  w.Bool(true);
  w.Key("order");
  w.Bool(true);
  w.Key("limit");
  w.Bool(true);
  // No max_limit: past the service's 500,000-row cap a logs query is fetched in time slices, and
  // the profile's max_rows (which describe, knowing no profile, cannot say) bounds what one may ask.
  w.EndObject();
  w.Key("resource_types");
  w.StartArray();
  for (const auto& t : kql::all_tables())
    w.String(t.resource_type.data(), static_cast<rapidjson::SizeType>(t.resource_type.size()));
  w.String("azure_sql");
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace tinkr::azure
