// Calling into a plugin's table: turning its status + error object into tinkr::Error (and freeing
// the object with the plugin's own free_error), and taking ownership of strings it allocated.
#pragma once

#include <string>

#include "tinkr/error.hpp"
#include "tinkr/plugin.h"
#include "tinkr/registry.hpp"

namespace tinkr {

/// The Error a plugin reported; releases `error` with the plugin's free_error. Failures of the
/// upstream service (throttling, outages, credentials, timeouts) are marked Source::upstream.
Error error_from_plugin(const tinkr_plugin& plugin, int32_t status, tinkr_error* error);

/// Runs a plugin call that yields an allocated string, copying it and releasing the original.
template <typename Call>
Expected<std::string> call_returning_string(const tinkr_plugin& plugin, Call&& call) {
  tinkr_str out{nullptr, 0};
  tinkr_error* error = nullptr;
  int32_t status = call(&out, &error);
  if (status != TINKR_OK) {
    if (out.ptr) plugin.free_string(out);
    return Unexpected(error_from_plugin(plugin, status, error));
  }
  std::string copy = out.ptr ? std::string(out.ptr, static_cast<std::size_t>(out.len)) : std::string();
  if (out.ptr) plugin.free_string(out);
  return copy;
}

LoadedPlugin make_loaded_plugin(const tinkr_plugin* table, std::string path, std::string capabilities_json,
                                std::shared_ptr<void> library);

}  // namespace tinkr
