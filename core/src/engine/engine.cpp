// Opening a backend (from a profile or a loaded plugin) and the calls that are not run(): explain,
// health and ingest.
#include "tinkr/engine.hpp"
#include "tinkr/redact.hpp"

#include "base/log.hpp"
#include "engine/engine_impl.hpp"
#include "engine/validate.hpp"
#include "registry/plugin_call.hpp"

namespace tinkr {

Engine::Impl::~Impl() {
  if (instance) plugin.table()->close(instance);
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

const BackendInfo& Engine::backend() const {
  return impl_->info;
}
const planner::Capabilities& Engine::capabilities() const {
  return impl_->capabilities;
}
const std::string& Engine::profile_name() const {
  return impl_->profile_name;
}

Expected<std::unique_ptr<Engine>> Engine::open(const OpenOptions& options, std::string* notice) {
  auto config = config::load(options.sources);
  if (!config) return Unexpected(config.error());
  auto profile = config::select_profile(*config, options.profile, notice, options.sources.home);
  if (!profile) return Unexpected(profile.error());

  std::vector<std::string> search_path = options.plugin_path;
  for (auto& dir : PluginRegistry::default_search_path()) search_path.push_back(std::move(dir));
  auto plugin = PluginRegistry(std::move(search_path)).load(profile->backend);
  if (!plugin)
    return Unexpected(
        plugin.error().with_context("profile '" + profile->name + "' (" + profile->origin + ")"));
  auto engine = open_plugin(*plugin, profile->options_json, profile->name);
  if (engine) (*engine)->impl_->default_timeout = options.default_timeout;
  return engine;
}

Expected<std::unique_ptr<Engine>> Engine::open_plugin(const LoadedPlugin& plugin,
                                                      const std::string& options_json,
                                                      std::string profile_name) {
  auto capabilities = planner::parse_capabilities(plugin.capabilities_json());
  if (!capabilities) return Unexpected(capabilities.error());
  auto impl = std::make_unique<Impl>();
  impl->plugin = plugin;
  impl->capabilities = std::move(*capabilities);
  impl->info =
      BackendInfo{plugin.name(), plugin.version(), plugin.abi(), plugin.path(), plugin.capabilities_json()};
  impl->profile_name = profile_name.empty() ? plugin.name() : std::move(profile_name);

  tinkr_error* error = nullptr;
  const std::string& config = options_json.empty() ? std::string("{}") : options_json;
  int32_t status = plugin.table()->open({config.data(), config.size()}, &impl->instance, &error);
  if (status != TINKR_OK) {
    impl->instance = nullptr;
    return Unexpected(
        error_from_plugin(*plugin.table(), status, error)
            .with_context("backend '" + plugin.name() + "' (profile '" + impl->profile_name + "')"));
  }
  log::write(log::Level::info, "engine",
             "opened backend '" + plugin.name() + "' for profile '" + impl->profile_name + "'");
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Expected<Explanation> Engine::explain(const ir::Query& query, const RunOptions& options) {
  if (auto valid = validate_query(query); !valid) return Unexpected(valid.error());
  auto plan = planner::plan(query, impl_->capabilities, options.pushdown);
  if (!plan) return Unexpected(plan.error());
  if (auto settled = settle_log_groups_plan(*plan, impl_->info.name); !settled)
    return Unexpected(settled.error());
  Explanation out;
  out.ir_json = ir::to_json(query);
  out.pushed_ir_json = ir::to_json(plan->pushed);
  if (!plan->residual.is_all()) out.residual_json = ir::to_json(plan->residual);
  out.notes = plan->notes;
  out.notes.insert(out.notes.end(), plan->notices.begin(), plan->notices.end());
  auto native = call_returning_string(impl_->table(), [&](tinkr_str* text, tinkr_error** error) {
    return impl_->table().explain(impl_->instance, {out.pushed_ir_json.data(), out.pushed_ir_json.size()},
                                  text, error);
  });
  if (!native) return Unexpected(native.error());
  out.native = std::move(*native);
  return out;
}

Expected<Health> Engine::check_health() {
  const auto check = impl_->optional_function<&tinkr_plugin::check_health>();
  if (!check) return read_health(R"({"status":"ok"})");
  auto health = call_returning_string(impl_->table(), [&](tinkr_str* json, tinkr_error** error) {
    return check(impl_->instance, nullptr, json, error);
  });
  if (!health) return Unexpected(health.error());
  // Its message may quote an upstream answer; redaction keeps the JSON valid (no quote is touched).
  return read_health(redact_secrets(*health));
}

Expected<std::string> Engine::ingest(std::string_view format, std::string_view source,
                                     std::string_view data) {
  const auto store = impl_->optional_function<&tinkr_plugin::ingest>();
  if (!store) return fail(Error::Code::unsupported, "backend '" + impl_->info.name + "' does not store data");
  return call_returning_string(impl_->table(), [&](tinkr_str* json, tinkr_error** error) {
    return store(impl_->instance, {format.data(), format.size()}, {source.data(), source.size()},
                 {data.data(), data.size()}, json, error);
  });
}

}  // namespace tinkr
