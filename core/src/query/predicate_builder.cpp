// Field-aware half of the query parser: value types per field, wildcards, regexes and severities.
#include "query/predicate_builder.hpp"

#include "planner/regex_cache.hpp"

#include <tinkr/query.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <vector>

namespace tinkr::query::detail {
namespace {

using ir::Filter;
using ir::Op;

// Cold: the paths that report a problem move out of the code that runs for every value.
[[gnu::cold]] tl::unexpected<Issue> issue(std::size_t position, std::string what) {
  return tl::unexpected(Issue{position, std::move(what)});
}

Op op_of(Relation relation, std::string_view field) {
  switch (relation) {
    case Relation::colon:
      return field == "body" ? Op::contains : Op::eq;
    case Relation::eq:
      return Op::eq;
    case Relation::ne:
      return Op::ne;
    case Relation::lt:
      return Op::lt;
    case Relation::le:
      return Op::le;
    case Relation::gt:
      return Op::gt;
    case Relation::ge:
      return Op::ge;
  }
  return Op::eq;
}

// Fields are compared as string_views: against a literal that is a length check, then memcmp.
bool is_numeric_field(std::string_view field) {
  return field == "severity" || field == "time" || field == "duration" || field == "ingestion_time";
}

std::optional<int64_t> to_int(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> to_double(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // "nan" and "inf" stay text: JSON has no such numbers, and the IR must serialise.
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

/// Offsets of the `*`s in `raw` that no backslash escapes.
std::vector<std::size_t> unescaped_stars(std::string_view raw) {
  std::vector<std::size_t> stars;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\') {
      ++i;
    } else if (raw[i] == '*') {
      stars.push_back(i);
    }
  }
  return stars;
}

void append_regex_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
}

/// `value*` is startswith, `*value*` contains, `*` alone exists; any other glob becomes an anchored
/// RE2 regex (`*.log` -> `(?s)^.*\.log$`; `(?s)` so that a star also spans line breaks), which RE2
/// matches in linear time however many stars the glob has.
tl::expected<Filter, Issue> build_glob(const std::string& field, const ValueToken& value,
                                       const std::vector<std::size_t>& stars) {
  const std::string_view raw = value.raw;
  if (stars.size() == raw.size()) return Filter::make_predicate(field, Op::exists, {});
  if (is_numeric_field(field) || field == "status")
    return issue(value.position + stars.front(),
                 "expected a " + field + " value; wildcards work on text fields only");
  const bool leading = stars.front() == 0;
  const bool trailing = stars.back() == raw.size() - 1;
  if (stars.size() == 1 && trailing)
    return Filter::make_predicate(field, Op::startswith, {unescape(raw.substr(0, raw.size() - 1))});
  if (stars.size() == 2 && leading && trailing)
    return Filter::make_predicate(field, Op::contains, {unescape(raw.substr(1, raw.size() - 2))});
  std::string pattern = "(?s)^";
  std::size_t begin = 0;
  for (std::size_t star : stars) {
    append_regex_escaped(pattern, unescape(raw.substr(begin, star - begin)));
    pattern += ".*";
    begin = star + 1;
  }
  append_regex_escaped(pattern, unescape(raw.substr(begin)));
  pattern += '$';
  return Filter::make_predicate(field, Op::matches, {std::move(pattern)});
}

tl::expected<ir::Value, Issue> severity_value(const ValueToken& value, std::string_view text) {
  if (auto number = ir::severity_from_text(text)) return int64_t{*number};
  if (auto number = to_int(text); number && *number >= 1 && *number <= 24) return *number;
  return issue(
      value.position,
      "expected a severity (trace, debug, info, warn, error, fatal, their aliases, or 1 to 24), found '" +
          std::string(text) + "'");
}

}  // namespace

int64_t Clock::now_ns() {
  if (!now_ns_) {
    now_ns_ = std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
  }
  return *now_ns_;
}

std::string unescape(std::string_view raw) {
  if (raw.find('\\') == std::string_view::npos) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      c = raw[++i];
      if (c == 'n') c = '\n';
      if (c == 't') c = '\t';
    }
    out += c;
  }
  return out;
}

tl::expected<ir::Value, Issue> build_value(const std::string& canonical_field, const ValueToken& value,
                                           Clock& clock) {
  const std::string_view field = canonical_field;
  // Read in place unless it has escapes: most values have none, and severities, times and numbers
  // need no string of their own.
  std::string unescaped;
  std::string_view text = value.raw;
  if (text.find('\\') != std::string_view::npos) {
    unescaped = unescape(text);
    text = unescaped;
  }
  if (field == "severity") return severity_value(value, text);
  if (field == "duration") {
    auto ns = parse_duration(text);
    if (!ns)
      return issue(value.position,
                   "expected a duration such as 250ms, 1.5s, 15m, 1h, found '" + std::string(text) + "'");
    return *ns;
  }
  if (field == "time" || field == "ingestion_time") {
    auto ns = parse_time(text, clock.now_ns());
    if (!ns)
      return issue(value.position,
                   "expected a time (RFC 3339 such as 2026-11-25T10:00:00Z, or now-1h), found '" +
                       std::string(text) + "'");
    return *ns;
  }
  if (field == "status") {
    std::string status(text);
    for (auto& c : status) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (status != "unset" && status != "ok" && status != "error")
      return issue(value.position, "expected a span status (unset, ok, error), found '" + status + "'");
    return status;
  }
  if (value.kind == ValueToken::Kind::quoted) return std::string(text);
  if (field == "status_code") {
    if (auto number = to_int(text)) return *number;
    return std::string(text);
  }
  if (field.starts_with(ir::kAttributesPrefix)) {
    if (text == "true") return true;
    if (text == "false") return false;
    if (auto number = to_int(text)) return *number;
    if (auto number = to_double(text)) return *number;
  }
  return std::string(text);
}

tl::expected<std::string, Issue> resolve_field(std::string_view name, std::size_t position) {
  if (auto canonical = ir::canonical_field(name)) return std::move(*canonical);
  return issue(position,
               "unknown field '" + std::string(name) +
                   "': expected time, severity (level), body (message), service, trace_id, span_id, name, "
                   "duration, status, status_code, kind, parent_span_id or attributes.<key>");
}

tl::expected<Filter, Issue> build_predicate(const std::string& field, Relation relation,
                                            const ValueToken& value, Clock& clock) {
  if (value.kind == ValueToken::Kind::regex) {
    if (relation != Relation::colon && relation != Relation::eq)
      return issue(value.position, "a regex needs ':' (field:/pattern/)");
    if (is_numeric_field(field))
      return issue(value.position, "a regex works on text fields only, not " + field);
    std::string pattern;
    pattern.reserve(value.raw.size());
    // Inside /.../ only "\/" is ours; every other backslash belongs to the regex.
    for (std::size_t i = 0; i < value.raw.size(); ++i) {
      if (value.raw[i] == '\\' && i + 1 < value.raw.size() && value.raw[i + 1] == '/') ++i;
      pattern += value.raw[i];
    }
    std::string error;
    if (!planner::compiled_regex(pattern, &error)) return issue(value.position, "invalid regex: " + error);
    return Filter::make_predicate(field, Op::matches, {std::move(pattern)});
  }
  if (value.kind == ValueToken::Kind::bare && relation == Relation::colon) {
    if (auto stars = unescaped_stars(value.raw); !stars.empty()) return build_glob(field, value, stars);
  }
  auto typed = build_value(field, value, clock);
  if (!typed) return tl::unexpected(std::move(typed.error()));
  std::vector<ir::Value> values;
  values.push_back(std::move(*typed));
  return Filter::make_predicate(field, op_of(relation, field), std::move(values));
}

}  // namespace tinkr::query::detail
