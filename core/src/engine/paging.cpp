// Paging by time; see paging.hpp.
#include "engine/paging.hpp"

#include <tinkr/record_fields.hpp>

#include <functional>
#include <string_view>
#include <type_traits>

namespace tinkr {
namespace {

void mix(uint64_t& h, std::string_view text) {
  h ^= std::hash<std::string_view>{}(text) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
}
void mix(uint64_t& h, int64_t value) {
  mix(h, std::string_view(reinterpret_cast<const char*>(&value), sizeof value));
}

void mix(uint64_t& h, tinkr_str text) {
  mix(h, text.ptr ? std::string_view(text.ptr, static_cast<std::size_t>(text.len)) : std::string_view());
}

template <class Kept>
int64_t time_in(const CView<Kept>& record) {
  int64_t time = 0;
  fields::any_field<CView<Kept>, Kept>([&](const auto& field) {
    if (field.json != fields::Json::time) return false;
    if constexpr (std::is_same_v<std::decay_t<decltype(record.*field.c)>, int64_t>) time = record.*field.c;
    return true;
  });
  return time;
}

/// Every string and number the record holds (a series' points aside): a log record has no id.
template <class Kept>
uint64_t key_of(const CView<Kept>& record) {
  uint64_t h = 0;
  for_each_kept_field<Kept>([&](const auto& field) {
    const auto& value = record.*field.c;
    using Value = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<Value, tinkr_str>)
      mix(h, value);
    else if constexpr (std::is_integral_v<Value>)
      mix(h, static_cast<int64_t>(value));
  });
  return h;
}

}  // namespace

bool can_page_by_time(const planner::Plan& plan) {
  const auto signal = plan.pushed.signal;
  return !plan.residual.is_all() && plan.overfetch && !plan.sort_in_core && plan.pushed.limit > 0 &&
         plan.pushed.order.field == "time" &&
         (signal == ir::Signal::logs || signal == ir::Signal::trace_search);
}

int64_t time_of(const tinkr_log_record& record) {
  return time_in<LogRecord>(record);
}
int64_t time_of(const tinkr_metric_series& record) {
  return time_in<MetricSeries>(record);
}
int64_t time_of(const tinkr_span& record) {
  return time_in<Span>(record);
}
int64_t time_of(const tinkr_trace_summary& record) {
  return time_in<TraceSummary>(record);
}
uint64_t content_key(const tinkr_log_record& record) {
  return key_of<LogRecord>(record);
}
uint64_t content_key(const tinkr_metric_series& record) {
  return key_of<MetricSeries>(record);
}
// Spans and traces have ids: a trace whose summary changed between two pages (a span arrived) is
// still the one already delivered.
uint64_t content_key(const tinkr_span& record) {
  uint64_t h = 0;
  mix(h, record.trace_id);
  mix(h, record.span_id);
  return h;
}
uint64_t content_key(const tinkr_trace_summary& record) {
  uint64_t h = 0;
  mix(h, record.trace_id);
  return h;
}

bool TimePager::first_sighting(int64_t t, uint64_t key) {
  ++page_received_;
  if (t == skip_ns_ && !skip_.empty()) {
    auto it = skip_.find(key);
    if (it != skip_.end() && it->second > 0) {
      --it->second;
      return false;
    }
  }
  const bool beyond = query_.order.descending ? t < edge_ns_ : t > edge_ns_;
  if (!have_edge_ || beyond) {
    have_edge_ = true;
    edge_ns_ = t;
    edge_.clear();
  }
  if (t == edge_ns_) ++edge_[key];
  return true;
}

bool TimePager::advance() {
  if (page_received_ < query_.limit || !have_edge_) return false;
  ir::TimeRange next = query_.time;
  if (query_.order.descending)
    next.to_ns = edge_ns_ + 1;  // to is exclusive: the edge's time is asked for again
  else
    next.from_ns = edge_ns_;
  // A page wholly at one time (more records at one nanosecond than a page holds) cannot advance.
  if (next == query_.time) return false;
  if (next.to_ns != 0 && next.from_ns >= next.to_ns) return false;
  query_.time = next;
  // The records at the edge this page saw; the page before's edge is older (or newer) and done with.
  skip_ = std::move(edge_);
  skip_ns_ = edge_ns_;
  edge_ = {};
  have_edge_ = false;
  page_received_ = 0;
  return true;
}

}  // namespace tinkr
