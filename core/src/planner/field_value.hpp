// One field of one record, as the residual evaluator sees it: absent, or a typed view. Views point
// into the record or into the evaluation's parsed attributes, and live as long as those. A record is
// either the C view a plugin passed (tinkr_log_record, ...: the engine filters before it copies) or a
// record the core keeps (LogRecord, ...); its fields are found through the record vocabulary
// (tinkr/record_fields.hpp).
#pragma once

#include <tinkr/plugin.h>
#include <tinkr/records.hpp>

#include <rapidjson/document.h>

#include <cstdint>
#include <forward_list>
#include <optional>
#include <string>
#include <string_view>

namespace tinkr::planner::detail {

struct FieldValue {
  enum class Kind { absent, text, integer, real, boolean, severity, status };
  Kind kind = Kind::absent;
  std::string_view text;  // text, status ("unset" | "ok" | "error"); and the JSON text of objects/arrays
  int64_t integer = 0;    // integer; severity (an OpenTelemetry number, 1..24)
  double real = 0;
  bool boolean = false;
};

/// A record's attributes (or dimensions) JSON, parsed at most once and only when a predicate asks
/// for a member of it. Allocates nothing until then.
class AttributeLookup {
 public:
  /// `key`'s value in `json` (the record's one attributes object: a second call reuses the parse).
  FieldValue find(std::string_view json, std::string_view key);

 private:
  FieldValue from_json(const rapidjson::Value& value);

  std::optional<rapidjson::Document> attributes_;
  std::forward_list<std::string> scratch_;  // serialised objects and arrays that views point into
};

/// Per-record state of one matches() call on a record of type R (a C view or a kept record).
template <class R>
class RecordView {
 public:
  explicit RecordView(const R& record) : record_(record) {}

  /// The canonical field's value in this record; absent when the record kind has no such field, the
  /// string is empty, or the attribute is missing or null.
  FieldValue field(const std::string& name);

  /// The text that free-text search looks in: a log's body, a span's or trace's name, a series' metric.
  std::string_view searchable_text() const;

 private:
  const R& record_;
  AttributeLookup attributes_;
};

extern template class RecordView<LogRecord>;
extern template class RecordView<MetricSeries>;
extern template class RecordView<Span>;
extern template class RecordView<TraceSummary>;
extern template class RecordView<tinkr_log_record>;
extern template class RecordView<tinkr_metric_series>;
extern template class RecordView<tinkr_span>;
extern template class RecordView<tinkr_trace_summary>;

}  // namespace tinkr::planner::detail
