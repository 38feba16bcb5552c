// The tinkr binary run against the fake Azure: a profile whose endpoints are all on the fake, written
// to a config file in a fresh HOME, plus whatever options a test adds (extra_profile_lines).
#pragma once

#include "../hosts/process.hpp"
#include "fixture.hpp"

#include <map>
#include <string>
#include <vector>

namespace tinkr::azure_e2e {

using tinkr::testing::ProcessResult;
using tinkr::testing::run_process;
using tinkr::testing::TempDir;

class AzureCli : public AzureEndToEnd {
 protected:
  // The same options as the engine's, as a profile of a config file.
  ProcessResult tinkr(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", write_config()});
    return run_process(TINKR_CLI_PATH, args, env());
  }
  /// The config file holding the profile `fake`, for tinkr or tinkr-server.
  std::string write_config() {
    return home_.write("config.toml",
                       std::string("[profiles.fake]\nbackend = \"azure\"\ncredential = \"environment\"\n") +
                           "workspace_id = \"" + kWorkspace + "\"\nsubscription_id = \"" + kSubscription +
                           "\"\nresource_group = \"rg-shop\"\nlog_analytics_endpoint = \"" +
                           fake_.https_url() + "\"\narm_endpoint = \"" + fake_.https_url() +
                           "\"\nauthority_host = \"" + fake_.https_url() + "\"\nca_file = \"" +
                           fake_.ca_file() + "\"\n" + extra_profile_lines);
  }
  std::map<std::string, std::string> env() const {
    return {{"HOME", home_.path()}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}, {"NO_COLOR", "1"}};
  }

  std::string extra_profile_lines;  // TOML lines appended to the profile
  TempDir home_;
};

}  // namespace tinkr::azure_e2e
