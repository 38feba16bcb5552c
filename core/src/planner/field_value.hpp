// One field of one record, as the residual evaluator sees it: absent, or a typed view. Views point
// into the record or into the evaluation's parsed attributes, and live as long as those.
#pragma once

#include <tinkr/records.hpp>

#include <rapidjson/document.h>

#include <cstdint>
#include <deque>
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

/// Per-record state of one matches() call: the attributes (or dimensions) JSON is parsed at most once,
/// and only when a predicate asks for it.
class RecordView {
 public:
  explicit RecordView(const Record& record) : record_(record) {}

  /// The canonical field's value in this record; absent when the record kind has no such field, the
  /// string is empty, or the attribute is missing or null.
  FieldValue field(const std::string& name);

  /// The text that free-text search looks in: a log's body, a span's or trace's name, a series' metric.
  std::string_view searchable_text() const;

 private:
  FieldValue attribute(std::string_view json, std::string_view key);
  FieldValue from_json(const rapidjson::Value& value);

  const Record& record_;
  std::optional<rapidjson::Document> attributes_;
  std::deque<std::string> scratch_;  // serialised objects and arrays that views point into
};

}  // namespace tinkr::planner::detail
