// Paging by time; see paging.hpp.
#include "engine/paging.hpp"

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

int64_t time_of(const Record& record) {
  return std::visit(
      [](const auto& r) -> int64_t {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, LogRecord>) return r.time_ns;
        if constexpr (std::is_same_v<T, Span> || std::is_same_v<T, TraceSummary>) return r.start_ns;
        return 0;
      },
      record);
}

/// What tells two records at the same time apart.
uint64_t key_of(const Record& record) {
  uint64_t h = 0;
  std::visit(
      [&h](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, LogRecord>) {
          mix(h, r.body);
          mix(h, r.service);
          mix(h, r.trace_id);
          mix(h, r.span_id);
          mix(h, r.attributes_json);
          mix(h, int64_t{r.severity_number});
        } else if constexpr (std::is_same_v<T, TraceSummary>) {
          mix(h, r.trace_id);
        } else if constexpr (std::is_same_v<T, Span>) {
          mix(h, r.trace_id);
          mix(h, r.span_id);
        }
      },
      record);
  return h;
}

}  // namespace

bool can_page_by_time(const planner::Plan& plan) {
  const auto signal = plan.pushed.signal;
  return !plan.residual.is_all() && plan.overfetch && !plan.sort_in_core && plan.pushed.limit > 0 &&
         plan.pushed.order.field == "time" &&
         (signal == ir::Signal::logs || signal == ir::Signal::trace_search);
}

bool TimePager::first_sighting(const Record& record) {
  ++page_received_;
  const int64_t t = time_of(record);
  const uint64_t key = key_of(record);
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
