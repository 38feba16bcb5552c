// otlp_json.hpp: the demo's records and their OTLP/JSON form (int64 as decimal strings, ids as hex,
// attributes as KeyValue lists), one export request per line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tinkr::demo {

struct Attribute {
  std::string key;
  std::variant<std::string, int64_t, double, bool> value;
};
using Attributes = std::vector<Attribute>;

enum class SpanKind { internal = 1, server = 2, client = 3 };
enum class SpanStatus { unset = 0, ok = 1, error = 2 };

struct SpanEvent {
  int64_t time_ns = 0;
  std::string name;
  Attributes attributes;
};

struct DemoSpan {
  std::string trace_id, span_id, parent_span_id, name;
  SpanKind kind = SpanKind::internal;
  int64_t start_ns = 0, end_ns = 0;
  SpanStatus status = SpanStatus::unset;
  std::string status_message;
  Attributes attributes;
  std::vector<SpanEvent> events;
};

struct DemoLog {
  int64_t time_ns = 0;
  int severity_number = 9;
  std::string severity_text, body, trace_id, span_id;
  Attributes attributes;
};

struct DemoPoint {
  int64_t start_ns = 0, time_ns = 0;
  Attributes attributes;
  double value = 0;                     // sum, gauge
  uint64_t count = 0;                   // histogram
  double sum = 0, min = 0, max = 0;     // histogram
  std::vector<uint64_t> bucket_counts;  // histogram: bounds.size() + 1
};

struct DemoMetric {
  enum class Kind { sum, gauge, histogram };
  std::string name, unit, description;
  Kind kind = Kind::sum;
  std::vector<double> bounds;  // histogram
  std::vector<DemoPoint> points;
};

/// One line each (ending in '\n'), for one service's resource.
void append_logs_line(std::string& out, std::string_view service, const std::vector<DemoLog>& logs);
void append_spans_line(std::string& out, std::string_view service, const std::vector<DemoSpan>& spans);
void append_metrics_line(std::string& out, std::string_view service, const std::vector<DemoMetric>& metrics);

}  // namespace tinkr::demo
