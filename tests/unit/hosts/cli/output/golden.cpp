// Golden-file comparison (see golden.hpp).
#include "golden.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tinkr::testing {

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(TINKR_SOURCE_DIR) + "/tests/unit/hosts/cli/output/golden/" + name;
  const char* update = std::getenv("TINKR_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream file(path, std::ios::binary);
  ASSERT_TRUE(file.good()) << "missing golden file " << path << " (run with TINKR_UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << file.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "output differs from " << path;
}

}  // namespace tinkr::testing
