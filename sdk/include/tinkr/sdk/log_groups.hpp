// tinkr/sdk/log_groups.hpp: the answer to a log_groups query (ir::Signal::log_groups), the same from
// every backend: one generic table named "log_groups", a row per distinct (body, severity) among the
// logs the query's service, time range and filter select, most frequent first, cut at the query's
// limit. A backend that can count in its own engine (Kusto's summarize, SQL's GROUP BY) sends one row
// per message instead of one per record; the core's template miner then clusters the messages,
// weighting each by its count (docs/incident.md).
#pragma once

#include <tinkr/sdk/records.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tinkr::sdk {

/// One distinct message. Times are Unix nanoseconds; counts honour sampling (Application Insights'
/// ItemCount): a row that stands for 10 records counts 10.
struct LogGroup {
  std::string body;
  int32_t severity_number = 0;  // OpenTelemetry's 1..24; 0 when the backend has no level
  std::string severity_text;
  int64_t count = 0;
  int64_t first_ns = 0;
  int64_t last_ns = 0;
  std::string trace_id;  // one trace the message was logged in; empty when none is known
};

inline constexpr std::string_view kLogGroupsTable = "log_groups";

/// The table's columns, in order; numbers are written in decimal.
inline constexpr std::array<std::string_view, 7> kLogGroupColumnNames = {
    "body",    "severity_number", "severity_text", "count", "first_time_unix_nano", "last_time_unix_nano",
    "trace_id"};

/// Writes the log_groups table: begin() once, then one emit() per group, most frequent first.
class LogGroupWriter {
 public:
  explicit LogGroupWriter(Sink& sink) : sink_(sink) {}

  /// False once the host wants no more.
  bool begin() {
    static constexpr std::string_view kTypes[] = {"string", "int",  "string", "long",
                                                  "long",   "long", "string"};
    Column header[kLogGroupColumnNames.size()];
    for (std::size_t i = 0; i < kLogGroupColumnNames.size(); ++i)
      header[i] = {kLogGroupColumnNames[i], kTypes[i]};
    return sink_.begin_table(kLogGroupsTable, header);
  }

  bool emit(const LogGroup& g) {
    const std::string severity = std::to_string(g.severity_number), count = std::to_string(g.count),
                      first = std::to_string(g.first_ns), last = std::to_string(g.last_ns);
    const tinkr_str cells[] = {to_str(g.body), to_str(severity), to_str(g.severity_text), to_str(count),
                               to_str(first),  to_str(last),     to_str(g.trace_id)};
    return sink_.emit_row(cells);
  }

 private:
  Sink& sink_;
};

}  // namespace tinkr::sdk
