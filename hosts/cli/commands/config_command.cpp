// The config command group (config check) and `tinkr doctor`, the same check by its usual name.
#include "commands/config_command.hpp"

#include "common/error_tables.hpp"

#include <rapidjson/document.h>

namespace tinkr::cli {
namespace {

std::string_view member_text(const rapidjson::Value& object, const char* key) {
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsString()
             ? std::string_view(it->value.GetString(), it->value.GetStringLength())
             : std::string_view();
}

// A backend's health with a "checks" list (the Azure doctor's) prints one line per check, and the
// first failed check's error code decides the exit code; any other health prints as its JSON.
std::optional<Error> print_health(std::ostream& out, const std::string& health_json) {
  rapidjson::Document document;
  document.Parse(health_json.data(), health_json.size());
  auto checks = document.IsObject() ? document.FindMember("checks") : rapidjson::Value::MemberIterator();
  if (document.HasParseError() || !document.IsObject() || checks == document.MemberEnd() ||
      !checks->value.IsArray()) {
    out << "health: " << health_json << '\n';
    return std::nullopt;
  }
  std::optional<Error> first_failure;
  for (const auto& check : checks->value.GetArray()) {
    if (!check.IsObject()) continue;
    const auto status = member_text(check, "status");
    std::string label(status == "ok" ? "ok" : status == "error" ? "FAILED" : status);
    label.resize(8, ' ');
    out << label << member_text(check, "check") << ": " << member_text(check, "detail") << '\n';
    if (status == "error" && !first_failure) {
      auto code = Error::Code::upstream_unavailable;
      for (const auto& row : host::kErrorClasses)
        if (to_string(row.code) == member_text(check, "code")) code = row.code;
      first_failure = Error(code, std::string(member_text(check, "check")) + " failed");
    }
  }
  return first_failure;
}

}  // namespace

void setup_config(CLI::App& app, Context& context, CommandRuns& runs) {
  auto* group = app.add_subcommand("config", "configuration tools");
  group->require_subcommand(1);
  auto options = std::make_shared<ConfigCheckOptions>();
  auto check = [options, &context] { return run_config_check(*options, context.console, context.backends); };
  runs.add(group->add_subcommand("check", "check the configuration and the selected backend's health"),
           check);
  runs.add(app.add_subcommand("doctor",
                              "check the config, the credential, a token per audience and a query of each "
                              "kind; say the fix for what fails"),
           check);
}

int run_config_check(const ConfigCheckOptions& /*options*/, Console& console, Backends& backends) {
  const auto open = backends.open_options();
  auto config = config::load(open.sources);
  if (!config) return console.report(config.error());
  console.out << "config: " << (config->path.empty() ? "(no file; defaults)" : config->path) << '\n';
  std::string notice;
  auto profile = config::select_profile(*config, open.profile, &notice, open.sources.home);
  if (!profile) return console.report(profile.error());
  console.out << "profile: " << profile->name << " (backend " << profile->backend << ", from "
              << profile->origin << ")\n";
  if (!notice.empty()) console.out << "note: " << notice << '\n';
  auto engine = backends.engine("config check");
  if (!engine) return console.report(engine.error());
  const auto& backend = (*engine)->backend();
  console.out << "plugin: " << backend.name << ' ' << backend.version << " (ABI " << backend.abi << ") "
              << backend.path << '\n';
  auto health = (*engine)->check_health();
  if (!health) return console.report(health.error());
  if (auto failure = print_health(console.out, health->json)) return console.report(*failure);
  if (!health->healthy)
    return console.report(
        Error(Error::Code::upstream_unavailable, "backend '" + backend.name + "' is not healthy"));
  return 0;
}

}  // namespace tinkr::cli
