// tinkr/sdk/records.hpp: the records a plugin produces, as C++ views, and the Sink that carries them
// to the host. Strings are Text (a std::string_view): borrowed for the emit call, copied by the host.
#pragma once

#include <tinkr/plugin.h>
#include <tinkr/sdk/host.hpp>
#include <tinkr/sdk/record_fields.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
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

/// A record as plugin.h's C view of it, field by field as record_fields.hpp lists them. The view
/// borrows the record's strings and points.
template <class CView, class Record>
CView to_c_view(const Record& record) noexcept {
  CView c{};
  c.struct_size = sizeof c;
  fields::for_each_field<CView, Record>([&](const auto& field) {
    const auto& value = record.*field.member;
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, Text>) {
      c.*field.c = to_str(value);
    } else if constexpr (std::is_same_v<Value, Points>) {
      c.*field.c = value.data();
      c.point_count = value.size();
    } else {
      c.*field.c = value;
    }
  });
  return c;
}

/// The host's sink. Each emit returns true to go on and false once the host wants no more (its limit
/// is reached or the call was cancelled): the plugin then stops producing and returns.
class Sink {
 public:
  explicit Sink(const tinkr_sink* raw) noexcept : raw_(raw) {}

  bool emit(const LogRecord& r) {
    const auto c = to_c_view<tinkr_log_record>(r);
    return accept(raw_->log_record ? raw_->log_record(raw_->ctx, &c) : TINKR_UNSUPPORTED);
  }

  bool emit(const MetricSeries& s) {
    const auto c = to_c_view<tinkr_metric_series>(s);
    return accept(raw_->metric_series ? raw_->metric_series(raw_->ctx, &c) : TINKR_UNSUPPORTED);
  }

  bool emit(const Span& s) {
    const auto c = to_c_view<tinkr_span>(s);
    return accept(raw_->span ? raw_->span(raw_->ctx, &c) : TINKR_UNSUPPORTED);
  }

  bool emit(const TraceSummary& s) {
    const auto c = to_c_view<tinkr_trace_summary>(s);
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
