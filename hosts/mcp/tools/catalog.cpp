// The tool list, in the order an agent should meet the tools: what there is, then search, then detail.
#include "mcp/tools/tool_factories.hpp"

namespace tinkr::mcp {

const std::vector<Tool>& all_tools() {
  static const std::vector<Tool> tools = {
      list_services_tool(),      describe_backend_tool(),  incident_report_tool(),
      search_logs_tool(),        query_metrics_tool(),     search_traces_tool(),
      get_trace_topology_tool(), get_critical_path_tool(), get_span_details_tool(),
      get_trace_errors_tool(),   explain_tool(),           run_native_query_tool(),
  };
  return tools;
}

const Tool* find_tool(std::string_view name) {
  for (const auto& tool : all_tools())
    if (tool.name == name) return &tool;
  return nullptr;
}

}  // namespace tinkr::mcp
