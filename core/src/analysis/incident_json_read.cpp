// The report read back from its JSON (what tinkr-server's POST /api/v1/incident returns), for a host
// that prints a remote report. The inverse of incident_json.cpp: a member of the wrong type is an error
// naming it, an absent one keeps its default.
#include <tinkr/incident.hpp>

#include <tinkr/sdk/json_numbers.hpp>

#include <rapidjson/document.h>

namespace tinkr::incident {
namespace {

using rapidjson::Value;

class Reader {
 public:
  std::string error;

  std::string text(const Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return {};
    if (!it->value.IsString()) return bad(key, "a string"), std::string();
    return {it->value.GetString(), it->value.GetStringLength()};
  }
  int64_t integer(const Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return 0;
    if (!it->value.IsInt64()) return bad(key, "an integer"), 0;
    return it->value.GetInt64();
  }
  std::optional<double> number(const Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || it->value.IsNull()) return std::nullopt;
    if (!it->value.IsNumber()) return bad(key, "a number"), std::nullopt;
    return it->value.GetDouble();
  }
  bool boolean(const Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd()) return false;
    if (!it->value.IsBool()) return bad(key, "true or false"), false;
    return it->value.GetBool();
  }
  // The objects of an array member (none when absent).
  template <typename Each>
  void each(const Value& object, const char* key, Each each_item) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd()) return;
    if (!it->value.IsArray()) return bad(key, "an array");
    for (const auto& item : it->value.GetArray()) each_item(item);
  }
  ir::TimeRange range(const Value& object, const char* key) {
    auto it = object.FindMember(key);
    if (it == object.MemberEnd() || !it->value.IsObject()) return bad(key, "an object"), ir::TimeRange{};
    return {integer(it->value, "from_ns"), integer(it->value, "to_ns")};
  }

 private:
  void bad(const char* key, const char* what) {
    if (error.empty()) error = std::string("incident report: '") + key + "' must be " + what;
  }
};

}  // namespace

Expected<Report> report_from_json(std::string_view json) {
  rapidjson::Document d;
  const auto parsed = sdk::parse_json_exactly(d, json);  // doubles read back exactly
  if (parsed.IsError() || !d.IsObject())
    return fail(Error::Code::upstream_unavailable,
                "incident report: the server's answer is not a JSON object");
  Reader in;
  Report r;
  r.service = in.text(d, "service");
  r.window = in.range(d, "window");
  r.baseline = in.range(d, "baseline");
  r.bucket_ns = in.integer(d, "bucket_ns");
  r.baseline_has_data = in.boolean(d, "baseline_has_data");
  in.each(d, "error_patterns", [&](const Value& v) {
    Pattern p;
    p.pattern = in.text(v, "pattern");
    p.example = in.text(v, "example");
    p.severity_number = static_cast<int32_t>(in.integer(v, "severity_number"));
    p.severity_text = in.text(v, "severity_text");
    p.count = in.integer(v, "count");
    p.baseline_count = in.integer(v, "baseline_count");
    p.is_new = in.boolean(v, "new");
    p.first_seen_ns = in.integer(v, "first_seen_ns");
    p.last_seen_ns = in.integer(v, "last_seen_ns");
    p.trace_id = in.text(v, "trace_id");
    r.patterns.push_back(std::move(p));
  });
  in.each(d, "failing_operations", [&](const Value& v) {
    Operation o;
    o.name = in.text(v, "name");
    o.requests = in.integer(v, "requests");
    o.failed = in.integer(v, "failed");
    o.slow = in.integer(v, "slow");
    o.baseline_failed = in.integer(v, "baseline_failed");
    o.max_duration_ns = in.integer(v, "max_duration_ns");
    if (auto codes = v.FindMember("result_codes"); codes != v.MemberEnd() && codes->value.IsObject())
      for (const auto& c : codes->value.GetObject())
        if (c.value.IsInt64()) o.result_codes.emplace_back(c.name.GetString(), c.value.GetInt64());
    r.operations.push_back(std::move(o));
  });
  in.each(d, "metric_shifts", [&](const Value& v) {
    MetricShift s;
    s.metric = in.text(v, "metric");
    s.unit = in.text(v, "unit");
    s.window_value = in.number(v, "window");
    s.baseline_value = in.number(v, "baseline");
    s.reference_median = in.number(v, "reference_median").value_or(0);
    s.reference_mad = in.number(v, "reference_mad").value_or(0);
    s.reference_is_baseline = in.text(v, "reference") == "baseline";
    s.score = in.number(v, "score").value_or(0);
    s.shifted = in.boolean(v, "shifted");
    s.shift_start_ns = in.integer(v, "shift_start_ns");
    s.peak_ns = in.integer(v, "peak_ns");
    if (auto points = v.FindMember("points"); points != v.MemberEnd() && points->value.IsArray())
      for (const auto& p : points->value.GetArray())
        s.points.push_back(p.IsNumber() ? std::optional(p.GetDouble()) : std::nullopt);
    r.shifts.push_back(std::move(s));
  });
  in.each(d, "example_traces", [&](const Value& v) {
    ExampleTrace e;
    e.why = in.text(v, "why");
    e.trace_id = in.text(v, "trace_id");
    e.name = in.text(v, "name");
    e.status_code = in.text(v, "status_code");
    e.start_ns = in.integer(v, "start_ns");
    e.duration_ns = in.integer(v, "duration_ns");
    in.each(v, "critical_path", [&](const Value& step) {
      e.critical_path.push_back({in.text(step, "service"), in.text(step, "name"), in.text(step, "span_id"),
                                 in.integer(step, "start_ns"), in.integer(step, "end_ns"),
                                 in.boolean(step, "error")});
    });
    if (auto x = v.FindMember("exceptions"); x != v.MemberEnd() && x->value.IsArray())
      for (const auto& m : x->value.GetArray())
        if (m.IsString()) e.exceptions.emplace_back(m.GetString(), m.GetStringLength());
    r.examples.push_back(std::move(e));
  });
  in.each(d, "queries", [&](const Value& v) {
    r.queries.push_back({in.text(v, "purpose"), in.text(v, "signal"), in.text(v, "native")});
  });
  if (auto w = d.FindMember("warnings"); w != d.MemberEnd() && w->value.IsArray())
    for (const auto& m : w->value.GetArray())
      if (m.IsString()) r.warnings.emplace_back(m.GetString(), m.GetStringLength());
  r.elapsed_ns = in.integer(d, "elapsed_ns");
  if (!in.error.empty()) return fail(Error::Code::upstream_unavailable, in.error);
  return r;
}

}  // namespace tinkr::incident
