// Engine::read_secret: a secret kept in the backend's cloud (a Key Vault secret for the azure
// backend), read through the plugin's read_secret (ABI 1.2) with the backend's own credentials. The
// core knows no secret store: the plugin names the schemes it understands and refuses the others.
#include "tinkr/engine.hpp"

#include "base/call_state.hpp"
#include "engine/engine_impl.hpp"
#include "registry/plugin_call.hpp"

namespace tinkr {

Expected<std::string> Engine::read_secret(std::string_view uri, std::chrono::milliseconds timeout) {
  const auto read = impl_->optional_function<&tinkr_plugin::read_secret>();
  if (!read)
    return fail(Error::Code::unsupported,
                "backend '" + impl_->info.name +
                    "' reads no secrets (a secret URI needs a backend whose plugin offers read_secret, "
                    "plugin ABI 1.2)");
  tinkr_cancel call;
  call.flag = CancelSource().shared_flag();
  call.deadline_ns = now_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
  return call_returning_string(impl_->table(), [&](tinkr_str* value, tinkr_error** error) {
    return read(impl_->instance, {uri.data(), uri.size()}, &call, value, error);
  });
}

}  // namespace tinkr
