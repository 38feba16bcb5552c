// The Azure plugin's split, as the planner tests use it: every field, exact comparisons, inexact
// text operators.
#pragma once

#include <tinkr/planner.hpp>

namespace tinkr::planner::testing {

inline Capabilities azure_capabilities() {
  using ir::Op;
  using ir::Signal;
  Capabilities caps;
  caps.name = "azure";
  caps.signals = {Signal::logs, Signal::metrics, Signal::trace_search, Signal::trace_get, Signal::native};
  caps.fields = {"time", "severity", "body",   "service",     "trace_id", "span_id",       "attributes.*",
                 "name", "duration", "status", "status_code", "kind",     "parent_span_id"};
  caps.operators = {Op::eq, Op::ne,       Op::lt,         Op::le,      Op::gt,    Op::ge,
                    Op::in, Op::contains, Op::startswith, Op::matches, Op::exists};
  caps.exact_operators = {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge, Op::in};
  caps.text_search = true;
  caps.max_limit = 30000;
  return caps;
}

}  // namespace tinkr::planner::testing
