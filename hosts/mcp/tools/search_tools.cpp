// search_logs and search_traces: a query over a window, paged with a cursor, records typed (the
// server's record JSON: numbers as numbers, absent values absent).
#include "mcp/tools/common.hpp"
#include "mcp/tools/tool_factories.hpp"

#include "common/query_request.hpp"
#include "common/record_json.hpp"
#include "common/time_text.hpp"

namespace tinkr::mcp {
namespace {

// JSON text (it goes into a schema as is): quotes escaped.
constexpr std::string_view kQueryDescription =
    R"(Tinkr's query language: level>=warn, \"connection timeout\", status_code>=500, )"
    R"(attributes.http.route:/api*, duration>1s, combined with AND/OR/NOT; empty: everything)";

std::string item_json(const Record& record) {
  rapidjson::StringBuffer buffer;
  host::JsonWriter w(buffer);
  host::write_record(w, record);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string trace_item(const TraceSummary& t) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  write_string_member(w, "trace_id", t.trace_id);
  write_string_member(w, "root_service", t.service);
  write_string_member(w, "root_name", t.name);
  write_string_member(w, "start", host::format_time(t.start_ns));
  write_number_member(w, "duration_ms", to_ms(t.duration_ns));
  write_int_member(w, "span_count", t.span_count);
  write_int_member(w, "error_count", t.error_count);
  write_bool_member(w, "has_errors", t.error_count > 0 || t.status == SpanStatus::error);
  write_string_member(w, "status", to_string(t.status));
  if (!t.status_code.empty()) write_string_member(w, "status_code", t.status_code);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

ToolOutcome run_page(ToolContext& context, const ListQuery& list, std::string_view tool,
                     std::string_view text, std::string_view items_key, std::string narrow_hint) {
  auto result = context.backend.collect(list.query, context.run);
  if (!result) return error_outcome(result.error());
  Page page;
  page.items_key = items_key;
  page.offset = list.cursor.offset;
  int64_t index = 0;
  for (const auto& record : result->records) {
    if (index++ < page.offset) continue;
    if (const auto* trace = std::get_if<TraceSummary>(&record))
      page.items.push_back(trace_item(*trace));
    else
      page.items.push_back(item_json(record));
  }
  page.matched = static_cast<int64_t>(result->records.size());
  page.matched_is_lower_bound = result->stats.truncated;
  page.warnings = result->stats.warnings;
  const ir::Query& query = list.query;
  page.extra = [&](JsonWriter& w) { write_query_echo(w, query, text); };
  const Cursor base = list.cursor;
  page.cursor = [tool, base](int64_t next) {
    Cursor c = base;
    c.offset = next;
    return encode_cursor(tool, c);
  };
  page.narrow_hint = std::move(narrow_hint);
  return page_outcome(page, context.limits.max_result_bytes);
}

ToolOutcome search_logs(const rapidjson::Value& value, ToolContext& context) {
  auto args = Arguments::read(value, {"service", "query", "from", "to", "limit", "cursor"});
  if (!args) return error_outcome(args.error());
  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  auto service = args->string("service");
  auto text = args->string("query");
  auto from = args->string("from");
  auto to = args->string("to");
  auto limit = args->integer("limit", 100, 1, context.limits.max_records);
  auto cursor = args->string("cursor");
  for (const auto* e : {&service, &text, &from, &to, &cursor})
    if (!*e) return error_outcome(e->error());
  if (!limit) return error_outcome(limit.error());
  spec.service = *service;
  spec.text = *text;
  spec.from = *from;
  spec.to = *to;
  auto list = build_list_query(context, spec, "search_logs", *cursor, *limit);
  if (!list) return error_outcome(list.error());
  return run_page(context, *list, "search_logs", *text, "records",
                  "narrow the query (a service, level>=warn, a phrase, a shorter from/to)");
}

ToolOutcome search_traces(const rapidjson::Value& value, ToolContext& context) {
  auto args =
      Arguments::read(value, {"service", "query", "from", "to", "limit", "min_duration", "failed", "cursor"});
  if (!args) return error_outcome(args.error());
  auto service = args->string("service");
  auto text = args->string("query");
  auto from = args->string("from");
  auto to = args->string("to");
  auto min_duration = args->string("min_duration");
  auto cursor = args->string("cursor");
  for (const auto* e : {&service, &text, &from, &to, &min_duration, &cursor})
    if (!*e) return error_outcome(e->error());
  auto limit = args->integer("limit", 20, 1, 1000);
  auto failed = args->boolean("failed", false);
  if (!limit) return error_outcome(limit.error());
  if (!failed) return error_outcome(failed.error());
  auto folded = host::fold_trace_filters(*text, *min_duration, *failed);
  if (!folded) return error_outcome(folded.error(), "min_duration takes a duration such as 500ms, 1s, 1m30s");
  QuerySpec spec;
  spec.signal = ir::Signal::trace_search;
  spec.service = *service;
  spec.text = *folded;
  spec.from = *from;
  spec.to = *to;
  auto list = build_list_query(context, spec, "search_traces", *cursor, *limit);
  if (!list) return error_outcome(list.error());
  return run_page(context, *list, "search_traces", *folded, "traces",
                  "narrow the search (failed=true, min_duration, a service, a shorter from/to)");
}

}  // namespace

Tool search_logs_tool() {
  const std::string properties =
      R"("service":{"type":"string","description":"the service (service.name / cloud role name); omit: every service"},)"
      R"("query":{"type":"string","description":")" +
      std::string(kQueryDescription) + R"("},)" + time_properties() +
      R"(,"limit":{"type":"integer","minimum":1,"maximum":10000,"default":100,"description":"the most records to return"},)"
      R"("cursor":{"type":"string","description":"next_cursor of an earlier search_logs result: the records after it"})";
  const std::string item =
      R"({"type":"object","properties":{"type":{"const":"log"},"time":{"type":"string"},"time_ns":{"type":"integer"},)"
      R"("severity":{"type":"string"},"severity_number":{"type":"integer"},"severity_text":{"type":"string"},)"
      R"("service":{"type":"string"},"body":{"type":"string"},"trace_id":{"type":"string"},"span_id":{"type":"string"},)"
      R"("attributes":{"type":"object"},"item_count":{"type":"integer"}},"required":["time","severity","body"]})";
  return Tool{
      "search_logs",
      "Search logs",
      "Log records of a service (or all) in a time window, newest first, filtered by a query in Tinkr's "
      "language. Says how many matched and whether the result was cut; page with cursor.",
      object_schema(properties),
      page_schema("records", item, R"("query":{"type":"object"})"),
      &search_logs};
}

Tool search_traces_tool() {
  const std::string properties =
      R"("service":{"type":"string","description":"the root service; omit: every service"},)"
      R"("query":{"type":"string","description":"a query over the root span: name:GET*, status_code>=500, duration>1s"},)" +
      time_properties() +
      R"(,"min_duration":{"type":"string","description":"only traces lasting at least this long: 500ms, 1s"},)"
      R"("failed":{"type":"boolean","description":"only failed traces"},)"
      R"("limit":{"type":"integer","minimum":1,"maximum":1000,"default":20},)"
      R"("cursor":{"type":"string","description":"next_cursor of an earlier search_traces result"})";
  const std::string item =
      R"({"type":"object","properties":{"trace_id":{"type":"string"},"root_service":{"type":"string"},)"
      R"("root_name":{"type":"string"},"start":{"type":"string"},"duration_ms":{"type":"number"},)"
      R"("span_count":{"type":"integer"},"error_count":{"type":"integer"},"has_errors":{"type":"boolean"},)"
      R"("status":{"type":"string","enum":["unset","ok","error"]},"status_code":{"type":"string"}},)"
      R"("required":["trace_id","root_service","duration_ms","span_count","has_errors"]})";
  return Tool{
      "search_traces",
      "Search traces",
      "Trace summaries (trace id, root service and operation, duration, span count, errors) in a time "
      "window. Start here, then get_trace_topology, get_critical_path, get_span_details, get_trace_errors.",
      object_schema(properties),
      page_schema("traces", item, R"("query":{"type":"object"})"),
      &search_traces};
}

}  // namespace tinkr::mcp
