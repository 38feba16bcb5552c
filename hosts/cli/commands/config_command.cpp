// The config command group (config check).
#include "commands/config_command.hpp"

#include <rapidjson/document.h>

namespace tinkr::cli {
namespace {

// The health JSON says unhealthy with "ok": false or a "status" of "error"/"unhealthy".
bool is_unhealthy(const std::string& health_json) {
  rapidjson::Document document;
  document.Parse(health_json.data(), health_json.size());
  if (document.HasParseError() || !document.IsObject()) return false;
  if (document.HasMember("ok") && document["ok"].IsBool()) return !document["ok"].GetBool();
  if (document.HasMember("status") && document["status"].IsString()) {
    const std::string_view status = document["status"].GetString();
    return status == "error" || status == "unhealthy";
  }
  return false;
}

}  // namespace

void setup_config(CLI::App& app, Context& context) {
  auto* group = app.add_subcommand("config", "configuration tools");
  group->require_subcommand(1);
  auto options = std::make_shared<ConfigCheckOptions>();
  group->add_subcommand("check", "check the configuration and the selected backend's health")
      ->callback([options, &context] { context.exit_code = run_config_check(*options, context); });
}

int run_config_check(const ConfigCheckOptions& /*options*/, Context& context) {
  const auto open = context.open_options();
  auto config = config::load(open.sources);
  if (!config) return context.report(config.error());
  context.out << "config: " << (config->path.empty() ? "(no file; defaults)" : config->path) << '\n';
  std::string notice;
  auto profile = config::select_profile(*config, open.profile, &notice, open.sources.home);
  if (!profile) return context.report(profile.error());
  context.out << "profile: " << profile->name << " (backend " << profile->backend << ", from "
              << profile->origin << ")\n";
  if (!notice.empty()) context.out << "note: " << notice << '\n';
  auto engine = context.engine("config check");
  if (!engine) return context.report(engine.error());
  const auto& backend = (*engine)->backend();
  context.out << "plugin: " << backend.name << ' ' << backend.version << " (ABI " << backend.abi << ") "
              << backend.path << '\n';
  auto health = (*engine)->check_health();
  if (!health) return context.report(health.error());
  context.out << "health: " << *health << '\n';
  if (is_unhealthy(*health))
    return context.report(
        Error(Error::Code::upstream_unavailable, "backend '" + backend.name + "' is not healthy"));
  return 0;
}

}  // namespace tinkr::cli
