// The reference semantics of the filter operators on records (docs/ir.md, "Operators"). Backends that
// declare an operator exact promise these semantics; the core re-checks every other pushed operator
// with this code.
#include "planner/field_value.hpp"
#include "planner/regex_cache.hpp"
#include "planner/view_matches.hpp"

#include <tinkr/planner.hpp>
#include <tinkr/text.hpp>

#include <charconv>
#include <cmath>
#include <compare>

namespace tinkr::planner {
namespace {

using detail::FieldValue;
using ir::Op;

bool contains_ignoring_case(std::string_view text, std::string_view needle) {
  if (needle.empty()) return true;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i)
    if (starts_with_ignoring_case(text.substr(i), needle)) return true;
  return false;
}

std::optional<double> number_in(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

/// A value as text, for the text operators applied to a number or a boolean.
std::string text_of(const ir::Value& value) {
  switch (value.index()) {
    case 0:
      return std::get<std::string>(value);
    case 1:
      return std::to_string(std::get<int64_t>(value));
    case 2: {
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::get<double>(value));
      return ec == std::errc() ? std::string(buffer, end) : std::string();
    }
    default:
      return std::get<bool>(value) ? "true" : "false";
  }
}

std::string text_of(const FieldValue& field) {
  switch (field.kind) {
    case FieldValue::Kind::integer:
      return std::to_string(field.integer);
    case FieldValue::Kind::real:
      return text_of(ir::Value(field.real));
    case FieldValue::Kind::boolean:
      return field.boolean ? "true" : "false";
    case FieldValue::Kind::severity:
      return std::string(ir::severity_text(field.integer));
    default:
      return std::string(field.text);
  }
}

/// Text as a view, without a copy; other values spelled into `buffer`.
std::string_view text_view(const ir::Value& value, std::string& buffer) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return buffer = text_of(value);
}
std::string_view text_view(const FieldValue& field, std::string& buffer) {
  if (field.kind == FieldValue::Kind::text || field.kind == FieldValue::Kind::status) return field.text;
  return buffer = text_of(field);
}

std::optional<double> number_of(const ir::Value& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* s = std::get_if<std::string>(&value)) return number_in(*s);
  return std::nullopt;
}

/// The ordering of a field against a value; nullopt when they cannot be compared.
std::optional<std::partial_ordering> compare(const FieldValue& field, const ir::Value& value) {
  switch (field.kind) {
    case FieldValue::Kind::absent:
      return std::nullopt;
    case FieldValue::Kind::severity: {
      // Severities compare by range: every error (17..20) equals error.
      int64_t number = 0;
      if (const auto* s = std::get_if<std::string>(&value)) {
        auto parsed = ir::severity_from_text(*s);
        if (!parsed) return std::nullopt;
        number = *parsed;
      } else if (auto n = number_of(value)) {
        number = static_cast<int64_t>(*n);
      }
      if (ir::severity_range(number) == 0) return std::nullopt;
      return ir::severity_range(field.integer) <=> ir::severity_range(number);
    }
    case FieldValue::Kind::status: {
      const auto* s = std::get_if<std::string>(&value);
      if (!s) return std::nullopt;
      return equals_ignoring_case(field.text, *s) ? std::partial_ordering::equivalent
                                                  : std::partial_ordering::unordered;
    }
    case FieldValue::Kind::boolean: {
      const std::string expected = text_of(value);
      if (expected != "true" && expected != "false") return std::nullopt;
      return field.boolean == (expected == "true") ? std::partial_ordering::equivalent
                                                   : std::partial_ordering::unordered;
    }
    case FieldValue::Kind::integer:
      if (const auto* i = std::get_if<int64_t>(&value)) return field.integer <=> *i;
      [[fallthrough]];
    case FieldValue::Kind::real: {
      auto number = number_of(value);
      if (!number) return std::nullopt;
      const double mine =
          field.kind == FieldValue::Kind::real ? field.real : static_cast<double>(field.integer);
      return mine <=> *number;
    }
    case FieldValue::Kind::text:
      if (const auto* s = std::get_if<std::string>(&value)) return field.text.compare(*s) <=> 0;
      if (std::holds_alternative<bool>(value)) {
        return field.text == text_of(value) ? std::partial_ordering::equivalent
                                            : std::partial_ordering::unordered;
      }
      // "500" against 500: text that holds a number compares as that number.
      if (auto mine = number_in(field.text)) return *mine <=> *number_of(value);
      return std::nullopt;
  }
  return std::nullopt;
}

bool is_equal(const FieldValue& field, const ir::Value& value) {
  auto order = compare(field, value);
  return order && *order == 0;
}

bool evaluate(const ir::Predicate& predicate, const FieldValue& field) {
  if (field.kind == FieldValue::Kind::absent) return false;
  const auto& values = predicate.values;
  std::string field_text, value_text;  // numbers and booleans spelled out for the text operators
  switch (predicate.op) {
    case Op::exists:
      return true;
    case Op::eq:
      return is_equal(field, values.front());
    case Op::ne:
      return !is_equal(field, values.front());
    case Op::in:
      for (const auto& value : values)
        if (is_equal(field, value)) return true;
      return false;
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: {
      auto order = compare(field, values.front());
      if (!order || *order == std::partial_ordering::unordered) return false;
      if (predicate.op == Op::lt) return *order < 0;
      if (predicate.op == Op::le) return *order <= 0;
      if (predicate.op == Op::gt) return *order > 0;
      return *order >= 0;
    }
    case Op::contains:
      return contains_ignoring_case(text_view(field, field_text), text_view(values.front(), value_text));
    case Op::startswith:
      return starts_with_ignoring_case(text_view(field, field_text), text_view(values.front(), value_text));
    case Op::matches: {
      // A pattern that does not compile matches nothing; plan() refuses such a query before it runs.
      const auto* pattern = std::get_if<std::string>(&values.front());
      return pattern && regex_search(text_view(field, field_text), *pattern);
    }
  }
  return false;
}

template <class View>
bool evaluate(const ir::Filter& filter, View& view) {
  using Kind = ir::Filter::Kind;
  switch (filter.kind) {
    case Kind::all:
      return true;
    case Kind::predicate:
      // A predicate without its values (possible only in hand-built IR) matches nothing.
      if (filter.predicate.op != Op::exists && filter.predicate.values.empty()) return false;
      return evaluate(filter.predicate, view.field(filter.predicate.field));
    case Kind::text:
      return contains_ignoring_case(view.searchable_text(), filter.text);
    case Kind::and_:
      for (const auto& child : filter.children)
        if (!evaluate(child, view)) return false;
      return true;
    case Kind::or_:
      for (const auto& child : filter.children)
        if (evaluate(child, view)) return true;
      return false;
    case Kind::not_:
      return filter.children.empty() || !evaluate(filter.children.front(), view);
  }
  return false;
}

template <class R>
bool matches_record(const ir::Filter& filter, const R& record) {
  if (filter.is_all()) return true;
  detail::RecordView<R> view(record);
  return evaluate(filter, view);
}

}  // namespace

bool matches(const ir::Filter& filter, const Record& record) {
  return std::visit([&filter](const auto& kept) { return matches_record(filter, kept); }, record);
}

bool matches(const ir::Filter& filter, const tinkr_log_record& record) {
  return matches_record(filter, record);
}
bool matches(const ir::Filter& filter, const tinkr_metric_series& record) {
  return matches_record(filter, record);
}
bool matches(const ir::Filter& filter, const tinkr_span& record) {
  return matches_record(filter, record);
}
bool matches(const ir::Filter& filter, const tinkr_trace_summary& record) {
  return matches_record(filter, record);
}

}  // namespace tinkr::planner
