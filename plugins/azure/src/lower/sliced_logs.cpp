// Fetching a logs query in slices; see sliced_logs.hpp.
#include "lower/sliced_logs.hpp"

#include "lower/log_analytics_plan.hpp"
#include "lower/read_answer.hpp"
#include "lower/slice_plan.hpp"

#include <tinkr/sdk/error.hpp>

#include <deque>
#include <memory>

namespace tinkr::azure {

namespace {

constexpr std::string_view kLogAnalytics = "log analytics";

// The count query's answer: one TimeBin per row.
class BinCollector : public decode::RowConsumer {
 public:
  bool begin_table(std::size_t index, std::string_view,
                   std::span<const decode::ColumnInfo> columns) override {
    if (index != 0) return true;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].type == decode::CellType::datetime) time_ = static_cast<int>(i);
      if (columns[i].name == "row_count") rows_ = static_cast<int>(i);
      if (columns[i].name == "data_bytes") bytes_ = static_cast<int>(i);
    }
    if (time_ < 0 || rows_ < 0)
      throw sdk::Error(TINKR_UPSTREAM_UNAVAILABLE,
                       "log analytics answered the row count without its columns");
    return true;
  }
  bool row(std::span<const decode::Cell> cells) override {
    TimeBin bin;
    if (!decode::read_datetime(cells[static_cast<std::size_t>(time_)], bin.start_ns)) return true;
    decode::read_int64(cells[static_cast<std::size_t>(rows_)], bin.rows);
    if (bytes_ >= 0) decode::read_int64(cells[static_cast<std::size_t>(bytes_)], bin.bytes);
    bins.push_back(bin);
    return true;
  }
  std::vector<TimeBin> bins;

 private:
  int time_ = -1, rows_ = -1, bytes_ = -1;
};

// Counts rows per bin over range and appends the slices; a bin over a cap is counted again in bins a
// thousand times finer, down to a millisecond (a slice then still too big comes back partial).
void plan_slices(const ir::Query& query, const ir::TimeRange& range, int64_t wanted,
                 const QueryContext& context, Transport& transport, const sdk::CallContext& call,
                 const AnswerObserver& observe, std::vector<TimeSlice>& out) {
  ir::Query counted = query;
  counted.time = range;
  const int64_t width = count_bin_width_ns(range);
  BinCollector bins;
  call.throw_if_cancelled();
  const decode::ReadResult counting =
      read_answer(transport, make_log_analytics_plan(lower_logs_count_kql(counted, width), range, context),
                  call, bins, kLogAnalytics);
  if (observe) observe(counting);  // the count costs too (statistics)
  int64_t planned = 0;
  for (TimeSlice& slice :
       group_bins(std::move(bins.bins), range, width, query.order.descending, context.slices, wanted)) {
    const int64_t still_wanted = wanted > 0 ? wanted - planned : 0;
    if (slice.oversized && width > 1'000'000) {
      const std::size_t before = out.size();
      plan_slices(query, slice.range, still_wanted, context, transport, call, observe, out);
      for (std::size_t i = before; i < out.size(); ++i) planned += out[i].rows;
      continue;
    }
    planned += slice.rows;
    out.push_back(slice);
  }
}

}  // namespace

bool wants_slicing(const ir::Query& query, const SliceSettings& settings) {
  if (query.limit > settings.max_rows)
    throw sdk::Error(TINKR_INVALID_QUERY, "the limit " + std::to_string(query.limit) +
                                              " is more than this profile allows (max_rows = " +
                                              std::to_string(settings.max_rows) +
                                              "): ask for fewer rows or raise max_rows in the profile");
  if (query.limit <= settings.slice_above_rows || !has_time(query.time)) return false;
  if (query.order.field != "time")
    throw sdk::Error(TINKR_INVALID_QUERY,
                     "more than " + std::to_string(settings.slice_above_rows) +
                         " rows (slice_above_rows) are fetched in time slices, which can only be ordered by "
                         "time, not by '" +
                         query.order.field + "': order by time or ask for fewer rows");
  return true;
}

decode::ReadResult run_sliced_logs(const ir::Query& query, const QueryContext& context, Transport& transport,
                                   const sdk::CallContext& call, decode::RowConsumer& consumer,
                                   const AnswerObserver& observe) {
  std::vector<TimeSlice> slices;
  plan_slices(query, query.time, query.limit, context, transport, call, observe, slices);

  // The take of each slice: none but for the last one needed, which takes what the limit leaves.
  std::vector<int64_t> takes(slices.size(), 0);
  int64_t before = 0;
  for (std::size_t i = 0; i < slices.size(); ++i) {
    if (query.limit > 0 && i + 1 == slices.size() && before < query.limit) takes[i] = query.limit - before;
    before += slices[i].rows;
  }

  decode::ReadResult total;
  std::deque<std::unique_ptr<Answer>> ahead;
  std::size_t next = 0;
  const auto concurrency = static_cast<std::size_t>(std::max(1, context.slices.concurrency));
  while (next < slices.size() || !ahead.empty()) {
    // The answer being decoded counts as one of the requests in flight.
    while (ahead.size() < concurrency && next < slices.size()) {
      call.throw_if_cancelled();
      ahead.push_back(
          transport.open(lower_logs_slice(query, slices[next].range, takes[next], context), call));
      ++next;
    }
    const std::unique_ptr<Answer> answer = std::move(ahead.front());
    ahead.pop_front();
    const decode::ReadResult result = read_answer(*answer, consumer, kLogAnalytics);
    total.tables += result.tables;
    total.rows += result.rows;
    if (observe) observe(result);
    if (result.stopped) {
      total.stopped = true;
      return total;  // the answers still ahead end their transfers as they are destroyed
    }
    if (total.partial_error_code.empty() && result.has_partial_error()) {
      total.partial_error_code = result.partial_error_code;
      total.partial_error_message = result.partial_error_message;
    }
  }
  return total;
}

}  // namespace tinkr::azure
