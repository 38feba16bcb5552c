// tinkr/error.hpp: the one error type of the core and the hosts, and Expected<T> built on tl::expected
// (so that moving to C++23's std::expected is a rename). Codes mirror the ABI's tinkr_status values.
#pragma once

#include <tl/expected.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace tinkr {

class [[nodiscard]] Error {
 public:
  // Values equal the ABI's tinkr_status numbers (static_asserted in error.cpp).
  enum class Code : int32_t {
    invalid_query = 1,
    unsupported = 2,
    not_found = 3,
    unauthenticated = 4,
    forbidden = 5,
    throttled = 6,
    upstream_unavailable = 7,
    timeout = 8,
    cancelled = 9,
    plugin_abi = 10,
    config = 11,
    internal = 12,
    invalid_data = 13,  // input data (a file given to ingest) is malformed; the query is not at fault
  };
  /// Whose fault it is: hosts report a core bug, a plugin's failure and an upstream's differently.
  enum class Source { core, plugin, upstream };

  /// The message is cleaned once, here, so that every host can print it as it is: secrets redacted
  /// (tinkr/redact.hpp), valid UTF-8 with invalid bytes and control characters (NUL too) escaped as
  /// \xNN, and at most about 4 KB, with a note of how much was cut.
  Error(Code code, std::string_view message, Source source = Source::core, bool retryable = false,
        int64_t retry_after_ms = 0);

  Code code() const noexcept { return code_; }
  Source source() const noexcept { return source_; }
  bool retryable() const noexcept { return retryable_; }
  int64_t retry_after_ms() const noexcept { return retry_after_ms_; }
  const std::string& message() const noexcept { return message_; }

  /// "code: message", for logs and terminals.
  std::string to_string() const;

  /// The same error with `context: ` put before its message.
  Error with_context(std::string_view context) const;

 private:
  Code code_;
  Source source_;
  bool retryable_;
  int64_t retry_after_ms_;
  std::string message_;
};

std::string_view to_string(Error::Code code) noexcept;
std::string_view to_string(Error::Source source) noexcept;
/// From a status number that crossed the ABI; unknown numbers become internal.
Error::Code code_from_status(int32_t status) noexcept;

/// A value or the Error that explains its absence. It is tl::expected<T, Error> (so that moving to
/// C++23's std::expected stays a rename) marked [[nodiscard]]: a call whose result nobody reads is a
/// compile error under -Werror, so a failure can never be dropped silently. To ignore one on purpose,
/// say so: `(void)call();` with a comment giving the reason.
template <typename T>
class [[nodiscard]] Expected : public tl::expected<T, Error> {
  using Base = tl::expected<T, Error>;

 public:
  using Base::Base;
  Expected(const Base& base) : Base(base) {}
  Expected(Base&& base) : Base(std::move(base)) {}
};

using Unexpected = tl::unexpected<Error>;

/// Shorthand for returning a failure: `return fail(Error::Code::config, "...")`. Marked cold, so the
/// compiler moves each failure path (and the message it builds) away from the code that succeeds.
[[gnu::cold]] inline Unexpected fail(Error::Code code, std::string_view message,
                                     Error::Source source = Error::Source::core) {
  return Unexpected(Error(code, message, source));
}

}  // namespace tinkr
