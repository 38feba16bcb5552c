// Error's names and the check that its codes equal the ABI's status numbers.
#include "tinkr/error.hpp"

#include <tinkr/plugin.h>
#include <tinkr/sdk/error.hpp>

#include "base/message_text.hpp"

namespace tinkr {

static_assert(static_cast<int32_t>(Error::Code::invalid_query) == TINKR_INVALID_QUERY);
static_assert(static_cast<int32_t>(Error::Code::unsupported) == TINKR_UNSUPPORTED);
static_assert(static_cast<int32_t>(Error::Code::not_found) == TINKR_NOT_FOUND);
static_assert(static_cast<int32_t>(Error::Code::unauthenticated) == TINKR_UNAUTHENTICATED);
static_assert(static_cast<int32_t>(Error::Code::forbidden) == TINKR_FORBIDDEN);
static_assert(static_cast<int32_t>(Error::Code::throttled) == TINKR_THROTTLED);
static_assert(static_cast<int32_t>(Error::Code::upstream_unavailable) == TINKR_UPSTREAM_UNAVAILABLE);
static_assert(static_cast<int32_t>(Error::Code::timeout) == TINKR_TIMEOUT);
static_assert(static_cast<int32_t>(Error::Code::cancelled) == TINKR_CANCELLED);
static_assert(static_cast<int32_t>(Error::Code::plugin_abi) == TINKR_PLUGIN_ABI);
static_assert(static_cast<int32_t>(Error::Code::config) == TINKR_CONFIG);
static_assert(static_cast<int32_t>(Error::Code::internal) == TINKR_INTERNAL);
static_assert(static_cast<int32_t>(Error::Code::invalid_data) == TINKR_INVALID_DATA);

// The names live in one table, the SDK's, which plugins use too; the static_asserts above make a
// code and its status the same number.
std::string_view to_string(Error::Code code) noexcept {
  return sdk::status_name(static_cast<int32_t>(code));
}

std::string_view to_string(Error::Source source) noexcept {
  switch (source) {
    case Error::Source::core:
      return "core";
    case Error::Source::plugin:
      return "plugin";
    case Error::Source::upstream:
      return "upstream";
  }
  return "core";
}

Error::Code code_from_status(int32_t status) noexcept {
  if (status >= TINKR_INVALID_QUERY && status <= TINKR_INVALID_DATA) return static_cast<Error::Code>(status);
  return Error::Code::internal;
}

Error::Error(Code code, std::string_view message, Source source, bool retryable, int64_t retry_after_ms)
    : code_(code),
      source_(source),
      retryable_(retryable),
      retry_after_ms_(retry_after_ms),
      message_(detail::clean_message(message)) {}

std::string Error::to_string() const {
  return std::string(tinkr::to_string(code_)) + ": " + message_;
}

Error Error::with_context(std::string_view context) const {
  Error e = *this;
  e.message_ = detail::clean_message(std::string(context) + ": " + message_);
  return e;
}

}  // namespace tinkr
