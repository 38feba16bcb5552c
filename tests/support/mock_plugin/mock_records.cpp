#include "mock_records.hpp"

#include <cassert>
#include <charconv>
#include <cstring>
#include <string>
#include <vector>

namespace tinkr::mock {
namespace {

constexpr int32_t kSeverities[] = {ir::kSeverityInfo, ir::kSeverityInfo, ir::kSeverityWarn,
                                   ir::kSeverityError};
constexpr std::string_view kSeverityTexts[] = {"Information", "Information", "Warning", "Error"};

int64_t step_ns(const ir::Query& q, int64_t count) {
  int64_t span = q.time.to_ns - q.time.from_ns;
  return count > 0 && span > 0 ? span / (count + 1) : 1'000'000'000;
}

/// Which record (0 = the newest) goes out i-th. Scrambled: every third record from the newest, then
/// every third from the second, then from the third (0 3 6 .. 1 4 7 .. 2 5 8 ..), which for four or
/// more records is neither newest first nor oldest first.
int64_t record_at(int64_t i, int64_t count, EmitOrder order) {
  if (order == EmitOrder::newest_first) return i;
  const int64_t first_group = (count + 2) / 3, second_group = (count + 1) / 3;
  if (i < first_group) return 3 * i;
  if (i < first_group + second_group) return 3 * (i - first_group) + 1;
  return 3 * (i - first_group - second_group) + 2;
}

/// The query's service, or a fixed one. A view, never a std::string: the records borrow it.
std::string_view service_of(const ir::Query& q) {
  return q.service.empty() ? std::string_view("mock-service") : std::string_view(q.service);
}

/// Text of a few dozen bytes put together in place: the words and numbers of one mock record.
class ShortText {
 public:
  ShortText& clear() {
    size_ = 0;
    return *this;
  }
  ShortText& add(std::string_view text) {
    assert(size_ + text.size() <= kCapacity);
    std::memcpy(bytes_ + size_, text.data(), text.size());
    size_ += text.size();
    return *this;
  }
  ShortText& add(int64_t number) {
    size_ = static_cast<std::size_t>(std::to_chars(bytes_ + size_, bytes_ + kCapacity, number).ptr - bytes_);
    return *this;
  }
  std::string_view view() const { return {bytes_, size_}; }

 private:
  static constexpr std::size_t kCapacity = 96;  // the longest record text is under 60 bytes
  char bytes_[kCapacity];
  std::size_t size_ = 0;
};

}  // namespace

void emit_logs(const ir::Query& q, int64_t count, EmitOrder order, sdk::Sink& sink,
               const sdk::CallContext& call) {
  const int64_t step = step_ns(q, count);
  // Built in fixed buffers, no std::string: the server benchmark's backend is meant to cost next to
  // nothing, and strings assigned and appended piece by piece were a tenth of a 100-record reply's
  // instructions in tinkr-server (issue 15).
  ShortText body, attributes, trace_id;
  for (int64_t n = 0; n < count; ++n) {
    if (n % 1024 == 0) call.throw_if_cancelled();
    const int64_t i = record_at(n, count, order);
    body.clear().add("mock record ").add(i).add(i % 7 == 0 ? ": connection timeout" : ": request served");
    attributes.clear()
        .add(R"({"i":)")
        .add(i)
        .add(i % 2 ? R"(,"http.method":"GET"})" : R"(,"http.method":"POST"})");
    trace_id.clear().add("trace-").add(i % 10);
    sdk::LogRecord r;
    r.time_ns = q.time.to_ns - (i + 1) * step;
    r.severity_number = kSeverities[i % 4];
    r.severity_text = kSeverityTexts[i % 4];
    r.body = body.view();
    r.service = service_of(q);
    r.trace_id = trace_id.view();
    r.attributes_json = attributes.view();
    if (!sink.emit(r)) return;
  }
}

void emit_fixed_logs(const ir::Query& q, int64_t total, sdk::Sink& sink) {
  int64_t sent = 0;
  std::string body, attributes;
  for (int64_t i = 0; i < total && (q.limit == 0 || sent < q.limit); ++i) {
    const int64_t time = kFixedNewestNs - (i / 3) * 1'000'000'000;
    if (time >= q.time.to_ns || time < q.time.from_ns) continue;
    body = "fixed record " + std::to_string(i);
    attributes = R"({"i":)" + std::to_string(i) + "}";
    sdk::LogRecord r;
    r.time_ns = time;
    r.severity_number = ir::kSeverityInfo;
    r.body = body;
    r.service = q.service;
    r.attributes_json = attributes;
    ++sent;
    if (!sink.emit(r)) return;
  }
}

void emit_traces(const ir::Query& q, int64_t count, EmitOrder order, sdk::Sink& sink) {
  const int64_t step = step_ns(q, count);
  for (int64_t n = 0; n < count; ++n) {
    const int64_t i = record_at(n, count, order);
    std::string id = "trace-" + std::to_string(i);
    sdk::TraceSummary t;
    t.trace_id = id;
    t.service = service_of(q);
    t.name = i % 2 ? "GET /orders" : "POST /pay";
    t.start_ns = q.time.to_ns - (i + 1) * step;
    t.duration_ns = (count - i) * 10'000'000;
    t.status = i % 3 == 0 ? TINKR_SPAN_STATUS_ERROR : TINKR_SPAN_STATUS_OK;
    t.status_code = i % 3 == 0 ? "500" : "200";
    t.span_count = 3;
    t.error_count = i % 3 == 0 ? 1 : 0;
    if (!sink.emit(t)) return;
  }
}

void emit_trace(const ir::Query& q, sdk::Sink& sink) {
  struct Row {
    const char *id, *parent, *service, *name, *kind;
    int64_t offset_ms, duration_ms;
    int32_t status;
  };
  static constexpr Row kRows[] = {
      {"a1", "", "checkout", "POST /checkout", "server", 0, 900, TINKR_SPAN_STATUS_ERROR},
      {"b2", "a1", "payments-api", "POST /pay", "server", 50, 800, TINKR_SPAN_STATUS_ERROR},
      {"c3", "b2", "payments-api", "SQL orders-db", "client", 100, 650, TINKR_SPAN_STATUS_ERROR},
      {"d4", "zz", "inventory", "GET /stock", "server", 20, 30, TINKR_SPAN_STATUS_OK},
  };
  if (q.trace_id == "missing") return;
  for (const auto& row : kRows) {
    sdk::Span s;
    s.trace_id = q.trace_id;
    s.span_id = row.id;
    s.parent_span_id = row.parent;
    s.service = row.service;
    s.name = row.name;
    s.kind = row.kind;
    s.start_ns = q.time.from_ns + row.offset_ms * 1'000'000;
    s.duration_ns = row.duration_ms * 1'000'000;
    s.status = row.status;
    s.flags = std::string_view(row.parent) == "zz" ? TINKR_SPAN_FLAG_ORPHAN : 0;
    if (!sink.emit(s)) return;
  }
}

void emit_metrics(const ir::Query& q, sdk::Sink& sink) {
  const int64_t interval = q.metrics.interval_ns > 0 ? q.metrics.interval_ns : 300'000'000'000;
  std::vector<sdk::MetricPoint> points;
  for (int64_t t = q.time.from_ns; t < q.time.to_ns && points.size() < 10'000; t += interval)
    points.push_back({t, static_cast<double>(points.size() % 10), 1, 0});
  const std::string aggregation =
      q.metrics.aggregations.empty() ? "avg" : ir::to_string(q.metrics.aggregations.front());
  for (const auto& name : q.metrics.names) {
    sdk::MetricSeries s;
    s.metric = name;
    s.aggregation = aggregation;
    s.unit = "Count";
    s.service = q.service;
    s.interval_ns = interval;
    s.points = points;
    if (!sink.emit(s)) return;
  }
}

void emit_table(const ir::Query& q, int64_t count, sdk::Sink& sink) {
  const sdk::Column columns[] = {{"n", "long"}, {"text", "string"}, {"maybe", "string"}};
  if (!sink.begin_table("PrimaryResult", columns)) return;
  for (int64_t i = 0; i < count; ++i) {
    std::string n = std::to_string(i);
    const tinkr_str cells[] = {
        {n.data(), n.size()}, {q.native_text.data(), q.native_text.size()}, {nullptr, 0}};
    if (!sink.emit_row(cells)) return;
  }
}

}  // namespace tinkr::mock
