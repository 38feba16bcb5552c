// The table mappings; docs/backends/azure.md shows the same tables for people. Level values come
// from each table's reference (see ../shared/vectors/azure/tables/*.json, member "levels").
#include "kql/tables.hpp"
#include <tinkr/sdk/text.hpp>

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/ir.hpp>

#include <array>

namespace tinkr::azure::kql {

namespace {

using K = ColumnKind;

// Application Insights' SeverityLevel enum (0 Verbose .. 4 Critical). Verbose stands for both
// OpenTelemetry TRACE and DEBUG (the exporter maps both to 0); it decodes as DEBUG.
constexpr LevelValue kAppInsightsLevels[] = {
    {"0", ir::kSeverityDebug}, {"1", ir::kSeverityInfo},  {"2", ir::kSeverityWarn},
    {"3", ir::kSeverityError}, {"4", ir::kSeverityFatal},
};
constexpr std::string_view kAppInsightsLevelTexts[] = {"Verbose", "Information", "Warning", "Error",
                                                       "Critical"};

constexpr LevelValue kContainerLogLevels[] = {
    {"TRACE", ir::kSeverityTrace},  {"DEBUG", ir::kSeverityDebug}, {"INFO", ir::kSeverityInfo},
    {"WARNING", ir::kSeverityWarn}, {"ERROR", ir::kSeverityError}, {"CRITICAL", ir::kSeverityFatal},
};

// Not a level: Informational is stdout and Error is stderr, whatever the app logged.
constexpr LevelValue kAppServiceConsoleLevels[] = {
    {"Informational", ir::kSeverityInfo},
    {"Error", ir::kSeverityError},
};

constexpr LevelValue kFunctionAppLevels[] = {
    {"Trace", ir::kSeverityTrace},  {"Debug", ir::kSeverityDebug}, {"Information", ir::kSeverityInfo},
    {"Warning", ir::kSeverityWarn}, {"Error", ir::kSeverityError}, {"Critical", ir::kSeverityFatal},
};

// syslog(3) keywords; "error" and "warn" because Microsoft's own sample query filters on "error".
constexpr LevelValue kSyslogLevels[] = {
    {"debug", ir::kSeverityDebug},  {"info", ir::kSeverityInfo},  {"notice", ir::kSeverityInfo},
    {"warning", ir::kSeverityWarn}, {"warn", ir::kSeverityWarn},  {"err", ir::kSeverityError},
    {"error", ir::kSeverityError},  {"crit", ir::kSeverityFatal}, {"alert", ir::kSeverityFatal},
    {"emerg", ir::kSeverityFatal},
};

constexpr ColumnRef kTime{"TimeGenerated", {}, K::datetime};
constexpr ColumnRef kNone{};

const std::array<TableMapping, 8> kTables = {{
    {.resource_type = "app_insights",
     .table = "AppTraces",
     .time = kTime,
     .body = {"Message", {}, K::string},
     .severity = {"SeverityLevel", {}, K::integer},
     .levels = kAppInsightsLevels,
     .service = {"AppRoleName", {}, K::string},
     .attributes = {"Properties", {}, K::dynamic},
     .item_count = {"ItemCount", {}, K::integer},
     .trace_id = {"OperationId", {}, K::string},
     .span_id = {"ParentId", {}, K::string}},
    {.resource_type = "app_exceptions",
     .table = "AppExceptions",
     .time = kTime,
     .body = {"OuterMessage", {}, K::string},
     .severity = {"SeverityLevel", {}, K::integer},
     .levels = kAppInsightsLevels,
     .service = {"AppRoleName", {}, K::string},
     .attributes = {"Properties", {}, K::dynamic},
     .item_count = {"ItemCount", {}, K::integer},
     .trace_id = {"OperationId", {}, K::string},
     .span_id = {"ParentId", {}, K::string}},
    {.resource_type = "aks",
     .table = "ContainerLogV2",
     .time = kTime,
     .body = {"Message", "tostring(LogMessage)", K::string},
     .severity = {"LogLevel", {}, K::string},
     .levels = kContainerLogLevels,
     .service = {"ContainerName", {}, K::string},
     .attributes =
         {"Attributes",
          "bag_pack(\"PodName\", PodName, \"PodNamespace\", PodNamespace, \"ContainerId\", ContainerId, "
          "\"Computer\", Computer, \"LogSource\", LogSource)",
          K::dynamic},
     .attributes_are_columns = true,
     .item_count = kNone,
     .trace_id = kNone,
     .span_id = kNone},
    {.resource_type = "container_apps",
     .table = "ContainerAppConsoleLogs",
     .time = kTime,
     .body = {"Log", {}, K::string},
     .severity = kNone,
     .levels = {},
     .service = {"ContainerAppName", {}, K::string},
     .attributes =
         {"Attributes",
          "bag_pack(\"Stream\", Stream, \"RevisionName\", RevisionName, \"ContainerName\", ContainerName, "
          "\"ContainerGroupName\", ContainerGroupName, \"EnvironmentName\", EnvironmentName)",
          K::dynamic},
     .attributes_are_columns = true,
     .item_count = kNone,
     .trace_id = kNone,
     .span_id = kNone},
    {.resource_type = "container_apps_classic",
     .table = "ContainerAppConsoleLogs_CL",
     .time = kTime,
     .body = {"Log_s", {}, K::string},
     .severity = kNone,
     .levels = {},
     .service = {"ContainerAppName_s", {}, K::string},
     .attributes =
         {"Attributes",
          "bag_pack(\"RevisionName_s\", RevisionName_s, \"ContainerName_s\", ContainerName_s, "
          "\"ContainerGroupName_g\", ContainerGroupName_g, \"EnvironmentName_s\", EnvironmentName_s)",
          K::dynamic},
     .attributes_are_columns = true,
     .item_count = kNone,
     .trace_id = kNone,
     .span_id = kNone},
    {.resource_type = "app_service",
     .table = "AppServiceConsoleLogs",
     .time = kTime,
     .body = {"ResultDescription", {}, K::string},
     .severity = {"Level", {}, K::string},
     .levels = kAppServiceConsoleLevels,
     // The table has no app name: the site is the last segment of the (lower-cased) resource id.
     .service = {"Service", "tostring(split(_ResourceId, \"/\")[-1])", K::string},
     .service_ignores_case = true,
     .attributes = {"Attributes",
                    "bag_pack(\"Host\", Host, \"ContainerId\", ContainerId, \"Category\", Category)",
                    K::dynamic},
     .attributes_are_columns = true,
     .item_count = kNone,
     .trace_id = kNone,
     .span_id = kNone},
    {.resource_type = "functions",
     .table = "FunctionAppLogs",
     .time = kTime,
     .body = {"Message", {}, K::string},
     .severity = {"Level", {}, K::string},
     .levels = kFunctionAppLevels,
     .service = {"AppName", {}, K::string},
     .attributes = {"Attributes",
                    "bag_pack(\"FunctionName\", FunctionName, \"Category\", Category, \"HostInstanceId\", "
                    "HostInstanceId, \"FunctionInvocationId\", FunctionInvocationId, \"ExceptionType\", "
                    "ExceptionType, \"ExceptionMessage\", ExceptionMessage)",
                    K::dynamic},
     .attributes_are_columns = true,
     .item_count = kNone,
     .trace_id = kNone,
     .span_id = kNone},
    {.resource_type = "syslog",
     .table = "Syslog",
     .time = kTime,
     .body = {"SyslogMessage", {}, K::string},
     .severity = {"SeverityLevel", {}, K::string},
     .levels = kSyslogLevels,
     .service = {"ProcessName", {}, K::string},
     .attributes = {"Attributes",
                    "bag_pack(\"Computer\", Computer, \"HostName\", HostName, \"Facility\", Facility, "
                    "\"ProcessID\", ProcessID)",
                    K::dynamic},
     .attributes_are_columns = true,
     .item_count = kNone,
     .trace_id = kNone,
     .span_id = kNone},
}};

}  // namespace

std::span<const TableMapping> all_tables() {
  return kTables;
}

std::string known_resource_types() {
  std::string out;
  for (const auto& t : kTables) {
    if (!out.empty()) out += ", ";
    out += t.resource_type;
  }
  return out;
}

const TableMapping& table_for(std::string_view resource_type) {
  if (resource_type.empty()) return kTables.front();
  for (const auto& t : kTables)
    if (t.resource_type == resource_type) return t;
  throw sdk::Error(TINKR_INVALID_QUERY,
                   "resource type '" + std::string(resource_type) +
                       "' is not known to the azure backend; known: " + known_resource_types());
}

std::string_view level_text(const TableMapping& table, std::string_view native) {
  if (table.levels.data() == kAppInsightsLevels) {
    if (native.size() == 1 && native[0] >= '0' && native[0] <= '4')
      return kAppInsightsLevelTexts[native[0] - '0'];
    return {};
  }
  return native;
}

int32_t level_severity(const TableMapping& table, std::string_view native) {
  for (const auto& level : table.levels)
    if (sdk::equals_ignoring_case(level.native, native)) return level.severity_number;
  return 0;
}

}  // namespace tinkr::azure::kql
