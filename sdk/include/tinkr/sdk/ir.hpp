// tinkr/sdk/ir.hpp: the query IR, as plain data. One definition serves the core (which builds, plans
// and serialises it) and every plugin (which reads it back from the JSON that crosses the ABI), so the
// two can never disagree about what a query means. docs/ir.md describes it with examples; the JSON
// form is in ir_json.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tinkr::ir {

inline constexpr int kVersion = 1;

// schema: a table's columns and plan (Query::table), sent only to a backend whose describe says
// "schema": true (docs/plugin-abi.md).
// log_groups: the logs a logs query would return, grouped by message and severity, each group with its
// count and first and last time, most frequent first (sdk/log_groups.hpp); sent only to a backend whose
// describe says "log_groups": true. The incident report's error patterns mine these instead of every
// record.
enum class Signal { logs, metrics, trace_search, trace_get, native, schema, log_groups };

/// Filter operators. `in` takes one or more values, `exists` none, every other operator exactly one.
enum class Op { eq, ne, lt, le, gt, ge, in, contains, startswith, matches, exists };

/// How the values of one metric in one bucket become one number: avg, min, max, sum, count, or a
/// percentile (`p95`, `p99.9`: the value that share of the bucket's values do not exceed). The rank is
/// kept in thousandths, so that every name the query language takes (up to three decimals) round-trips
/// exactly and two equal names compare equal.
struct Aggregation {
  enum Kind : uint8_t { avg, min, max, sum, count, percentile };
  Kind kind = avg;
  int32_t rank_thousandths = 0;  // kind == percentile: 1 .. 99'999 (p0.001 .. p99.999)

  // Implicit: `Aggregation::max` names an aggregation where one is expected, as the enum it once was.
  constexpr Aggregation(Kind k = avg) : kind(k) {}  // NOLINT(google-explicit-constructor)
  static constexpr Aggregation make_percentile(int32_t rank_thousandths) {
    Aggregation a(percentile);
    a.rank_thousandths = rank_thousandths;
    return a;
  }
  constexpr bool is_percentile() const { return kind == percentile; }
  /// The rank as a number: 95 for p95, 99.9 for p99.9.
  constexpr double rank() const { return rank_thousandths / 1000.0; }

  friend constexpr bool operator==(const Aggregation&, const Aggregation&) = default;
};

/// A literal in a predicate. Times and durations are int64 nanoseconds; severities are
/// OpenTelemetry severity numbers (see kSeverity*); span status is "unset" | "ok" | "error".
using Value = std::variant<std::string, int64_t, double, bool>;

struct Predicate {
  std::string field;  // canonical: see canonical_field()
  Op op = Op::eq;
  std::vector<Value> values;

  friend bool operator==(const Predicate&, const Predicate&) = default;
};

/// A node of the filter tree. An `all` node matches everything (the empty filter, and `*`).
struct Filter {
  enum class Kind { all, predicate, text, and_, or_, not_ };
  Kind kind = Kind::all;
  Predicate predicate;           // kind == predicate
  std::string text;              // kind == text: a phrase the message contains (case-insensitive)
  std::vector<Filter> children;  // and_ / or_: two or more; not_: exactly one

  // The factories build the node in place (aggregate initialisation of the returned value): the
  // parser makes several per query, and a default node filled in afterwards costs a move per member.
  static Filter all() { return {}; }
  static Filter make_predicate(std::string field, Op op, std::vector<Value> values) {
    return Filter{Kind::predicate, Predicate{std::move(field), op, std::move(values)}, {}, {}};
  }
  static Filter make_text(std::string text) { return Filter{Kind::text, {}, std::move(text), {}}; }
  static Filter make_and(std::vector<Filter> children) { return make_group(Kind::and_, std::move(children)); }
  static Filter make_or(std::vector<Filter> children) { return make_group(Kind::or_, std::move(children)); }
  static Filter make_not(Filter&& child) {
    Filter f{Kind::not_, {}, {}, {}};
    f.children.push_back(std::move(child));
    return f;
  }
  static Filter make_not(const Filter& child) {
    Filter f{Kind::not_, {}, {}, {}};
    f.children.push_back(child);
    return f;
  }
  bool is_all() const { return kind == Kind::all; }

  friend bool operator==(const Filter&, const Filter&) = default;

 private:
  static Filter make_group(Kind kind, std::vector<Filter> children) {
    return Filter{kind, {}, {}, std::move(children)};
  }
};

/// Half-open [from, to) in Unix nanoseconds, UTC.
struct TimeRange {
  int64_t from_ns = 0;
  int64_t to_ns = 0;
  friend bool operator==(const TimeRange&, const TimeRange&) = default;
};

/// Which way results come: by `field` ("time" for records, "duration" for traces, ...).
struct Order {
  std::string field = "time";
  bool descending = true;
  friend bool operator==(const Order&, const Order&) = default;
};

struct MetricsSpec {
  std::vector<std::string> names;
  std::vector<Aggregation> aggregations;  // empty: each metric's default
  int64_t interval_ns = 0;                // 0: chosen by the backend from the range
  Filter dimension_filter;                // over fields "dimensions.<name>"
  std::vector<std::string> group_by;      // dimension names
  int64_t top = 0;                        // 0: all series
  friend bool operator==(const MetricsSpec&, const MetricsSpec&) = default;
};

struct Query {
  Signal signal = Signal::logs;
  std::string service;
  std::string resource_type;  // a backend's hint, e.g. "app_insights", "aks"; empty = default
  TimeRange time;
  int64_t limit = 0;  // 0 = no limit
  Order order;
  Filter filter;
  MetricsSpec metrics;      // signal == metrics
  std::string trace_id;     // signal == trace_get
  std::string native_text;  // signal == native: the backend's own query language
  std::string table;        // signal == schema: the table whose columns are asked for
  // How to ask, not what (ABI 1.3; a host leaves both unset for an older plugin): fresh data rather
  // than an answer the backend's service cached, and the service's cost statistics as a notice.
  bool no_cache = false;
  bool statistics = false;

  friend bool operator==(const Query&, const Query&) = default;
};

// --- names ----------------------------------------------------------------------------------------

inline constexpr std::string_view kSignalNames[] = {"logs",   "metrics", "trace_search", "trace_get",
                                                    "native", "schema",  "log_groups"};
inline constexpr std::string_view kOpNames[] = {"eq", "ne",       "lt",         "le",      "gt",    "ge",
                                                "in", "contains", "startswith", "matches", "exists"};
/// The aggregations with a fixed name; percentiles are named pNN (see aggregation_from_string).
inline constexpr std::string_view kAggregationNames[] = {"avg", "min", "max", "sum", "count"};
/// What a message lists as the aggregations a query may name.
inline constexpr std::string_view kAggregationHelp =
    "avg, min, max, sum, count, or a percentile pNN (p50, p95, p99.9)";

inline std::string_view to_string(Signal s) {
  return kSignalNames[static_cast<int>(s)];
}
inline std::string_view to_string(Op op) {
  return kOpNames[static_cast<int>(op)];
}
/// "avg", ..., "count"; a percentile as "p" and its rank without trailing zeros ("p95", "p99.9").
inline std::string to_string(Aggregation a) {
  if (!a.is_percentile()) return std::string(kAggregationNames[a.kind]);
  std::string out = "p" + std::to_string(a.rank_thousandths / 1000);
  if (int32_t fraction = a.rank_thousandths % 1000; fraction != 0) {
    out += '.';
    for (int32_t digit = 100; fraction != 0; digit /= 10) {
      out += static_cast<char>('0' + fraction / digit);
      fraction %= digit;
    }
  }
  return out;
}

template <typename Enum, std::size_t N>
std::optional<Enum> enum_from_string(const std::string_view (&names)[N], std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}
inline std::optional<Signal> signal_from_string(std::string_view s) {
  return enum_from_string<Signal>(kSignalNames, s);
}
inline std::optional<Op> op_from_string(std::string_view s) {
  return enum_from_string<Op>(kOpNames, s);
}
/// A percentile's rank in thousandths from the text after its "p": one or two digits, then up to three
/// decimals ("95", "99.9", "0.5"), strictly between 0 and 100; nullopt otherwise.
inline std::optional<int32_t> percentile_rank_from_string(std::string_view digits) {
  const auto dot = digits.find('.');
  const std::string_view whole = digits.substr(0, dot);
  const std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : digits.substr(dot + 1);
  if (whole.empty() || whole.size() > 2 || fraction.size() > 3) return std::nullopt;
  if (dot != std::string_view::npos && fraction.empty()) return std::nullopt;
  int32_t rank = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    rank = rank * 10 + (c - '0');
  }
  int32_t scale = 1000;
  for (char c : fraction) {
    if (c < '0' || c > '9') return std::nullopt;
    scale /= 10;
    rank = rank * 10 + (c - '0');
  }
  rank *= scale;
  if (rank <= 0 || rank >= 100'000) return std::nullopt;
  return rank;
}

/// avg, min, max, sum, count, or pNN (see percentile_rank_from_string); nullopt for anything else.
inline std::optional<Aggregation> aggregation_from_string(std::string_view s) {
  if (s.size() > 1 && s.front() == 'p') {
    auto rank = percentile_rank_from_string(s.substr(1));
    if (!rank) return std::nullopt;
    return Aggregation::make_percentile(*rank);
  }
  auto kind = enum_from_string<Aggregation::Kind>(kAggregationNames, s);
  if (!kind) return std::nullopt;
  return Aggregation(*kind);
}

/// Why `s` names no aggregation, for the error every front end gives.
inline std::string bad_aggregation_message(std::string_view s) {
  if (s.size() > 1 && s.front() == 'p')
    return "percentile '" + std::string(s) +
           "' is not valid: pNN takes a rank above 0 and below 100, up to three decimals (p50, p95, p99.9)";
  return "unknown aggregation '" + std::string(s) + "' (known: " + std::string(kAggregationHelp) + ")";
}

// --- canonical fields -----------------------------------------------------------------------------

inline constexpr std::string_view kAttributesPrefix = "attributes.";
inline constexpr std::string_view kDimensionsPrefix = "dimensions.";

/// The canonical fields of OpenTelemetry's data model that the IR knows.
/// `ingestion_time` is when the backend stored a record (Log Analytics' ingestion_time()); records do not
/// carry it, so only a backend that declares it exact can filter on it (tail's polls).
inline constexpr std::string_view kFields[] = {
    "time",          "severity", "body",   "service",     "trace_id", "span_id",         // records
    "name",          "duration", "status", "status_code", "kind",     "parent_span_id",  // spans
    "ingestion_time"                                                                     // the backend's
};

/// The canonical name of a field, resolving aliases (message -> body, level -> severity); nullopt for
/// an unknown field. `attributes.<key>` and `dimensions.<key>` keep their key as written.
inline std::optional<std::string> canonical_field(std::string_view name) {
  if (name.size() > kAttributesPrefix.size() && name.starts_with(kAttributesPrefix)) return std::string(name);
  if (name.size() > kDimensionsPrefix.size() && name.starts_with(kDimensionsPrefix)) return std::string(name);
  if (name == "message" || name == "msg") return std::string("body");
  if (name == "level" || name == "severity_text" || name == "severity_number") return std::string("severity");
  if (name == "timestamp" || name == "@timestamp") return std::string("time");
  if (name == "service.name") return std::string("service");
  for (auto f : kFields)
    if (f == name) return std::string(f);
  return std::nullopt;
}

// --- severity ---------------------------------------------------------------------------------------

// OpenTelemetry severity numbers: each text names a range of four (TRACE 1-4, ..., FATAL 21-24).
inline constexpr int32_t kSeverityTrace = 1;
inline constexpr int32_t kSeverityDebug = 5;
inline constexpr int32_t kSeverityInfo = 9;
inline constexpr int32_t kSeverityWarn = 13;
inline constexpr int32_t kSeverityError = 17;
inline constexpr int32_t kSeverityFatal = 21;

/// The first severity number of a level's range, from its text or an alias (case-insensitive):
/// trace, verbose, debug, info, information, informational, notice, warn, warning, error, err,
/// fatal, critical, crit, alert, emerg. nullopt for anything else.
inline std::optional<int32_t> severity_from_text(std::string_view text) {
  // Lowercased into a small buffer rather than a std::string: this runs for every severity a query
  // names. The longest name, "informational", has 13 characters.
  char buffer[16];
  if (text.size() > sizeof buffer) return std::nullopt;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    buffer[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  const std::string_view t(buffer, text.size());
  // By length first: each comparison is then of a fixed size, which the compiler makes a load and a
  // compare or two.
  switch (t.size()) {
    case 3:
      if (t == "err") return kSeverityError;
      break;
    case 4:
      if (t == "info") return kSeverityInfo;
      if (t == "warn") return kSeverityWarn;
      if (t == "crit") return kSeverityFatal;
      break;
    case 5:
      if (t == "error") return kSeverityError;
      if (t == "trace") return kSeverityTrace;
      if (t == "debug") return kSeverityDebug;
      if (t == "fatal" || t == "alert" || t == "emerg") return kSeverityFatal;
      break;
    case 6:
      if (t == "notice") return kSeverityInfo;
      break;
    case 7:
      if (t == "warning") return kSeverityWarn;
      if (t == "verbose") return kSeverityTrace;
      break;
    case 8:
      if (t == "critical") return kSeverityFatal;
      break;
    case 11:
      if (t == "information") return kSeverityInfo;
      break;
    case 13:
      if (t == "informational") return kSeverityInfo;
      break;
  }
  return std::nullopt;
}

/// The range (1 trace .. 6 fatal) a severity number falls in; 0 for unspecified or out of range.
/// Severity comparisons in the IR compare ranges, so `severity eq 17` matches 17..20 (all errors).
inline int32_t severity_range(int64_t number) {
  if (number < 1 || number > 24) return 0;
  return static_cast<int32_t>((number - 1) / 4 + 1);
}

/// The canonical text of a severity number's range.
inline std::string_view severity_text(int64_t number) {
  static constexpr std::string_view kTexts[] = {"unspecified", "trace", "debug", "info",
                                                "warn",        "error", "fatal"};
  return kTexts[severity_range(number)];
}

}  // namespace tinkr::ir
