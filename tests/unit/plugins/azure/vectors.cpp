// Reads the shared Azure test vectors.
#include "fake_host.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tinkr::azure::testing {

std::string read_vector(const std::string& relative_path) {
  std::string path = std::string(TINKR_VECTORS_DIR) + "/azure/" + relative_path;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read test vector " + path);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

}  // namespace tinkr::azure::testing
