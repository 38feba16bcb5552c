// The residual filter on the C view a plugin passed, before the core copies anything: the engine keeps
// (copies) only the records that pass. Same semantics as planner::matches on a kept record.
#pragma once

#include <tinkr/plugin.h>
#include <tinkr/ir.hpp>

namespace tinkr::planner {

bool matches(const ir::Filter& filter, const tinkr_log_record& record);
bool matches(const ir::Filter& filter, const tinkr_metric_series& record);
bool matches(const ir::Filter& filter, const tinkr_span& record);
bool matches(const ir::Filter& filter, const tinkr_trace_summary& record);

}  // namespace tinkr::planner
