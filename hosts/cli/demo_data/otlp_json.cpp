// otlp_json.cpp: see otlp_json.hpp.
#include "otlp_json.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace tinkr::demo {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void key(Writer& w, std::string_view s) {
  w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void nanos(Writer& w, std::string_view name, int64_t ns) {
  key(w, name);
  string(w, std::to_string(ns));  // proto3 JSON writes int64 as a decimal string
}

void attributes(Writer& w, const Attributes& list) {
  key(w, "attributes");
  w.StartArray();
  for (const auto& a : list) {
    w.StartObject();
    key(w, "key");
    string(w, a.key);
    key(w, "value");
    w.StartObject();
    if (auto* s = std::get_if<std::string>(&a.value)) {
      key(w, "stringValue");
      string(w, *s);
    } else if (auto* i = std::get_if<int64_t>(&a.value)) {
      key(w, "intValue");
      string(w, std::to_string(*i));
    } else if (auto* d = std::get_if<double>(&a.value)) {
      key(w, "doubleValue");
      w.Double(*d);
    } else {
      key(w, "boolValue");
      w.Bool(std::get<bool>(a.value));
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

// {"resourceX":[{"resource":{...service.name...},"scopeX":[{"scope":{...},"items":[ ... ]}]}]}
template <typename Body>
void envelope(std::string& out, std::string_view resource_key, std::string_view scope_key,
              std::string_view items_key, std::string_view service, Body&& body) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  key(w, resource_key);
  w.StartArray();
  w.StartObject();
  key(w, "resource");
  w.StartObject();
  attributes(w, {{"service.name", std::string(service)}, {"deployment.environment", std::string("demo")}});
  w.EndObject();
  key(w, scope_key);
  w.StartArray();
  w.StartObject();
  key(w, "scope");
  w.StartObject();
  key(w, "name");
  string(w, "tinkr.demo");
  w.EndObject();
  key(w, items_key);
  w.StartArray();
  body(w);
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  out.append(buffer.GetString(), buffer.GetSize());
  out += '\n';
}

void number_point(Writer& w, const DemoPoint& p) {
  w.StartObject();
  attributes(w, p.attributes);
  nanos(w, "startTimeUnixNano", p.start_ns);
  nanos(w, "timeUnixNano", p.time_ns);
  key(w, "asDouble");
  w.Double(p.value);
  w.EndObject();
}

void histogram_point(Writer& w, const DemoPoint& p, const std::vector<double>& bounds) {
  w.StartObject();
  attributes(w, p.attributes);
  nanos(w, "startTimeUnixNano", p.start_ns);
  nanos(w, "timeUnixNano", p.time_ns);
  key(w, "count");
  string(w, std::to_string(p.count));
  key(w, "sum");
  w.Double(p.sum);
  key(w, "min");
  w.Double(p.min);
  key(w, "max");
  w.Double(p.max);
  key(w, "bucketCounts");
  w.StartArray();
  for (auto c : p.bucket_counts) string(w, std::to_string(c));
  w.EndArray();
  key(w, "explicitBounds");
  w.StartArray();
  for (auto b : bounds) w.Double(b);
  w.EndArray();
  w.EndObject();
}

}  // namespace

void append_logs_line(std::string& out, std::string_view service, const std::vector<DemoLog>& logs) {
  envelope(out, "resourceLogs", "scopeLogs", "logRecords", service, [&](Writer& w) {
    for (const auto& l : logs) {
      w.StartObject();
      nanos(w, "timeUnixNano", l.time_ns);
      nanos(w, "observedTimeUnixNano", l.time_ns);
      key(w, "severityNumber");
      w.Int(l.severity_number);
      key(w, "severityText");
      string(w, l.severity_text);
      key(w, "body");
      w.StartObject();
      key(w, "stringValue");
      string(w, l.body);
      w.EndObject();
      attributes(w, l.attributes);
      if (!l.trace_id.empty()) {
        key(w, "traceId");
        string(w, l.trace_id);
        key(w, "spanId");
        string(w, l.span_id);
      }
      w.EndObject();
    }
  });
}

void append_spans_line(std::string& out, std::string_view service, const std::vector<DemoSpan>& spans) {
  envelope(out, "resourceSpans", "scopeSpans", "spans", service, [&](Writer& w) {
    for (const auto& s : spans) {
      w.StartObject();
      key(w, "traceId");
      string(w, s.trace_id);
      key(w, "spanId");
      string(w, s.span_id);
      if (!s.parent_span_id.empty()) {
        key(w, "parentSpanId");
        string(w, s.parent_span_id);
      }
      key(w, "name");
      string(w, s.name);
      key(w, "kind");
      w.Int(static_cast<int>(s.kind));
      nanos(w, "startTimeUnixNano", s.start_ns);
      nanos(w, "endTimeUnixNano", s.end_ns);
      attributes(w, s.attributes);
      key(w, "events");
      w.StartArray();
      for (const auto& e : s.events) {
        w.StartObject();
        nanos(w, "timeUnixNano", e.time_ns);
        key(w, "name");
        string(w, e.name);
        attributes(w, e.attributes);
        w.EndObject();
      }
      w.EndArray();
      key(w, "status");
      w.StartObject();
      key(w, "code");
      w.Int(static_cast<int>(s.status));
      if (!s.status_message.empty()) {
        key(w, "message");
        string(w, s.status_message);
      }
      w.EndObject();
      w.EndObject();
    }
  });
}

void append_metrics_line(std::string& out, std::string_view service, const std::vector<DemoMetric>& metrics) {
  envelope(out, "resourceMetrics", "scopeMetrics", "metrics", service, [&](Writer& w) {
    for (const auto& m : metrics) {
      w.StartObject();
      key(w, "name");
      string(w, m.name);
      key(w, "unit");
      string(w, m.unit);
      key(w, "description");
      string(w, m.description);
      key(w, m.kind == DemoMetric::Kind::sum     ? "sum"
             : m.kind == DemoMetric::Kind::gauge ? "gauge"
                                                 : "histogram");
      w.StartObject();
      key(w, "dataPoints");
      w.StartArray();
      for (const auto& p : m.points) {
        if (m.kind == DemoMetric::Kind::histogram)
          histogram_point(w, p, m.bounds);
        else
          number_point(w, p);
      }
      w.EndArray();
      if (m.kind != DemoMetric::Kind::gauge) {
        key(w, "aggregationTemporality");
        w.Int(1);  // delta: each point counts its own minute, so sums add up
      }
      if (m.kind == DemoMetric::Kind::sum) {
        key(w, "isMonotonic");
        w.Bool(true);
      }
      w.EndObject();
      w.EndObject();
    }
  });
}

}  // namespace tinkr::demo
