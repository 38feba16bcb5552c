// From what a host's flags or JSON body name (QuerySpec) to the IR: parse the query text, resolve
// the time range against now, and fill each signal's defaults.
#include "tinkr/engine.hpp"

namespace tinkr {
namespace {

constexpr int64_t kDefaultLogLimit = 100;
constexpr int64_t kDefaultTraceLimit = 20;
// A trace id names one trace whenever it happened: look it up over Log Analytics' default retention
// (30 days) unless the request says where to look, rather than over the last hour of other signals.
constexpr std::string_view kDefaultTraceWindow = "30d";

}  // namespace

Expected<ir::Query> Engine::build(const QuerySpec& spec) const {
  ir::Query q;
  q.signal = spec.signal;
  q.service = spec.service;
  q.resource_type = spec.resource_type;
  const bool whole_history =
      spec.signal == ir::Signal::trace_get && spec.since.empty() && spec.from.empty() && spec.to.empty();
  auto range = query::parse_time_range(whole_history ? kDefaultTraceWindow : std::string_view(spec.since),
                                       spec.from, spec.to, now_ns());
  if (!range) return Unexpected(range.error());
  q.time = *range;
  switch (spec.signal) {
    case ir::Signal::logs:
    case ir::Signal::log_groups:
    case ir::Signal::trace_search: {
      auto filter = query::parse_filter(spec.text);
      if (!filter) return Unexpected(filter.error());
      q.filter = std::move(*filter);
      q.limit = spec.limit > 0
                    ? spec.limit
                    : (spec.signal == ir::Signal::trace_search ? kDefaultTraceLimit : kDefaultLogLimit);
      if (spec.signal == ir::Signal::trace_search) q.order = ir::Order{"duration", true};
      break;
    }
    case ir::Signal::metrics:
      q.metrics = spec.metrics;
      break;
    case ir::Signal::trace_get:
      q.trace_id = spec.trace_id;
      break;
    case ir::Signal::schema:
      q.table = spec.text;
      q.time = {};  // a table's columns have no time range
      break;
    case ir::Signal::native:
      q.native_text = spec.text;
      q.limit = spec.limit;
      break;
  }
  if (spec.order) q.order = *spec.order;
  q.no_cache = spec.no_cache;
  q.statistics = spec.statistics;
  return q;
}

}  // namespace tinkr
