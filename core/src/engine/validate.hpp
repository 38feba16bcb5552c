// The checks every query passes before anything is sent: what each signal needs, and a sane range.
#pragma once

#include "tinkr/error.hpp"
#include "tinkr/ir.hpp"
#include "tinkr/planner.hpp"

#include <string_view>

namespace tinkr {

Expected<void> validate_query(const ir::Query& query);

/// A log_groups plan must leave nothing to the core: a group stands for many records, so the core can
/// neither re-check a filter on it nor re-order what the backend counted (groups come most frequent
/// first by definition, so sort_in_core is cleared). Refused (unsupported) with a residual.
Expected<void> settle_log_groups_plan(planner::Plan& plan, std::string_view backend);

}  // namespace tinkr
