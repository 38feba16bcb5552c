// GET /v1/workspaces/{id}/metadata: the workspace's tables and their columns, in the shape of the Log
// Analytics metadata API ({"tables": [{"id", "name", "timespanColumn", "columns": [{"name", "type"}]}]};
// constructed), from the table references in shared/vectors/azure/tables/ (each file's "columns").
#include "state.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::fake_azure {

namespace {

constexpr std::string_view kTables[] = {"AppTraces",      "AppRequests",    "AppDependencies",
                                        "AppExceptions",  "ContainerLogV2", "AppServiceConsoleLogs",
                                        "FunctionAppLogs"};

}  // namespace

FakeResponse log_analytics_metadata(FakeAzure::State& state) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("tables");
  w.StartArray();
  for (std::string_view name : kTables) {
    rapidjson::Document reference;
    const std::string text = state.vector("tables/" + std::string(name) + ".json");
    reference.Parse(text.c_str());
    if (reference.HasParseError() || !reference.IsObject() || !reference.HasMember("columns")) continue;
    w.StartObject();
    w.Key("id");
    w.String(("t/" + std::string(name)).c_str());
    w.Key("name");
    w.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    w.Key("timespanColumn");
    w.String("TimeGenerated");
    w.Key("columns");
    w.StartArray();
    for (const auto& column : reference["columns"].GetObject()) {
      w.StartObject();
      w.Key("name");
      w.String(column.name.GetString(), column.name.GetStringLength());
      w.Key("type");
      w.String(column.value.IsString() ? column.value.GetString() : "string");
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("functions");
  w.StartArray();
  w.EndArray();
  w.EndObject();
  return FakeResponse::json(200, std::string(buffer.GetString(), buffer.GetSize()));
}

}  // namespace tinkr::fake_azure
