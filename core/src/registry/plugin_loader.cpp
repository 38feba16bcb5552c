// Loading one plugin file, step by step in the order SQLite's sqlite3LoadExtension follows; each
// failure names the file and the step.
#include "registry/plugin_loader.hpp"

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>

#include <climits>
#include <cstddef>
#include <filesystem>
#include <mutex>

#include "registry/plugin_call.hpp"
#include "tinkr/planner.hpp"
#include "tinkr/plugin.h"

namespace tinkr {
namespace {

// The members every 1.0 plugin must fill; check_health and ingest may be NULL.
constexpr std::size_t kMinimumTableSize = offsetof(tinkr_plugin, check_health);

std::string subject(const std::string& path) {
  return "plugin '" + path + "'";
}

Unexpected abi_error(const std::string& path, const std::string& what) {
  return fail(Error::Code::plugin_abi, subject(path) + ": " + what);
}

Expected<std::shared_ptr<boost::dll::shared_library>> open_library(const std::string& path) {
  if (path.empty()) return fail(Error::Code::plugin_abi, "plugin '': empty path");
  if (path.size() >= PATH_MAX) return abi_error(path.substr(0, 64) + "...", "path longer than PATH_MAX");
  std::error_code fs_error;
  if (!std::filesystem::is_regular_file(path, fs_error))
    return fail(Error::Code::not_found, subject(path) + ": no such file");
  // Boost.DLL reports a failed dlopen as a bare error code; dlerror() says why (not an ELF file,
  // an unresolved symbol), so it is read here, under the same lock as the dlopen.
  static std::mutex dlopen_mutex;
  std::lock_guard lock(dlopen_mutex);
  auto library = std::make_shared<boost::dll::shared_library>();
  boost::dll::fs::error_code ec;
  ::dlerror();
  library->load(path, ec, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (ec) {
    const char* reason = ::dlerror();
    return abi_error(path,
                     std::string("not a loadable shared library (") + (reason ? reason : ec.message()) + ")");
  }
  return library;
}

}  // namespace

Expected<LoadedPlugin> load_plugin_file(const std::string& path, const tinkr_host* host) {
  auto library = open_library(path);
  if (!library) return Unexpected(library.error());
  if (!(*library)->has(TINKR_PLUGIN_ENTRY_SYMBOL))
    return abi_error(path, "no entry point '" TINKR_PLUGIN_ENTRY_SYMBOL "'");
  auto entry = (*library)->get<std::remove_pointer_t<tinkr_plugin_entry_fn>>(TINKR_PLUGIN_ENTRY_SYMBOL);

  const tinkr_plugin* table = nullptr;
  const char* reason = nullptr;
  int32_t status = entry(TINKR_PLUGIN_ABI_MAJOR, TINKR_PLUGIN_ABI_MINOR, host, &table, &reason);
  if (status != TINKR_OK)
    return fail(status == TINKR_PLUGIN_ABI ? Error::Code::plugin_abi : code_from_status(status),
                subject(path) + ": refused to load: " + (reason ? reason : "no reason given"),
                Error::Source::plugin);
  if (!table) return abi_error(path, "entry point returned no plugin table");
  if (table->abi_major != TINKR_PLUGIN_ABI_MAJOR)
    return fail(Error::Code::plugin_abi, subject(path) + " was built for plugin ABI " +
                                             std::to_string(table->abi_major) + ".x; this tinkr loads " +
                                             std::to_string(TINKR_PLUGIN_ABI_MAJOR) + ".x");
  if (table->struct_size < kMinimumTableSize)
    return abi_error(path, "plugin table too small (" + std::to_string(table->struct_size) + " bytes; ABI " +
                               std::to_string(TINKR_PLUGIN_ABI_MAJOR) + ".0 needs at least " +
                               std::to_string(kMinimumTableSize) + ")");
  if (!table->name || !*table->name || !table->version)
    return abi_error(path, "plugin table has no name or version");
  if (!table->describe || !table->open || !table->execute || !table->explain || !table->close ||
      !table->free_string || !table->free_error)
    return abi_error(path,
                     "plugin table lacks a required function (describe, open, execute, explain, close, "
                     "free_string, free_error)");

  auto described = call_returning_string(
      *table, [&](tinkr_str* out, tinkr_error** err) { return table->describe(out, err); });
  if (!described) return Unexpected(described.error().with_context(subject(path) + ": describe failed"));
  if (auto capabilities = planner::parse_capabilities(*described); !capabilities)
    return abi_error(path, "describe returned invalid capabilities: " + capabilities.error().message());

  LoadedPlugin plugin = make_loaded_plugin(table, path, std::move(*described), *library);
  return plugin;
}

}  // namespace tinkr
