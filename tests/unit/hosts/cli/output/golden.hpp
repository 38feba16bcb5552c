// Golden files for the CLI's output tests: tests/unit/hosts/cli/output/golden/NAME holds the expected text.
// Run with TINKR_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review the diff.
#pragma once

#include <string>

namespace tinkr::testing {

/// Fails the current test when `actual` differs from the golden file `name` (or rewrites the file).
void expect_golden(const std::string& name, const std::string& actual);

}  // namespace tinkr::testing
