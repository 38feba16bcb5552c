// plan(): what a backend is sent and what the core keeps back, after SQLite's xBestIndex. The pushed
// filter must select a superset of the true answer; the residual narrows it to exactly the answer.
#include "tinkr/planner.hpp"

#include "planner/metric_buckets.hpp"
#include "planner/regex_cache.hpp"
#include "planner/trace_summary_fields.hpp"

#include <tinkr/sdk/ir_json.hpp>

#include <algorithm>

namespace tinkr::planner {
namespace {

using ir::Filter;

bool field_allowed(const Capabilities& caps, const std::string& field) {
  if (caps.fields.contains(field)) return true;
  if (field.starts_with(ir::kAttributesPrefix)) return caps.fields.contains("attributes.*");
  if (field.starts_with(ir::kDimensionsPrefix)) return caps.fields.contains("dimensions.*");
  return false;
}

/// True when the backend's answer for `filter` is exactly the core's: nothing to re-check.
bool is_exact(const Filter& filter, const Capabilities& caps) {
  switch (filter.kind) {
    case Filter::Kind::all:
      return true;
    case Filter::Kind::predicate:
      return caps.is_exact(filter.predicate.field, filter.predicate.op);
    case Filter::Kind::text:
      return caps.exact_operators.contains(ir::Op::contains);
    default:
      return std::all_of(filter.children.begin(), filter.children.end(),
                         [&](const Filter& child) { return is_exact(child, caps); });
  }
}

/// Can the backend evaluate the whole of `filter`? Under a not, only exact parts qualify: an inexact
/// operator may over-select, and the not of an over-selection under-selects, losing records.
bool is_pushable(const Filter& filter, const Capabilities& caps, bool negated) {
  switch (filter.kind) {
    case Filter::Kind::all:
      return true;
    case Filter::Kind::predicate:
      return field_allowed(caps, filter.predicate.field) && caps.operators.contains(filter.predicate.op) &&
             (!negated || caps.is_exact(filter.predicate.field, filter.predicate.op));
    case Filter::Kind::text:
      return caps.text_search && (!negated || caps.exact_operators.contains(ir::Op::contains));
    case Filter::Kind::not_:
      return caps.boolean_not && is_pushable(filter.children.front(), caps, !negated);
    case Filter::Kind::or_:
      if (!caps.boolean_or) return false;
      [[fallthrough]];
    case Filter::Kind::and_:
      return std::all_of(filter.children.begin(), filter.children.end(),
                         [&](const Filter& child) { return is_pushable(child, caps, negated); });
  }
  return false;
}

/// Makes `node` the and of `parts`: the one part itself, or all() when there is none. An and is made
/// where the node lies, its other members cleared, rather than built apart and moved in whole.
void join_and_into(Filter& node, std::vector<Filter>&& parts) {
  if (parts.size() == 1) {
    node = std::move(parts.front());
    return;
  }
  if (parts.empty()) {
    node = Filter::all();
    return;
  }
  node.kind = Filter::Kind::and_;
  node.predicate.field.clear();
  node.predicate.op = ir::Op::eq;
  node.predicate.values.clear();
  node.text.clear();
  node.children = std::move(parts);
}

/// The first `matches` predicate in `filter` whose regex does not compile (with why), or null. Only
/// the bad predicate is turned into an Error: this walk runs for every query, nearly always finding
/// nothing.
const ir::Predicate* find_bad_regex(const Filter& filter, std::string& why) {
  if (filter.kind == Filter::Kind::predicate) {
    if (filter.predicate.op != ir::Op::matches) return nullptr;
    const auto* pattern = std::get_if<std::string>(&filter.predicate.values.front());
    if (pattern && compiled_regex(*pattern, &why)) return nullptr;
    if (!pattern) why = "the pattern must be a string";
    return &filter.predicate;
  }
  for (const auto& child : filter.children)
    if (const auto* bad = find_bad_regex(child, why)) return bad;
  return nullptr;
}

[[gnu::cold]] Error bad_regex_error(const ir::Predicate& predicate, const std::string& why) {
  const auto* pattern = std::get_if<std::string>(&predicate.values.front());
  return Error(Error::Code::invalid_query, "invalid regex for " + predicate.field + " matches" +
                                               (pattern ? " /" + *pattern + "/" : "") + ": " + why);
}

std::string join_signals(const SignalSet& signals) {
  std::string out;
  for (auto signal : signals) out += (out.empty() ? "" : ", ") + std::string(ir::to_string(signal));
  return out.empty() ? "nothing" : out;
}

/// A trace search filter part that the core cannot re-check (a trace summary lacks `field`) and the
/// backend cannot take: refused, rather than dropping every trace in core without a word.
[[gnu::cold]] Error trace_filter_refused(const std::string& field, const Capabilities& caps, bool pushdown) {
  const std::string why_not_pushed = !pushdown           ? "pushdown is turned off"
                                     : caps.name.empty() ? "the backend cannot push it down"
                                                         : "backend '" + caps.name + "' cannot push it down";
  return Error(Error::Code::unsupported,
               "trace search cannot filter on '" + field + "' in core: trace summaries carry no " +
                   std::string(detail::missing_from_trace_summary(field)) + "; " + why_not_pushed);
}

/// Moves each and-child of `filter` to the pushed side, the residual, or (pushed but inexact) both.
/// The and's own list of children becomes the pushed list, the pushed parts closing up at its front
/// in their order: one allocation fewer, and none for the residual until something goes there.
///
/// A trace search filters spans but returns trace summaries, so a part on a field a summary lacks
/// (kind, attributes.*, ...) cannot be re-checked in core: every trace would fail it. Such a part is
/// left to the backend when it can take it (its answer then stands, exact or not; a note says so)
/// and refused otherwise.
Expected<void> split_filter(Filter&& filter, const Capabilities& caps, bool pushdown, Plan& plan) {
  const bool core_sees_trace_summaries = plan.pushed.signal == ir::Signal::trace_search;
  std::vector<Filter> pushed, residual;
  if (filter.kind == Filter::Kind::and_) {
    pushed = std::move(filter.children);
  } else if (!filter.is_all()) {
    pushed.push_back(std::move(filter));
  }
  std::size_t kept = 0;
  for (auto& part : pushed) {
    const bool to_backend = pushdown && is_pushable(part, caps, false);
    bool recheck_in_core = !to_backend || !is_exact(part, caps);
    if (recheck_in_core && core_sees_trace_summaries) {
      if (const std::string* field = detail::field_missing_from_trace_summary(part)) {
        if (!to_backend) return tl::make_unexpected(trace_filter_refused(*field, caps, pushdown));
        plan.notes.push_back("'" + *field +
                             "' is left to the backend, not re-checked in core: trace summaries carry no " +
                             std::string(detail::missing_from_trace_summary(*field)));
        recheck_in_core = false;
      }
    }
    if (recheck_in_core) {
      if (residual.empty()) residual.reserve(pushed.size());
      if (to_backend) {
        residual.push_back(part);
      } else {
        residual.push_back(std::move(part));
        continue;
      }
    }
    if (&pushed[kept] != &part) pushed[kept] = std::move(part);
    ++kept;
  }
  pushed.erase(pushed.begin() + static_cast<std::ptrdiff_t>(kept), pushed.end());
  join_and_into(plan.pushed.filter, std::move(pushed));
  join_and_into(plan.residual, std::move(residual));
  return {};
}

void place_limit_and_order(int64_t limit, const Capabilities& caps, Plan& plan) {
  plan.limit = limit;
  plan.sort_in_core = !caps.order;
  const bool core_cuts = !plan.residual.is_all() || !caps.order || !caps.limit;
  if (!core_cuts) {
    plan.pushed.limit = limit;
    if (caps.max_limit > 0 && (limit == 0 || limit > caps.max_limit)) {
      plan.pushed.limit = caps.max_limit;
      plan.notes.push_back("limit capped at the backend's max_limit " + std::to_string(caps.max_limit));
    }
    return;
  }
  if (!caps.limit || limit == 0 || !caps.order) {
    // Without order in the backend, any cut it makes is an arbitrary one: fetch what it allows.
    plan.pushed.limit = caps.limit ? caps.max_limit : 0;
  } else {
    plan.pushed.limit = std::max(limit * kOverfetchFactor, kOverfetchMinimum);
    if (caps.max_limit > 0) plan.pushed.limit = std::min(plan.pushed.limit, caps.max_limit);
  }
  // No note here: overfetch and pushed.limit say it, and the hot path stays free of string building.
  plan.overfetch = limit > 0;
  if (plan.sort_in_core) plan.notes.push_back("the backend cannot order results: sorted in core");
}

/// A percentile asked of a backend that computes none is refused before anything is sent, with what
/// the backend can give instead (a backend that computes some percentiles refuses the others itself).
Expected<void> refuse_percentiles(const ir::MetricsSpec& spec, const Capabilities& caps) {
  if (caps.metric_percentiles) return {};
  for (const auto& aggregation : spec.aggregations)
    if (aggregation.is_percentile()) {
      const std::string name = caps.name.empty() ? "the backend" : "backend '" + caps.name + "'";
      return fail(Error::Code::unsupported,
                  name + " cannot compute percentiles (" + ir::to_string(aggregation) +
                      "); ask for avg, min or max instead, or use a backend that does");
    }
  return {};
}

/// Plans `plan.pushed`, which holds the whole query on entry.
Expected<void> plan_in_place(Plan& plan, const Capabilities& caps, bool pushdown) {
  const ir::Query& query = plan.pushed;
  if (!caps.signals.contains(query.signal)) {
    const std::string name = caps.name.empty() ? "backend" : "backend '" + caps.name + "'";
    return fail(Error::Code::unsupported, name + " cannot answer " +
                                              std::string(ir::to_string(query.signal)) +
                                              " queries (it supports: " + join_signals(caps.signals) + ")");
  }
  if (query.signal == ir::Signal::metrics) {
    if (auto refused = refuse_percentiles(query.metrics, caps); !refused) return refused;
    if (auto settled = settle_metric_buckets(plan.pushed, plan.notices); !settled) return settled;
  }
  std::string why;
  if (const auto* bad = find_bad_regex(query.filter, why))
    return tl::make_unexpected(bad_regex_error(*bad, why));
  // The filter is split where it lies: split_filter takes its parts out before writing the pushed half.
  if (auto split = split_filter(std::move(plan.pushed.filter), caps, pushdown, plan); !split) return split;
  place_limit_and_order(plan.pushed.limit, caps, plan);
  return {};
}

}  // namespace

Expected<Plan> plan(ir::Query&& query, const Capabilities& caps, bool pushdown) {
  // Built in the result, the query moved straight into it, and every path returning that one object:
  // a Plan holds two filters and a whole query, and a move of it (which GCC makes when a function
  // also returns some other object) costs a fifth of planning.
#if defined(__cpp_aggregate_paren_init)
  Expected<Plan> result(tl::in_place, std::move(query));
#else  // clang before 16 (the fuzz build) lacks C++20's parenthesised aggregate initialisation
  Expected<Plan> result(tl::in_place);
  result->pushed = std::move(query);
#endif
  if (auto planned = plan_in_place(*result, caps, pushdown); !planned)
    result = tl::make_unexpected(std::move(planned.error()));
  return result;
}

Expected<Plan> plan(const ir::Query& query, const Capabilities& caps, bool pushdown) {
  return plan(ir::Query(query), caps, pushdown);
}

}  // namespace tinkr::planner
