// The report as JSON: numbers and texts, times as Unix nanoseconds (`*_ns`), absent values as null.
#include <tinkr/incident.hpp>

#include <tinkr/json_writing.hpp>

namespace tinkr::incident {
namespace {

using json::JsonWriter;
using json::write_bool_member;
using json::write_int_member;
using json::write_number_member;
using json::write_string_array_member;
using json::write_string_member;

void range(JsonWriter& w, const char* key, const ir::TimeRange& r) {
  w.Key(key);
  w.StartObject();
  write_int_member(w, "from_ns", r.from_ns);
  write_int_member(w, "to_ns", r.to_ns);
  w.EndObject();
}

void patterns(JsonWriter& w, const std::vector<Pattern>& list) {
  w.Key("error_patterns");
  w.StartArray();
  for (const auto& p : list) {
    w.StartObject();
    write_string_member(w, "pattern", p.pattern);
    write_string_member(w, "example", p.example);
    write_int_member(w, "severity_number", p.severity_number);
    write_string_member(w, "severity_text", p.severity_text);
    write_int_member(w, "count", p.count);
    write_int_member(w, "baseline_count", p.baseline_count);
    write_bool_member(w, "new", p.is_new);
    write_int_member(w, "first_seen_ns", p.first_seen_ns);
    write_int_member(w, "last_seen_ns", p.last_seen_ns);
    write_string_member(w, "trace_id", p.trace_id);
    w.EndObject();
  }
  w.EndArray();
}

void operations(JsonWriter& w, const std::vector<Operation>& list) {
  w.Key("failing_operations");
  w.StartArray();
  for (const auto& o : list) {
    w.StartObject();
    write_string_member(w, "name", o.name);
    write_int_member(w, "requests", o.requests);
    write_int_member(w, "failed", o.failed);
    write_int_member(w, "slow", o.slow);
    write_int_member(w, "baseline_failed", o.baseline_failed);
    write_int_member(w, "max_duration_ns", o.max_duration_ns);
    w.Key("result_codes");
    w.StartObject();
    for (const auto& [code, count] : o.result_codes) write_int_member(w, code, count);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

void shifts(JsonWriter& w, const std::vector<MetricShift>& list) {
  w.Key("metric_shifts");
  w.StartArray();
  for (const auto& s : list) {
    w.StartObject();
    write_string_member(w, "metric", s.metric);
    write_string_member(w, "unit", s.unit);
    write_number_member(w, "window", s.window_value);
    write_number_member(w, "baseline", s.baseline_value);
    write_number_member(w, "reference_median", s.reference_median);
    write_number_member(w, "reference_mad", s.reference_mad);
    write_string_member(w, "reference", s.reference_is_baseline ? "baseline" : "window");
    write_number_member(w, "score", s.score);
    write_bool_member(w, "shifted", s.shifted);
    w.Key("shift_start_ns");
    if (s.shifted)
      w.Int64(s.shift_start_ns);
    else
      w.Null();
    write_int_member(w, "peak_ns", s.peak_ns);
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

void examples(JsonWriter& w, const std::vector<ExampleTrace>& list) {
  w.Key("example_traces");
  w.StartArray();
  for (const auto& e : list) {
    w.StartObject();
    write_string_member(w, "why", e.why);
    write_string_member(w, "trace_id", e.trace_id);
    write_string_member(w, "name", e.name);
    write_string_member(w, "status_code", e.status_code);
    write_int_member(w, "start_ns", e.start_ns);
    write_int_member(w, "duration_ns", e.duration_ns);
    w.Key("critical_path");
    w.StartArray();
    for (const auto& step : e.critical_path) {
      w.StartObject();
      write_string_member(w, "service", step.service);
      write_string_member(w, "name", step.name);
      write_string_member(w, "span_id", step.span_id);
      write_int_member(w, "start_ns", step.start_ns);
      write_int_member(w, "end_ns", step.end_ns);
      write_bool_member(w, "error", step.error);
      w.EndObject();
    }
    w.EndArray();
    write_string_array_member(w, "exceptions", e.exceptions);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

std::string to_json(const Report& report) {
  return json::to_json_text([&](JsonWriter& w) {
    w.StartObject();
    write_string_member(w, "service", report.service);
    range(w, "window", report.window);
    range(w, "baseline", report.baseline);
    write_int_member(w, "bucket_ns", report.bucket_ns);
    write_bool_member(w, "baseline_has_data", report.baseline_has_data);
    patterns(w, report.patterns);
    operations(w, report.operations);
    shifts(w, report.shifts);
    examples(w, report.examples);
    w.Key("queries");
    w.StartArray();
    for (const auto& q : report.queries) {
      w.StartObject();
      write_string_member(w, "purpose", q.purpose);
      write_string_member(w, "signal", q.signal);
      write_string_member(w, "native", q.native);
      w.EndObject();
    }
    w.EndArray();
    write_string_array_member(w, "warnings", report.warnings);
    write_int_member(w, "elapsed_ns", report.elapsed_ns);
    w.EndObject();
  });
}

}  // namespace tinkr::incident
