// The --stats line: a backend's statistics object (RunStats::statistics_json; docs/backends/azure.md,
// "Statistics") as one sentence for stderr.
#pragma once

#include <string>
#include <string_view>

namespace tinkr::cli {

/// "data scanned 1.0 MB (4,200 rows), CPU 1.50 s, 2 rows returned (0.0% of the 500,000-row cap),
/// 1.2 KB (0.0% of the 64.0 MB cap), 1 answer"; the members a backend did not send are left out.
/// Empty when the text is not a JSON object.
std::string describe_cost(std::string_view statistics_json);

}  // namespace tinkr::cli
