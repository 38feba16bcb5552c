// The "try:" lines `tinkr demo` prints: commands that work when pasted into a shell as printed, so
// they carry what this run depended on (a tinkr that is not on the PATH, a config or profile chosen
// by flag or variable) as one `export` line first.
#pragma once

#include <string>
#include <vector>

namespace tinkr::cli {

struct DemoHintSetup {
  std::string program_dir;      // the folder of the running tinkr (absolute)
  bool program_on_path = true;  // `tinkr` on the PATH is this program
  std::string config_path;      // absolute; empty: the default config was used
  std::string profile;          // empty: none chosen by flag or variable
};

/// The lines, each a command or a `#` comment, in the order to paste them.
std::vector<std::string> demo_hint_lines(const DemoHintSetup& setup);

/// value quoted for a POSIX shell: as is when only safe characters, else in single quotes.
std::string shell_quote(const std::string& value);

/// What this process needs: its own folder, whether PATH's `tinkr` is it, and the config and profile
/// chosen by `--config` / TINKR_CONFIG and `--profile` / TINKR_PROFILE.
DemoHintSetup current_hint_setup(const std::string& config_flag, const std::string& profile_flag);

}  // namespace tinkr::cli
