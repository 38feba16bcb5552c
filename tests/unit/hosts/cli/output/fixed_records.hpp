// Fixed records for the output tests: every kind, with the awkward characters each format must
// survive (commas, quotes, newlines, UTF-8).
#pragma once

#include <tinkr/records.hpp>

#include <vector>

namespace tinkr::testing {

std::vector<Record> fixed_logs();
std::vector<Record> fixed_metrics();
std::vector<Record> fixed_traces();
std::vector<Span> fixed_spans();  // one trace: a root, two children, a grandchild that failed, an orphan
Table fixed_table();

}  // namespace tinkr::testing
