// incident_report: the whole story of a service's window in one call (docs/incident.md): error
// patterns, failing operations, metric shifts, example traces with their critical path, and the
// queries run. The same report as `tinkr incident` and POST /api/v1/incident.
#include "mcp/tools/common.hpp"
#include "mcp/tools/tool_factories.hpp"

#include "common/query_request.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <tinkr/incident.hpp>

namespace tinkr::mcp {
namespace {

ToolOutcome incident_report(const rapidjson::Value& value, ToolContext& context) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  auto options = host::incident_request_from_json(std::string_view(buffer.GetString(), buffer.GetSize()));
  if (!options) return error_outcome(options.error());
  incident::QueryCalls calls;
  calls.build = [&](const QuerySpec& spec) { return context.backend.build(spec); };
  calls.explain = [&](const ir::Query& query) { return context.backend.explain(query); };
  calls.collect = [&](const ir::Query& query) { return context.backend.collect(query, context.run); };
  auto report = incident::build_report(calls, *options);
  if (!report) return error_outcome(report.error());
  ToolOutcome outcome;
  outcome.structured = incident::to_json(*report);
  if (reply_bytes(outcome.structured) > context.limits.max_result_bytes)
    return error_outcome(
        Error(Error::Code::invalid_query, "the report (" + std::to_string(outcome.structured.size()) +
                                              " bytes) is larger than this server's result limit"),
        "ask again with a smaller top (rows per section), e.g. 3");
  return outcome;
}

}  // namespace

Tool incident_report_tool() {
  const std::string properties =
      R"("service":{"type":"string","description":"the service to report on"},)"
      R"("since":{"type":"string","description":"the window: the last 1h, 30m, 1d (instead of from/to); default 1h"},)"
      R"("baseline":{"type":"string","description":"what the window is compared with: prev (as long as the window, just before it; default) or a duration before the window, e.g. 24h"},)"
      R"("slow":{"type":"string","description":"a request longer than this is slow; default 1s"},)"
      R"("top":{"type":"integer","minimum":1,"maximum":1000,"description":"rows per section; default 10"},)" +
      time_properties();
const std::string output =
    R"({"type":"object","properties":{"service":{"type":"string"},"window":{"type":"object"},)"
    R"("baseline":{"type":"object"},"bucket_ns":{"type":"integer"},"error_patterns":{"type":"array"},)"
    R"("failing_operations":{"type":"array"},"metric_shifts":{"type":"array"},"example_traces":{"type":"array"},)"
    R"("queries":{"type":"array"},"warnings":{"type":"array"}},)"
    R"("required":["service","window","error_patterns","failing_operations","metric_shifts","example_traces","queries"]})";
return {"incident_report",
        "Incident report",
        "Start here when something is wrong with a service: one call gives its error patterns (log "
        "templates of warning and worse, new ones first, counted against a baseline), its failing operations "
        "(failed or slow requests with result codes), metric shifts (request rate, error rate, latency "
        "p50/p95/p99 with a robust score and when the shift began), example traces with their critical path "
        "and exceptions, and the native queries it ran. Then drill in with get_trace_errors or search_logs.",
        object_schema(properties, R"("service")"),
        output,
        &incident_report};
}

}  // namespace tinkr::mcp
