// The demo's hints; see demo_hints.hpp.
#include "commands/demo_hints.hpp"

#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace tinkr::cli {
namespace {

namespace fs = std::filesystem;

bool is_safe_shell_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("/._-+,:=@%").find(c) != std::string_view::npos;
}

// The first `tinkr` on PATH, resolved through links; empty when there is none.
fs::path tinkr_on_path() {
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "";
  while (true) {
    auto colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    std::error_code ec;
    fs::path candidate = fs::path(dir.empty() ? "." : dir) / "tinkr";
    if (fs::is_regular_file(candidate, ec)) {
      auto resolved = fs::canonical(candidate, ec);
      if (!ec) return resolved;
    }
    if (colon == std::string_view::npos) return {};
    rest.remove_prefix(colon + 1);
  }
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  auto full = fs::absolute(path, ec);
  return ec ? path : full.lexically_normal().string();
}

}  // namespace

std::string shell_quote(const std::string& value) {
  bool safe = !value.empty();
  for (char c : value) safe = safe && is_safe_shell_char(c);
  if (safe) return value;
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::vector<std::string> demo_hint_lines(const DemoHintSetup& setup) {
  std::string exports;
  if (!setup.program_on_path) exports += " PATH=" + shell_quote(setup.program_dir) + ":\"$PATH\"";
  if (!setup.config_path.empty()) exports += " TINKR_CONFIG=" + shell_quote(setup.config_path);
  if (!setup.profile.empty()) exports += " TINKR_PROFILE=" + shell_quote(setup.profile);
  std::vector<std::string> lines;
  if (!exports.empty()) lines.push_back("export" + exports);
  lines.insert(lines.end(),
               {"tinkr logs payments-api 'level>=warn'", "tinkr logs payments-api --histogram",
                "tinkr metrics payments-api http.server.requests,http.server.errors --interval 5m",
                "tinkr metrics payments-api http.server.duration --agg p95 -o chart",
                "tinkr traces payments-api --failed", "tinkr traces checkout --slow 1s",
                "# then: tinkr trace ID   (ID: a trace_id from the traces above)"});
  return lines;
}

DemoHintSetup current_hint_setup(const std::string& config_flag, const std::string& profile_flag) {
  DemoHintSetup setup;
  std::error_code ec;
  auto self = fs::canonical("/proc/self/exe", ec);
  if (!ec) {
    setup.program_dir = self.parent_path().string();
    setup.program_on_path = tinkr_on_path() == self;
  }
  const char* config_env = std::getenv("TINKR_CONFIG");
  std::string config = !config_flag.empty() ? config_flag : config_env ? config_env : "";
  if (!config.empty()) setup.config_path = absolute(config);
  const char* profile_env = std::getenv("TINKR_PROFILE");
  setup.profile = !profile_flag.empty() ? profile_flag : profile_env ? profile_env : "";
  return setup;
}

}  // namespace tinkr::cli
