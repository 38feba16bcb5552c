// The checks every query passes before anything is sent: what each signal needs, and a sane range.
#pragma once

#include "tinkr/error.hpp"
#include "tinkr/ir.hpp"

namespace tinkr {

Expected<void> validate_query(const ir::Query& query);

}  // namespace tinkr
