// Severity conditions: the IR compares OpenTelemetry ranges (trace..fatal); each table stores its
// own level values. The condition lists exactly the native levels whose decoded range satisfies the
// comparison, so what Azure returns is what the core would keep.
#include "kql/filter.hpp"
#include "kql/literal.hpp"

#include <tinkr/sdk/error.hpp>

#include <algorithm>
#include <charconv>
#include <vector>

namespace tinkr::azure::kql {

namespace {

int32_t target_range(const ir::Value& value) {
  int64_t number = 0;
  if (const auto* i = std::get_if<int64_t>(&value)) {
    number = *i;
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    auto parsed = ir::severity_from_text(*s);
    if (!parsed) throw sdk::Error(TINKR_INVALID_QUERY, "severity '" + *s + "' is not a known level");
    number = *parsed;
  } else {
    throw sdk::Error(TINKR_INVALID_QUERY, "severity takes an OpenTelemetry severity number or level name");
  }
  if (ir::severity_range(number) == 0)
    throw sdk::Error(TINKR_INVALID_QUERY,
                     "severity " + std::to_string(number) + " is outside OpenTelemetry's range 1..24");
  return ir::severity_range(number);
}

bool satisfies(ir::Op op, int32_t level, std::span<const int32_t> targets) {
  const int32_t t = targets.front();
  switch (op) {
    case ir::Op::eq:
      return level == t;
    case ir::Op::ne:
      return level != t;
    case ir::Op::lt:
      return level < t;
    case ir::Op::le:
      return level <= t;
    case ir::Op::gt:
      return level > t;
    case ir::Op::ge:
      return level >= t;
    case ir::Op::in:
      return std::find(targets.begin(), targets.end(), level) != targets.end();
    default:
      return false;
  }
}

int64_t as_int(std::string_view native) {
  int64_t v = 0;
  std::from_chars(native.data(), native.data() + native.size(), v);
  return v;
}

void append_level_list(std::string& out, const TableMapping& table, const std::vector<LevelValue>& levels) {
  out.push_back('(');
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (i) out += ", ";
    if (table.severity.kind == ColumnKind::integer)
      out += levels[i].native;
    else
      append_string(out, levels[i].native);
  }
  out.push_back(')');
}

// Integer levels (AppTraces): a range test when the set is contiguous at one end.
void append_integer_levels(std::string& out, const TableMapping& table,
                           const std::vector<LevelValue>& matched) {
  const std::string_view column = table.severity.predicate_text();
  std::vector<int64_t> all;
  for (const auto& l : table.levels) all.push_back(as_int(l.native));
  std::sort(all.begin(), all.end());
  std::vector<int64_t> got;
  for (const auto& l : matched) got.push_back(as_int(l.native));
  std::sort(got.begin(), got.end());
  const auto suffix = std::vector<int64_t>(all.end() - static_cast<std::ptrdiff_t>(got.size()), all.end());
  const auto prefix =
      std::vector<int64_t>(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(got.size()));
  out += column;
  if (got.size() == 1) {
    out += " == ";
    append_long(out, got.front());
  } else if (got == suffix) {
    out += " >= ";
    append_long(out, got.front());
  } else if (got == prefix) {
    out += " <= ";
    append_long(out, got.back());
  } else {
    out += " in ";
    append_level_list(out, table, matched);
  }
}

}  // namespace

void append_severity_condition(std::string& out, const TableMapping& table, ir::Op op,
                               std::span<const ir::Value> values) {
  if (!table.severity.available())
    throw sdk::Error(TINKR_UNSUPPORTED, "severity is not available in " + std::string(table.table) + " (" +
                                            std::string(table.resource_type) +
                                            "): the table has no level column");
  const std::string_view column = table.severity.predicate_text();
  if (op == ir::Op::exists) {
    out += "isnotempty(";
    out += column;
    out.push_back(')');
    return;
  }
  if (op == ir::Op::contains || op == ir::Op::startswith || op == ir::Op::matches)
    throw sdk::Error(TINKR_INVALID_QUERY, "severity does not take operator '" +
                                              std::string(ir::to_string(op)) + "'; compare levels");
  if (values.empty()) throw sdk::Error(TINKR_INVALID_QUERY, "severity comparison has no value");
  std::vector<int32_t> targets;
  for (const auto& v : values) targets.push_back(target_range(v));

  // ne keeps rows whose level is unknown too, so it is written as an exclusion.
  const bool negated = op == ir::Op::ne;
  std::vector<LevelValue> chosen;
  for (const auto& level : table.levels) {
    const bool match = satisfies(op, ir::severity_range(level.severity_number), targets);
    if (match != negated) chosen.push_back(level);
  }
  if (chosen.empty()) {
    out += negated ? "true" : "false";
    return;
  }
  const bool is_integer = table.severity.kind == ColumnKind::integer;
  if (negated) {
    out += column;
    if (chosen.size() == 1) {
      out += is_integer ? " != " : " !~ ";
      if (is_integer)
        out += chosen.front().native;
      else
        append_string(out, chosen.front().native);
    } else {
      out += is_integer ? " !in " : " !in~ ";
      append_level_list(out, table, chosen);
    }
    return;
  }
  if (is_integer) {
    append_integer_levels(out, table, chosen);
    return;
  }
  out += column;
  if (chosen.size() == 1) {
    out += " =~ ";
    append_string(out, chosen.front().native);
  } else {
    out += " in~ ";
    append_level_list(out, table, chosen);
  }
}

}  // namespace tinkr::azure::kql
