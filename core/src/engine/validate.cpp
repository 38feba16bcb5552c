#include "engine/validate.hpp"

#include <algorithm>
#include <string>

namespace tinkr {
namespace {

// Bounds on the sizes a query may have. Far above what a person or a dashboard asks, and low enough
// that no step (planning, the residual filter, a backend's generated SQL or KQL) does work out of
// proportion to a request: 100,000 metric names once cost 23 s of CPU, and 997 OR'd words overflowed
// SQLite's expression depth.
constexpr std::size_t kMaxMetricNames = 100;
constexpr std::size_t kMaxAggregations = 16;
constexpr std::size_t kMaxGroupBy = 20;
constexpr std::size_t kMaxFilterTerms = 500;
constexpr std::size_t kMaxFilterValues = 5'000;
constexpr std::size_t kMaxFilterDepth = 64;

struct FilterSize {
  std::size_t terms = 0;  // predicates and free-text words: the leaves
  std::size_t values = 0;
  std::size_t depth = 0;
};

// Stops descending past the depth bound, so that a hostile tree cannot exhaust the stack here either.
void measure(const ir::Filter& filter, std::size_t depth, FilterSize& size) {
  size.depth = std::max(size.depth, depth);
  if (depth > kMaxFilterDepth) return;
  if (filter.children.empty()) ++size.terms;
  size.values += filter.predicate.values.size();
  for (const auto& child : filter.children) measure(child, depth + 1, size);
}

Expected<void> check_filter(const ir::Filter& filter, const std::string& what) {
  if (filter.is_all()) return {};
  FilterSize size;
  measure(filter, 1, size);
  if (size.depth > kMaxFilterDepth)
    return fail(Error::Code::invalid_query,
                "the " + what + " nests deeper than " + std::to_string(kMaxFilterDepth) + " levels");
  if (size.terms > kMaxFilterTerms)
    return fail(Error::Code::invalid_query,
                "the " + what + " has " + std::to_string(size.terms) + " terms; at most " +
                    std::to_string(kMaxFilterTerms) +
                    " (values of one field, field:(a OR b OR ...), count as one)");
  if (size.values > kMaxFilterValues)
    return fail(Error::Code::invalid_query, "the " + what + " lists " + std::to_string(size.values) +
                                                " values; at most " + std::to_string(kMaxFilterValues));
  return {};
}

Expected<void> check_count(std::size_t count, std::size_t limit, const std::string& what) {
  if (count <= limit) return {};
  return fail(Error::Code::invalid_query, "a metrics query names " + std::to_string(count) + " " + what +
                                              "; at most " + std::to_string(limit));
}

Expected<void> check_sizes(const ir::Query& q) {
  if (auto ok = check_filter(q.filter, "filter"); !ok) return ok;
  if (q.signal != ir::Signal::metrics) return {};
  if (auto ok = check_count(q.metrics.names.size(), kMaxMetricNames, "metrics"); !ok) return ok;
  if (auto ok = check_count(q.metrics.aggregations.size(), kMaxAggregations, "aggregations"); !ok) return ok;
  if (auto ok = check_count(q.metrics.group_by.size(), kMaxGroupBy, "group-by dimensions"); !ok) return ok;
  return check_filter(q.metrics.dimension_filter, "dimension filter");
}

}  // namespace

Expected<void> validate_query(const ir::Query& q) {
  const std::string signal(ir::to_string(q.signal));
  if (q.time.from_ns < 0 || q.time.to_ns < 0)
    return fail(Error::Code::invalid_query, "the time range must not start before 1970");
  if (q.time.to_ns != 0 && q.time.from_ns >= q.time.to_ns)
    return fail(Error::Code::invalid_query, "the time range is empty: 'from' must come before 'to'");
  if (q.limit < 0) return fail(Error::Code::invalid_query, "the limit must not be negative");
  switch (q.signal) {
    case ir::Signal::trace_get:
      if (q.trace_id.empty()) return fail(Error::Code::invalid_query, "a trace_get query needs a trace id");
      break;
    case ir::Signal::schema:
      if (q.table.empty()) return fail(Error::Code::invalid_query, "a schema query needs a table name");
      break;
    case ir::Signal::native:
      if (q.native_text.empty())
        return fail(Error::Code::invalid_query, "a native query needs the query text");
      break;
    case ir::Signal::metrics:
      if (q.metrics.names.empty())
        return fail(Error::Code::invalid_query, "a metrics query needs a metric name");
      if (q.metrics.interval_ns < 0 || q.metrics.top < 0)
        return fail(Error::Code::invalid_query, "metric interval and top must not be negative");
      break;
    case ir::Signal::logs:
    case ir::Signal::log_groups:
    case ir::Signal::trace_search:
      if (q.time.to_ns == 0)
        return fail(Error::Code::invalid_query, "a " + signal + " query needs a time range");
      break;
  }
  return check_sizes(q);
}

Expected<void> settle_log_groups_plan(planner::Plan& plan, std::string_view backend) {
  if (plan.pushed.signal != ir::Signal::log_groups) return {};
  if (!plan.residual.is_all())
    return fail(Error::Code::unsupported,
                "backend '" + std::string(backend) +
                    "' cannot evaluate all of this filter itself, and log groups cannot be filtered in core; "
                    "ask for the logs instead");
  plan.sort_in_core = false;
  return {};
}

}  // namespace tinkr
