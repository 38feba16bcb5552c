// The plugins command: the registry's listing as a table.
#include "commands/plugins_command.hpp"

#include <rapidjson/document.h>

namespace tinkr::cli {
namespace {

using Cells = std::vector<std::optional<std::string>>;

int print_rows(Console& console, const std::vector<Cells>& rows) {
  auto format = parse_format(console.output());
  if (!format) return console.report(format.error());
  auto output = make_output(*format, console.out, console.style());
  output->table_begin("plugins", {{"NAME", "string"},
                                  {"VERSION", "string"},
                                  {"ABI", "string"},
                                  {"SIGNALS", "string"},
                                  {"PATH", "string"},
                                  {"ERROR", "string"}});
  for (const auto& row : rows) output->table_row(row);
  output->finish();
  return 0;
}

int run_remote(Console& console, Backends& backends) {
  auto remote = backends.remote();
  if (!remote) return console.report(remote.error());
  auto body = (*remote)->get("/api/v1/backends");
  if (!body) return console.report(body.error());
  rapidjson::Document document;
  document.Parse(body->data(), body->size());
  if (document.HasParseError() || !document.IsObject() || !document.HasMember("backends") ||
      !document["backends"].IsArray())
    return console.report(
        Error(Error::Code::upstream_unavailable, "tinkr-server: /api/v1/backends: unexpected reply"));
  std::vector<Cells> rows;
  for (const auto& backend : document["backends"].GetArray()) {
    auto text = [&backend](const char* key) -> std::string {
      return backend.HasMember(key) && backend[key].IsString() ? backend[key].GetString() : "";
    };
    rows.push_back(
        {text("name"), text("version"), text("abi"), text("signals"), text("path"), text("error")});
  }
  return print_rows(console, rows);
}

}  // namespace

std::string capability_summary(const std::string& capabilities_json) {
  auto capabilities = planner::parse_capabilities(capabilities_json);
  if (!capabilities) return "";
  std::string summary;
  for (auto signal : capabilities->signals)
    summary += (summary.empty() ? "" : ",") + std::string(ir::to_string(signal));
  return summary;
}

void setup_plugins(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<PluginsOptions>();
  runs.add(app.add_subcommand("plugins", "the backend plugins found, or why each did not load"),
           [options, &context] { return run_plugins(*options, context.console, context.backends); });
}

int run_plugins(const PluginsOptions& /*options*/, Console& console, Backends& backends) {
  if (backends.remote_mode()) return run_remote(console, backends);
  PluginRegistry registry;
  std::vector<Cells> rows;
  for (const auto& listing : registry.list()) {
    if (listing.plugin) {
      const auto& plugin = *listing.plugin;
      rows.push_back({plugin.name(), plugin.version(), plugin.abi(),
                      capability_summary(plugin.capabilities_json()), listing.path, std::nullopt});
    } else {
      rows.push_back({std::nullopt, std::nullopt, std::nullopt, std::nullopt, listing.path,
                      listing.error ? listing.error->message() : "did not load"});
    }
  }
  if (rows.empty()) {
    // Without a plugin nothing can be asked: a script checking `tinkr plugins` must see it fail.
    std::string searched;
    for (const auto& folder : registry.search_path()) searched += (searched.empty() ? "" : ", ") + folder;
    return console.report(Error(Error::Code::not_found,
                                "no plugins found; searched: " + searched +
                                    " (install them with `cmake --install`, or set TINKR_PLUGIN_PATH)"));
  }
  return print_rows(console, rows);
}

}  // namespace tinkr::cli
