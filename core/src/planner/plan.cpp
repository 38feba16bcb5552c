// plan(): what a backend is sent and what the core keeps back, after SQLite's xBestIndex. The pushed
// filter must select a superset of the true answer; the residual narrows it to exactly the answer.
#include "tinkr/planner.hpp"

#include "planner/metric_buckets.hpp"
#include "planner/regex_cache.hpp"
#include "planner/trace_summary_fields.hpp"

#include <algorithm>
#include <span>
#include <utility>
#include <vector>

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

/// The parts of `filter` an and joins: its children for an and, none for all(), else the filter itself.
std::span<const Filter> and_parts(const Filter& filter) {
  if (filter.kind == Filter::Kind::and_) return filter.children;
  if (filter.is_all()) return {};
  return {&filter, 1};
}

/// The and of `parts`: all() for none, the part itself for one.
Filter and_of(std::vector<Filter>&& parts) {
  if (parts.empty()) return Filter::all();
  if (parts.size() == 1) return std::move(parts.front());
  return Filter::make_and(std::move(parts));
}

/// Refuses the first `matches` predicate whose regex does not compile, naming it and why.
Expected<void> check_regexes(const Filter& filter) {
  if (filter.kind != Filter::Kind::predicate) {
    for (const auto& child : filter.children)
      if (auto checked = check_regexes(child); !checked) return checked;
    return {};
  }
  if (filter.predicate.op != ir::Op::matches) return {};
  const auto* pattern = std::get_if<std::string>(&filter.predicate.values.front());
  std::string why = "the pattern must be a string";
  if (pattern && compiled_regex(*pattern, &why)) return {};
  return fail(Error::Code::invalid_query, "invalid regex for " + filter.predicate.field + " matches" +
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

/// A filter split for a backend: what it is sent, what the core re-checks, and why anything went
/// against the usual rule.
struct Split {
  std::vector<Filter> pushed;
  std::vector<Filter> residual;
  std::vector<std::string> notes;
};

/// The rule of planner.hpp's worked example, per and-part of the filter: a part the backend can take
/// is pushed; a part it cannot take stays in the residual; a part pushed but answered inexactly is
/// in both (the core re-checks it).
///
/// A trace search filters spans but returns trace summaries, so a part on a field a summary lacks
/// (kind, attributes.*, ...) cannot be re-checked in core: every trace would fail it. Such a part is
/// left to the backend when it can take it (its answer then stands, exact or not; a note says so)
/// and refused otherwise.
Expected<Split> split_filter(const Filter& filter, const Capabilities& caps, bool pushdown,
                             bool core_sees_trace_summaries) {
  Split split;
  for (const Filter& part : and_parts(filter)) {
    const bool push = pushdown && is_pushable(part, caps, false);
    bool recheck = !push || !is_exact(part, caps);
    if (recheck && core_sees_trace_summaries) {
      if (const std::string* field = detail::field_missing_from_trace_summary(part)) {
        if (!push) return tl::make_unexpected(trace_filter_refused(*field, caps, pushdown));
        split.notes.push_back("'" + *field +
                              "' is left to the backend, not re-checked in core: trace summaries carry no " +
                              std::string(detail::missing_from_trace_summary(*field)));
        recheck = false;
      }
    }
    if (push) split.pushed.push_back(part);
    if (recheck) split.residual.push_back(part);
  }
  return split;
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

}  // namespace

Expected<Plan> plan(const ir::Query& query, const Capabilities& caps, bool pushdown) {
  if (!caps.signals.contains(query.signal)) {
    const std::string name = caps.name.empty() ? "backend" : "backend '" + caps.name + "'";
    return fail(Error::Code::unsupported, name + " cannot answer " +
                                              std::string(ir::to_string(query.signal)) +
                                              " queries (it supports: " + join_signals(caps.signals) + ")");
  }
  Plan plan;
  plan.pushed = query;
  if (query.signal == ir::Signal::metrics) {
    if (auto refused = refuse_percentiles(query.metrics, caps); !refused)
      return tl::make_unexpected(refused.error());
    if (auto settled = settle_metric_buckets(plan.pushed, plan.notices); !settled)
      return tl::make_unexpected(settled.error());
  }
  if (auto checked = check_regexes(query.filter); !checked) return tl::make_unexpected(checked.error());
  auto split = split_filter(query.filter, caps, pushdown, query.signal == ir::Signal::trace_search);
  if (!split) return tl::make_unexpected(split.error());
  plan.pushed.filter = and_of(std::move(split->pushed));
  plan.residual = and_of(std::move(split->residual));
  plan.notes = std::move(split->notes);
  place_limit_and_order(query.limit, caps, plan);
  return plan;
}

}  // namespace tinkr::planner
