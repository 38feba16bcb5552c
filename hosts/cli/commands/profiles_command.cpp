// The profiles command.
#include "commands/profiles_command.hpp"

namespace tinkr::cli {

void setup_profiles(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<ProfilesOptions>();
  runs.add(app.add_subcommand("profiles", "the configured profiles and the one in use"), [options, &context] {
    return run_profiles(*options, context.console, context.backends.open_options());
  });
}

int run_profiles(const ProfilesOptions& /*options*/, Console& console, const OpenOptions& open) {
  auto format = parse_format(console.output());
  if (!format) return console.report(format.error());
  auto config = config::load(open.sources);
  if (!config) return console.report(config.error());
  std::string notice;
  auto selected = config::select_profile(*config, open.profile, &notice, open.sources.home);

  auto output = make_output(*format, console.out, console.style());
  output->table_begin(
      "profiles", {{"PROFILE", "string"}, {"BACKEND", "string"}, {"IN_USE", "string"}, {"ORIGIN", "string"}});
  bool listed_selected = false;
  for (const auto& [name, profile] : config->profiles) {
    const bool in_use = selected && selected->name == name;
    listed_selected = listed_selected || in_use;
    output->table_row({name, profile.backend, in_use ? "yes" : "", profile.origin});
  }
  if (selected && !listed_selected)
    output->table_row({selected->name, selected->backend, "yes", selected->origin});
  output->finish();
  if (!selected) return console.report(selected.error());
  if (!notice.empty()) console.err << "tinkr: " << notice << '\n';
  return 0;
}

}  // namespace tinkr::cli
