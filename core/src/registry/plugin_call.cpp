// Errors and strings that cross back from a plugin.
#include "registry/plugin_call.hpp"

namespace tinkr {

Error error_from_plugin(const tinkr_plugin& plugin, int32_t status, tinkr_error* error) {
  Error::Code code = code_from_status(status);
  std::string message;
  bool retryable = false;
  int64_t retry_after_ms = 0;
  if (error) {
    if (error->message.ptr) message.assign(error->message.ptr, static_cast<std::size_t>(error->message.len));
    retryable = error->retryable != 0;
    retry_after_ms = error->retry_after_ms;
    plugin.free_error(error);
  }
  if (message.empty()) message = std::string("plugin '") + plugin.name + "' failed without a message";
  Error::Source source = Error::Source::plugin;
  switch (code) {
    case Error::Code::unauthenticated:
    case Error::Code::forbidden:
    case Error::Code::throttled:
    case Error::Code::upstream_unavailable:
    case Error::Code::timeout:
      source = Error::Source::upstream;
      break;
    default:
      break;
  }
  return Error(code, std::move(message), source, retryable, retry_after_ms);
}

LoadedPlugin make_loaded_plugin(const tinkr_plugin* table, std::string path, std::string capabilities_json,
                                std::shared_ptr<void> library) {
  LoadedPlugin plugin;
  plugin.name_ = table->name;
  plugin.version_ = table->version;
  plugin.path_ = std::move(path);
  plugin.capabilities_json_ = std::move(capabilities_json);
  plugin.table_ = table;
  plugin.library_ = std::move(library);
  return plugin;
}

std::string LoadedPlugin::abi() const {
  return std::to_string(table_->abi_major) + "." + std::to_string(table_->abi_minor);
}

}  // namespace tinkr
