// otlp_logs.cpp: ExportLogsServiceRequest -> rows of `logs`.
#include "otlp_ingest.hpp"

#include <tinkr/sdk/ir.hpp>

namespace tinkr::local::otlp {

namespace {

const std::initializer_list<std::string_view> kSeverityNames = {
    "UNSPECIFIED", "TRACE",  "TRACE2", "TRACE3", "TRACE4", "DEBUG",  "DEBUG2", "DEBUG3", "DEBUG4",
    "INFO",        "INFO2",  "INFO3",  "INFO4",  "WARN",   "WARN2",  "WARN3",  "WARN4",  "ERROR",
    "ERROR2",      "ERROR3", "ERROR4", "FATAL",  "FATAL2", "FATAL3", "FATAL4"};

void ingest_record(const Json& record, const Path& path, std::string_view service, Inserter& in) {
  if (!record.IsObject()) fail(path, "expected a LogRecord object");
  int64_t time = read_int64(record, path, "timeUnixNano");
  if (time == 0) time = read_int64(record, path, "observedTimeUnixNano");
  if (time <= 0)
    fail(path.at("timeUnixNano"), "missing (neither timeUnixNano nor observedTimeUnixNano is set)");
  int severity = read_enum(record, path, "severityNumber", "SEVERITY_NUMBER_", kSeverityNames);
  std::string_view severity_text = read_string(record, path, "severityText");
  // Some producers only set the text; the number is what queries compare.
  if (severity == 0 && !severity_text.empty()) severity = ir::severity_from_text(severity_text).value_or(0);
  std::string_view body;
  if (const Json* b = member(record, "body")) read_body(*b, path.at("body"), in.extra, body);
  read_hex_id(record, path, "traceId", 32, in.id_a);
  read_hex_id(record, path, "spanId", 16, in.id_b);
  in.attributes.Clear();
  JsonWriter w(in.attributes);
  write_attributes(w, member(record, "attributes"), path.at("attributes"));

  Statement& s = in.log;
  s.bind_int(1, time);
  s.bind_int(2, severity);
  s.bind_text(3, severity_text);
  s.bind_text(4, body);
  s.bind_text(5, service);
  s.bind_text(6, in.id_a);
  s.bind_text(7, in.id_b);
  s.bind_text(8, {in.attributes.GetString(), in.attributes.GetSize()});
  s.run();
  ++in.counts.logs;
}

}  // namespace

void ingest_logs(const Json& request, Inserter& in) {
  const Path root;
  const Json* resources = array_member(request, root, "resourceLogs");
  for (rapidjson::SizeType r = 0; r < resources->Size(); ++r) {
    const Json& resource = (*resources)[r];
    const Path rpath = root.at("resourceLogs", r);
    if (!resource.IsObject()) fail(rpath, "expected a ResourceLogs object");
    const std::string service = service_name(resource);
    const Json* scopes = array_member(resource, rpath, "scopeLogs");
    if (!scopes) continue;
    for (rapidjson::SizeType s = 0; s < scopes->Size(); ++s) {
      const Path spath = rpath.at("scopeLogs", s);
      if (!(*scopes)[s].IsObject()) fail(spath, "expected a ScopeLogs object");
      const Json* records = array_member((*scopes)[s], spath, "logRecords");
      if (!records) continue;
      for (rapidjson::SizeType i = 0; i < records->Size(); ++i)
        ingest_record((*records)[i], spath.at("logRecords", i), service, in);
    }
  }
}

}  // namespace tinkr::local::otlp
