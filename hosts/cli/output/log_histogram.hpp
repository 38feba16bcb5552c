// `tinkr logs ... --histogram`: how many log records there were over the window, by severity, in
// buckets of a round size chosen from the window's length (docs/cli.md "Charts"). Counted here over
// every record the query returns (the IR has no count-by-bucket aggregation for logs), so the count is
// complete unless the query's limit cut it, which `complete` says.
#pragma once

#include "output/output_format.hpp"

#include <tinkr/records.hpp>

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace tinkr::cli {

/// The severities a histogram tells apart, worst first (OpenTelemetry's ranges; `unspecified` is 0 or
/// anything outside 1..24).
enum class SeverityClass { fatal, error, warn, info, debug, trace, unspecified };
inline constexpr std::size_t kSeverityClasses = 7;

class LogHistogram {
 public:
  /// The buckets cover [from_ns, to_ns): each `bucket_ns` long, starting on a whole multiple of it
  /// since the epoch (so two runs give the same edges), the first holding from_ns.
  LogHistogram(std::string service, int64_t from_ns, int64_t to_ns, int64_t bucket_ns);

  /// The round bucket size (1s, 5s, ..., 1m, 2m, 5m, ..., 1d, 7d) that splits the window into at most
  /// `most` buckets.
  static int64_t bucket_for(int64_t window_ns, int most = 30);

  /// Counts one record (its item_count: a sampled record stands for that many). Records outside the
  /// window are not counted.
  void add(const LogRecord& record);
  /// The limit stopped the query (newest first): only the buckets from the oldest record counted on
  /// are whole.
  void mark_cut() { cut_ = true; }

  const std::string& service() const { return service_; }
  int64_t from_ns() const { return from_ns_; }
  int64_t to_ns() const { return to_ns_; }
  int64_t bucket_ns() const { return bucket_ns_; }
  int64_t bucket_start(std::size_t i) const { return first_ns_ + static_cast<int64_t>(i) * bucket_ns_; }
  std::size_t buckets() const { return counts_.size(); }
  int64_t count(std::size_t bucket, SeverityClass severity) const {
    return counts_[bucket][static_cast<std::size_t>(severity)];
  }
  int64_t total(std::size_t bucket) const;
  int64_t records() const { return records_; }
  int64_t oldest_ns() const { return oldest_ns_; }  // of the records counted (0: none)
  bool complete() const { return !cut_; }
  /// The severities any bucket has, worst first.
  std::vector<SeverityClass> present() const;

 private:
  std::string service_;
  int64_t from_ns_, to_ns_, bucket_ns_, first_ns_;
  std::vector<std::array<int64_t, kSeverityClasses>> counts_;
  int64_t records_ = 0;
  int64_t oldest_ns_ = 0;
  bool cut_ = false;
};

SeverityClass severity_class(int32_t severity_number);
std::string_view severity_class_name(SeverityClass severity);  // "fatal", "error", ...

/// The histogram as text: a title, a legend, then one row per bucket (its time, a count per severity
/// present, the total, and a bar stacked worst first, each severity its own shade). A cut count says
/// so above the rows. Colour only when style.colour; the bar fits style.width (40 columns off a terminal).
void print_histogram(const LogHistogram& histogram, std::ostream& out, const Style& style);

/// The numbers, no drawing: {"service","from","to","bucket","bucket_ns","records","complete",
/// "complete_from","severities":[...],"buckets":[{"time","total","counts":{"error":3,...}}]}.
std::string histogram_to_json(const LogHistogram& histogram);

}  // namespace tinkr::cli
