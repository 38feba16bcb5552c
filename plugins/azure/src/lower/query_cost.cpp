// Summing and reporting a query's cost; see query_cost.hpp.
#include "lower/query_cost.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>

namespace tinkr::azure {

namespace {

int64_t seconds_of(const std::string& age) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(age.data(), age.data() + age.size(), value);
  return error == std::errc() && end == age.data() + age.size() ? value : -1;
}

}  // namespace

void QueryCost::add(const decode::ReadResult& answer) {
  ++answers_;
  rows_ += answer.rows;
  bytes_ += answer.bytes;
  largest_rows_ = std::max(largest_rows_, answer.rows);
  largest_bytes_ = std::max(largest_bytes_, answer.bytes);
  if (const int64_t age = seconds_of(answer.age); age > 0) {
    ++cached_answers_;
    if (seconds_of(oldest_age_) < age) oldest_age_ = answer.age;
  }
  const decode::AnswerStatistics& s = answer.statistics;
  if (!s.present) return;
  ++with_statistics_;
  sum_.execution_seconds += s.execution_seconds;
  sum_.cpu_ns += s.cpu_ns;
  sum_.scanned_bytes += s.scanned_bytes;
  sum_.rows_scanned += s.rows_scanned;
  sum_.extents_scanned += s.extents_scanned;
}

std::string QueryCost::statistics_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto integer = [&w](const char* key, int64_t value) {
    w.Key(key);
    w.Int64(value);
  };
  w.StartObject();
  integer("answers", answers_);
  integer("data_scanned_bytes", sum_.scanned_bytes);
  integer("rows_scanned", sum_.rows_scanned);
  integer("extents_scanned", sum_.extents_scanned);
  integer("cpu_ns", sum_.cpu_ns);
  integer("execution_ns", static_cast<int64_t>(sum_.execution_seconds * 1e9));
  integer("rows_returned", static_cast<int64_t>(rows_));
  integer("bytes_returned", static_cast<int64_t>(bytes_));
  integer("largest_answer_rows", static_cast<int64_t>(largest_rows_));
  integer("largest_answer_bytes", static_cast<int64_t>(largest_bytes_));
  integer("row_cap", row_cap_);
  integer("byte_cap", byte_cap_);
  integer("cached_answers", cached_answers_);
  if (billed_) {  // Basic and Auxiliary tables are billed per GB scanned
    integer("billed_bytes", sum_.scanned_bytes);
    w.Key("billed_table");
    w.String(billed_->table.c_str(), static_cast<rapidjson::SizeType>(billed_->table.size()));
    const std::string_view plan = plan_name(billed_->plan);
    w.Key("billed_plan");
    w.String(plan.data(), static_cast<rapidjson::SizeType>(plan.size()));
  }
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

void QueryCost::report(sdk::Sink& sink, bool statistics_asked) const {
  if (sink.stopped()) return;
  if (cached_answers_ > 0)
    sink.notice("info", std::string(cached_answers_ == answers_ ? "the answer" : "part of the answer") +
                            " came from Log Analytics' cache (Age: " + oldest_age_ +
                            " s): rows ingested since are missing; ask with no-cache for fresh data");
  if (statistics_asked && with_statistics_ > 0) sink.notice("statistics", statistics_json());
}

}  // namespace tinkr::azure
