// A HOME holding the demo data (see demo_home.hpp).
#include "demo_home.hpp"

namespace tinkr::testing {

DemoHome::DemoHome(const std::string& tinkr_path) {
  demo_ = run_process(tinkr_path, {"demo"}, env());
}

std::map<std::string, std::string> DemoHome::env(bool colour) const {
  return {{"HOME", home_.path()}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}, {"NO_COLOR", colour ? "" : "1"}};
}

}  // namespace tinkr::testing
