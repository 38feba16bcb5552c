// A throwaway HOME with the demo's hour in its local store, for the tests that run tinkr over real
// data (the incident report, the charts in a terminal).
#pragma once

#include "process.hpp"

#include <map>
#include <string>

namespace tinkr::testing {

class DemoHome {
 public:
  /// Runs `tinkr demo` (the binary at tinkr_path) into a fresh folder; ok() says whether it worked.
  explicit DemoHome(const std::string& tinkr_path);
  bool ok() const { return demo_.exit_code == 0; }
  const ProcessResult& demo() const { return demo_; }
  /// HOME and the plugin folder; NO_COLOR=1 unless `colour` (then NO_COLOR is emptied: not set).
  std::map<std::string, std::string> env(bool colour = false) const;

 private:
  TempDir home_;
  ProcessResult demo_;
};

}  // namespace tinkr::testing
