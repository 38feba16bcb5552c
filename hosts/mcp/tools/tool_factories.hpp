// The tool definitions, one factory per tool (catalog.cpp lists them in order).
#pragma once

#include "mcp/tools/tool.hpp"

namespace tinkr::mcp {

Tool list_services_tool();
Tool describe_backend_tool();
Tool incident_report_tool();
Tool search_logs_tool();
Tool query_metrics_tool();
Tool search_traces_tool();
Tool get_trace_topology_tool();
Tool get_critical_path_tool();
Tool get_span_details_tool();
Tool get_trace_errors_tool();
Tool explain_tool();
Tool run_native_query_tool();

}  // namespace tinkr::mcp
