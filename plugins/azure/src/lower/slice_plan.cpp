// Slice planning; see slice_plan.hpp.
#include "lower/slice_plan.hpp"

#include "kql/literal.hpp"
#include "kql/tables.hpp"
#include "lower/log_analytics_plan.hpp"
#include "lower/lower_logs.hpp"

#include <algorithm>

namespace tinkr::azure {

namespace {

constexpr int64_t kNsPerMs = 1'000'000;

// Adds bins to the slice being built and closes it when the next bin would not fit.
class SliceBuilder {
 public:
  SliceBuilder(const SliceSettings& caps, bool descending, int64_t wanted)
      : row_limit_(std::max<int64_t>(1, caps.row_cap - caps.row_cap / 10)),
        byte_limit_(caps.byte_budget),
        descending_(descending),
        wanted_(wanted) {}

  /// The range edge where the slice being built starts (its newest end when descending).
  void open_at(int64_t edge) { edge_ = edge; }

  /// Adds the bin [start, end); false once the slices hold the rows wanted.
  bool add(int64_t start, int64_t end, int64_t rows, int64_t bytes) {
    const bool alone_too_big = rows > row_limit_ || bytes > byte_limit_;
    const bool overflows = current_.rows + rows > row_limit_ || current_.bytes + bytes > byte_limit_;
    if ((alone_too_big || overflows) && current_.rows > 0) close(descending_ ? end : start);
    current_.rows += rows;
    current_.bytes += bytes;
    total_ += rows;
    if (alone_too_big) {
      current_.oversized = true;
      close(descending_ ? start : end);
    }
    if (wanted_ > 0 && total_ >= wanted_) {
      if (current_.rows > 0) close(descending_ ? start : end);
      return false;
    }
    return true;
  }

  /// Closes the last slice at the range's far edge.
  void finish(int64_t far_edge) {
    if (edge_ == far_edge) return;
    if (current_.rows > 0 || slices.empty()) return close(far_edge);
    // Nothing was counted past the last slice: it reaches to the edge rather than costing a request.
    (descending_ ? slices.back().range.from_ns : slices.back().range.to_ns) = far_edge;
  }

  std::vector<TimeSlice> slices;

 private:
  void close(int64_t at) {
    current_.range = descending_ ? ir::TimeRange{at, edge_} : ir::TimeRange{edge_, at};
    if (current_.range.from_ns < current_.range.to_ns) slices.push_back(current_);
    current_ = {};
    edge_ = at;
  }

  int64_t row_limit_, byte_limit_;
  bool descending_;
  int64_t wanted_;
  int64_t total_ = 0;
  int64_t edge_ = 0;
  TimeSlice current_;
};

}  // namespace

int64_t count_bin_width_ns(const ir::TimeRange& range) {
  const int64_t span_ms = (range.to_ns - range.from_ns + kNsPerMs - 1) / kNsPerMs;
  return std::max<int64_t>(1, (span_ms + kCountBins - 1) / kCountBins) * kNsPerMs;
}

std::string lower_logs_count_kql(const ir::Query& query, int64_t bin_width_ns) {
  const std::string_view time = kql::table_for(query.resource_type).time.column;
  std::string kql = lower_logs_rows_kql(query, TimeBounds::half_open);
  kql += " | summarize row_count = count(), data_bytes = sum(estimate_data_size(*)) by ";
  kql += time;
  kql += " = bin_at(";
  kql += time;
  kql += ", ";
  kql::append_long(kql, bin_width_ns / kNsPerMs);
  kql += "ms, ";
  kql::append_datetime(kql, query.time.from_ns);
  kql += ')';
  return kql;
}

std::vector<TimeSlice> group_bins(std::vector<TimeBin> bins, const ir::TimeRange& range, int64_t width_ns,
                                  bool descending, const SliceSettings& caps, int64_t wanted) {
  std::sort(bins.begin(), bins.end(), [descending](const TimeBin& a, const TimeBin& b) {
    return descending ? a.start_ns > b.start_ns : a.start_ns < b.start_ns;
  });
  SliceBuilder builder(caps, descending, wanted);
  builder.open_at(descending ? range.to_ns : range.from_ns);
  for (const TimeBin& bin : bins) {
    // A bin the answer places outside the range (it should not) is clamped to it.
    const int64_t start = std::clamp(bin.start_ns, range.from_ns, range.to_ns);
    const int64_t end = std::clamp(bin.start_ns + width_ns, range.from_ns, range.to_ns);
    if (start >= end || bin.rows <= 0) continue;
    if (!builder.add(start, end, bin.rows, std::max<int64_t>(0, bin.bytes))) return std::move(builder.slices);
  }
  builder.finish(descending ? range.from_ns : range.to_ns);
  return std::move(builder.slices);
}

RequestPlan lower_logs_slice(const ir::Query& query, const ir::TimeRange& slice, int64_t take,
                             const QueryContext& context) {
  ir::Query sliced = query;
  sliced.time = slice;
  std::string kql = lower_logs_rows_kql(sliced, TimeBounds::half_open);
  append_order_and_take(kql, sliced, take);
  return make_log_analytics_plan(std::move(kql), slice, context);
}

}  // namespace tinkr::azure
