// Paging through a backend by time when a residual filter runs in core. The backend is asked for a
// bounded page (newest first, or oldest first), the core filters it, and when the page was full and the
// limit is not met yet the next page asks for what lies beyond the page's last record. Records that share
// the last record's time may be split across two pages: the next page reaches back to include that time
// and skips the ones already seen, so nothing is lost and nothing is delivered twice.
#pragma once

#include "tinkr/ir.hpp"
#include "tinkr/planner.hpp"
#include "tinkr/plugin.h"

#include <cstdint>
#include <unordered_map>

namespace tinkr {

/// Stop paging once this many records were read for one query: the query's deadline still applies,
/// but this keeps one query from walking a whole month record by record.
inline constexpr int64_t kMaxPagedRecords = 2'000'000;

/// Can the core page this plan by time? Only when a residual runs in core, the backend orders by time
/// and cuts at the pushed limit.
bool can_page_by_time(const planner::Plan& plan);

/// A record's time (a log's time, a span's or trace's start; 0 for a metric series), and a key that
/// tells two records at the same time apart (a span's or trace's ids; every field of a log record).
int64_t time_of(const tinkr_log_record& record);
int64_t time_of(const tinkr_metric_series& record);
int64_t time_of(const tinkr_span& record);
int64_t time_of(const tinkr_trace_summary& record);
uint64_t content_key(const tinkr_log_record& record);
uint64_t content_key(const tinkr_metric_series& record);
uint64_t content_key(const tinkr_span& record);
uint64_t content_key(const tinkr_trace_summary& record);

class TimePager {
 public:
  explicit TimePager(const ir::Query& pushed) : query_(pushed) {}

  /// Called for every record the backend sends, before the residual filter (a C view: nothing is
  /// copied yet): false when the record was delivered by the page before (same time as its edge, same
  /// content), so it is skipped.
  template <class CView>
  bool first_sighting(const CView& record) {
    return first_sighting(time_of(record), content_key(record));
  }

  /// After a page: moves the query to the next page. False when there is none (the page was short,
  /// the window is exhausted, or the page could not advance).
  bool advance();

  const ir::Query& query() const { return query_; }
  int64_t page_received() const { return page_received_; }

 private:
  bool first_sighting(int64_t time_ns, uint64_t key);

  ir::Query query_;
  int64_t page_received_ = 0;
  bool have_edge_ = false;
  int64_t edge_ns_ = 0;                         // the last (oldest, or newest) time of this page
  std::unordered_map<uint64_t, int64_t> edge_;  // keys of this page's records at edge_ns_
  int64_t skip_ns_ = 0;                         // the previous page's edge time
  std::unordered_map<uint64_t, int64_t> skip_;  // its records there, to skip once each
};

}  // namespace tinkr
