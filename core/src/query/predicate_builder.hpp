// The parser's half that knows about fields: it turns `field <relation> value` into an IR predicate,
// giving each field its value type (severity numbers, nanoseconds, span status) and each wildcard its
// operator. Problems come back as a position and a phrase; syntax_error.hpp formats them.
#pragma once

#include <tinkr/ir.hpp>

#include <tl/expected.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tinkr::query::detail {

/// What went wrong and where (a byte offset into the query text).
struct Issue {
  std::size_t position = 0;
  std::string what;
};

/// How a field and its value are joined in the text: `:` lets the field choose (eq, or contains on
/// the message), the others are the comparisons they spell.
enum class Relation { colon, eq, ne, lt, le, gt, ge };

struct ValueToken {
  enum class Kind { bare, quoted, regex };
  std::string_view raw;  // as written, without quotes or slashes; escapes still in it
  std::size_t position = 0;
  Kind kind = Kind::bare;
};

/// The current time, read from the system clock only when a relative time needs it.
class Clock {
 public:
  Clock() = default;
  explicit Clock(int64_t now_ns) : now_ns_(now_ns) {}
  int64_t now_ns();

 private:
  std::optional<int64_t> now_ns_;
};

/// A field name as written, resolved to its canonical name; an unknown field is an Issue at `position`.
tl::expected<std::string, Issue> resolve_field(std::string_view name, std::size_t position);

/// The predicate `canonical_field relation value`.
tl::expected<ir::Filter, Issue> build_predicate(const std::string& canonical_field, Relation relation,
                                                const ValueToken& value, Clock& clock);

/// The value of a plain (no wildcard, no regex) token, typed for the canonical field: severity
/// numbers, nanoseconds for time and duration, lowercase span status, typed attribute literals.
tl::expected<ir::Value, Issue> build_value(const std::string& canonical_field, const ValueToken& value,
                                           Clock& clock);

/// The text of a bare or quoted token with its backslash escapes removed ("a\ b" -> "a b").
std::string unescape(std::string_view raw);

}  // namespace tinkr::query::detail
