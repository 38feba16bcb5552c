// The report as JSON: numbers and texts, times as Unix nanoseconds (`*_ns`), absent values as null.
#include <tinkr/incident.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::incident {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}
void integer(Writer& w, const char* key, int64_t value) {
  w.Key(key);
  w.Int64(value);
}
void number(Writer& w, const char* key, const std::optional<double>& value) {
  w.Key(key);
  if (value)
    w.Double(*value);
  else
    w.Null();
}
void boolean(Writer& w, const char* key, bool value) {
  w.Key(key);
  w.Bool(value);
}
void range(Writer& w, const char* key, const ir::TimeRange& r) {
  w.Key(key);
  w.StartObject();
  integer(w, "from_ns", r.from_ns);
  integer(w, "to_ns", r.to_ns);
  w.EndObject();
}

void patterns(Writer& w, const std::vector<Pattern>& list) {
  w.Key("error_patterns");
  w.StartArray();
  for (const auto& p : list) {
    w.StartObject();
    string(w, "pattern", p.pattern);
    string(w, "example", p.example);
    integer(w, "severity_number", p.severity_number);
    string(w, "severity_text", p.severity_text);
    integer(w, "count", p.count);
    integer(w, "baseline_count", p.baseline_count);
    boolean(w, "new", p.is_new);
    integer(w, "first_seen_ns", p.first_seen_ns);
    integer(w, "last_seen_ns", p.last_seen_ns);
    string(w, "trace_id", p.trace_id);
    w.EndObject();
  }
  w.EndArray();
}

void operations(Writer& w, const std::vector<Operation>& list) {
  w.Key("failing_operations");
  w.StartArray();
  for (const auto& o : list) {
    w.StartObject();
    string(w, "name", o.name);
    integer(w, "requests", o.requests);
    integer(w, "failed", o.failed);
    integer(w, "slow", o.slow);
    integer(w, "baseline_failed", o.baseline_failed);
    integer(w, "max_duration_ns", o.max_duration_ns);
    w.Key("result_codes");
    w.StartObject();
    for (const auto& [code, count] : o.result_codes) integer(w, code.c_str(), count);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

void shifts(Writer& w, const std::vector<MetricShift>& list) {
  w.Key("metric_shifts");
  w.StartArray();
  for (const auto& s : list) {
    w.StartObject();
    string(w, "metric", s.metric);
    string(w, "unit", s.unit);
    number(w, "window", s.window_value);
    number(w, "baseline", s.baseline_value);
    number(w, "reference_median", s.reference_median);
    number(w, "reference_mad", s.reference_mad);
    string(w, "reference", s.reference_is_baseline ? "baseline" : "window");
    number(w, "score", s.score);
    boolean(w, "shifted", s.shifted);
    w.Key("shift_start_ns");
    if (s.shifted)
      w.Int64(s.shift_start_ns);
    else
      w.Null();
    integer(w, "peak_ns", s.peak_ns);
    w.Key("points");
    w.StartArray();
    for (const auto& p : s.points)
      if (p)
        w.Double(*p);
      else
        w.Null();
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

void examples(Writer& w, const std::vector<ExampleTrace>& list) {
  w.Key("example_traces");
  w.StartArray();
  for (const auto& e : list) {
    w.StartObject();
    string(w, "why", e.why);
    string(w, "trace_id", e.trace_id);
    string(w, "name", e.name);
    string(w, "status_code", e.status_code);
    integer(w, "start_ns", e.start_ns);
    integer(w, "duration_ns", e.duration_ns);
    w.Key("critical_path");
    w.StartArray();
    for (const auto& step : e.critical_path) {
      w.StartObject();
      string(w, "service", step.service);
      string(w, "name", step.name);
      string(w, "span_id", step.span_id);
      integer(w, "start_ns", step.start_ns);
      integer(w, "end_ns", step.end_ns);
      boolean(w, "error", step.error);
      w.EndObject();
    }
    w.EndArray();
    w.Key("exceptions");
    w.StartArray();
    for (const auto& x : e.exceptions) w.String(x.data(), static_cast<rapidjson::SizeType>(x.size()));
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string to_json(const Report& report) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  string(w, "service", report.service);
  range(w, "window", report.window);
  range(w, "baseline", report.baseline);
  integer(w, "bucket_ns", report.bucket_ns);
  boolean(w, "baseline_has_data", report.baseline_has_data);
  patterns(w, report.patterns);
  operations(w, report.operations);
  shifts(w, report.shifts);
  examples(w, report.examples);
  w.Key("queries");
  w.StartArray();
  for (const auto& q : report.queries) {
    w.StartObject();
    string(w, "purpose", q.purpose);
    string(w, "signal", q.signal);
    string(w, "native", q.native);
    w.EndObject();
  }
  w.EndArray();
  w.Key("warnings");
  w.StartArray();
  for (const auto& x : report.warnings) w.String(x.data(), static_cast<rapidjson::SizeType>(x.size()));
  w.EndArray();
  integer(w, "elapsed_ns", report.elapsed_ns);
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace tinkr::incident
