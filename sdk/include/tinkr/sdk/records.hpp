// tinkr/sdk/records.hpp: the records a plugin produces, as C++ views, and the Sink that carries them
// to the host. Strings are Text (a std::string_view): borrowed for the emit call, copied by the host.
#pragma once

#include <tinkr/plugin.h>
#include <tinkr/sdk/host.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tinkr::sdk {

/// A string field of a record: a std::string_view (it reads and compares as one) that refuses to be
/// made from a temporary std::string. `r.service = name.empty() ? "x" : name;` yields a temporary
/// string destroyed at the end of the statement; with a plain string_view field that compiles and the
/// host later copies freed stack memory. With Text it does not compile: keep the string in a variable
/// that outlives sink.emit(), or pick between views (`name.empty() ? std::string_view("x") : name`).
class Text : public std::string_view {
 public:
  constexpr Text() noexcept = default;
  constexpr Text(std::string_view view) noexcept : std::string_view(view) {}
  constexpr Text(const char* text) : std::string_view(text) {}
  constexpr Text(const char* text, std::size_t size) : std::string_view(text, size) {}
  Text(const std::string& text) noexcept : std::string_view(text) {}
  Text(std::string&&) = delete;  // a view of a temporary dangles once the statement ends
};

struct LogRecord {
  int64_t time_ns = 0;
  int32_t severity_number = 0;  // OpenTelemetry 1..24; 0 unspecified
  Text severity_text;
  Text body;
  Text service;
  Text trace_id;
  Text span_id;
  Text attributes_json;
  int64_t item_count = 1;
};

using MetricPoint = tinkr_metric_point;

/// A series' points: a std::span that, like Text, refuses a temporary std::vector.
class Points : public std::span<const MetricPoint> {
 public:
  constexpr Points() noexcept = default;
  constexpr Points(std::span<const MetricPoint> points) noexcept : std::span<const MetricPoint>(points) {}
  constexpr Points(const MetricPoint* points, std::size_t count)
      : std::span<const MetricPoint>(points, count) {}
  Points(const std::vector<MetricPoint>& points) noexcept : std::span<const MetricPoint>(points) {}
  Points(std::vector<MetricPoint>&&) = delete;  // a view of a temporary dangles once the statement ends
};

struct MetricSeries {
  Text metric;
  Text native_metric;
  Text aggregation;
  Text unit;
  Text service;
  Text dimensions_json;
  int64_t interval_ns = 0;
  Points points;
};

struct Span {
  Text trace_id;
  Text span_id;
  Text parent_span_id;
  Text service;
  Text name;
  Text kind;
  int64_t start_ns = 0;
  int64_t duration_ns = 0;
  int32_t status = TINKR_SPAN_STATUS_UNSET;
  uint32_t flags = 0;
  Text status_code;
  Text attributes_json;
  Text events_json;
};

struct TraceSummary {
  Text trace_id;
  Text service;
  Text name;
  int64_t start_ns = 0;
  int64_t duration_ns = 0;
  int32_t status = TINKR_SPAN_STATUS_UNSET;
  Text status_code;
  int64_t span_count = 0;
  int64_t error_count = 0;
};

struct Column {
  Text name;
  Text type;
};

/// The host's sink. Each emit returns true to go on and false once the host wants no more (its limit
/// is reached or the call was cancelled): the plugin then stops producing and returns.
class Sink {
 public:
  explicit Sink(const tinkr_sink* raw) noexcept : raw_(raw) {}

  bool emit(const LogRecord& r) {
    tinkr_log_record c{};
    c.struct_size = sizeof c;
    c.time_unix_nano = r.time_ns;
    c.severity_number = r.severity_number;
    c.severity_text = to_str(r.severity_text);
    c.body = to_str(r.body);
    c.service = to_str(r.service);
    c.trace_id = to_str(r.trace_id);
    c.span_id = to_str(r.span_id);
    c.attributes_json = to_str(r.attributes_json);
    c.item_count = r.item_count;
    return accept(raw_->log_record ? raw_->log_record(raw_->ctx, &c) : TINKR_UNSUPPORTED);
  }

  bool emit(const MetricSeries& s) {
    tinkr_metric_series c{};
    c.struct_size = sizeof c;
    c.metric = to_str(s.metric);
    c.native_metric = to_str(s.native_metric);
    c.aggregation = to_str(s.aggregation);
    c.unit = to_str(s.unit);
    c.service = to_str(s.service);
    c.dimensions_json = to_str(s.dimensions_json);
    c.interval_ns = s.interval_ns;
    c.points = s.points.data();
    c.point_count = s.points.size();
    return accept(raw_->metric_series ? raw_->metric_series(raw_->ctx, &c) : TINKR_UNSUPPORTED);
  }

  bool emit(const Span& s) {
    tinkr_span c{};
    c.struct_size = sizeof c;
    c.trace_id = to_str(s.trace_id);
    c.span_id = to_str(s.span_id);
    c.parent_span_id = to_str(s.parent_span_id);
    c.service = to_str(s.service);
    c.name = to_str(s.name);
    c.kind = to_str(s.kind);
    c.start_unix_nano = s.start_ns;
    c.duration_ns = s.duration_ns;
    c.status = s.status;
    c.flags = s.flags;
    c.status_code = to_str(s.status_code);
    c.attributes_json = to_str(s.attributes_json);
    c.events_json = to_str(s.events_json);
    return accept(raw_->span ? raw_->span(raw_->ctx, &c) : TINKR_UNSUPPORTED);
  }

  bool emit(const TraceSummary& s) {
    tinkr_trace_summary c{};
    c.struct_size = sizeof c;
    c.trace_id = to_str(s.trace_id);
    c.service = to_str(s.service);
    c.name = to_str(s.name);
    c.start_unix_nano = s.start_ns;
    c.duration_ns = s.duration_ns;
    c.status = s.status;
    c.status_code = to_str(s.status_code);
    c.span_count = s.span_count;
    c.error_count = s.error_count;
    return accept(raw_->trace_summary ? raw_->trace_summary(raw_->ctx, &c) : TINKR_UNSUPPORTED);
  }

  bool begin_table(std::string_view name, std::span<const Column> columns) {
    std::vector<tinkr_column> c;
    c.reserve(columns.size());
    for (const auto& col : columns) c.push_back({to_str(col.name), to_str(col.type)});
    return accept(raw_->table_begin ? raw_->table_begin(raw_->ctx, to_str(name), c.data(), c.size())
                                    : TINKR_UNSUPPORTED);
  }

  /// One row of the current table; a cell whose ptr is NULL is null.
  bool emit_row(std::span<const tinkr_str> cells) {
    return accept(raw_->table_row ? raw_->table_row(raw_->ctx, cells.data(), cells.size())
                                  : TINKR_UNSUPPORTED);
  }

  /// A partial result: what is missing from the records emitted so far.
  bool warn(std::string_view message) {
    return accept(raw_->warning ? raw_->warning(raw_->ctx, to_str(message)) : TINKR_OK);
  }

  /// Beside the records, not a partial result (ABI 1.3): kind "statistics" with a JSON object of what
  /// the query cost, or "info" with a sentence. Dropped by a host older than 1.3.
  bool notice(std::string_view kind, std::string_view text) {
    const bool has = raw_->struct_size >= offsetof(tinkr_sink, notice) + sizeof raw_->notice && raw_->notice;
    return accept(has ? raw_->notice(raw_->ctx, to_str(kind), to_str(text)) : TINKR_OK);
  }

  /// TINKR_OK while the host wants more, otherwise the status that stopped it.
  int32_t stop_status() const noexcept { return stop_status_; }
  bool stopped() const noexcept { return stop_status_ != TINKR_OK; }

 private:
  bool accept(int32_t status) {
    if (status != TINKR_OK && stop_status_ == TINKR_OK) stop_status_ = status;
    return status == TINKR_OK;
  }

  const tinkr_sink* raw_;
  int32_t stop_status_ = TINKR_OK;
};

}  // namespace tinkr::sdk
