// lower_filter.cpp: see lower_filter.hpp. tests/unit/plugins/local/agreement_test.cpp runs every operator
// both here and in the core on the same records and requires the same answer.
#include "lower_filter.hpp"

#include <tinkr/sdk/error.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

namespace tinkr::local {

namespace {

using ir::Op;
using ir::Value;

// SQLite parses "a OR b OR c ..." as a chain as deep as it is long and refuses an expression deeper
// than 1000 (SQLITE_MAX_EXPR_DEPTH). A long list is joined in parenthesised runs of kRun terms, and
// runs of runs, so n terms nest about kRun * log(n) / log(kRun) deep; a short list reads as before.
constexpr std::size_t kRun = 64;

std::string join_terms(std::vector<std::string> terms, const char* separator) {
  while (terms.size() > kRun) {
    std::vector<std::string> runs;
    for (std::size_t begin = 0; begin < terms.size(); begin += kRun) {
      std::string run = "(";
      for (std::size_t i = begin; i < std::min(terms.size(), begin + kRun); ++i)
        run += (i > begin ? separator : "") + terms[i];
      runs.push_back(run + ")");
    }
    terms = std::move(runs);
  }
  std::string out = "(";
  for (std::size_t i = 0; i < terms.size(); ++i) out += (i ? separator : "") + terms[i];
  return out + ")";
}

const char* sql_operator(Op op) {
  switch (op) {
    case Op::ne:
      return "<>";
    case Op::lt:
      return "<";
    case Op::le:
      return "<=";
    case Op::gt:
      return ">";
    case Op::ge:
      return ">=";
    default:
      return "=";
  }
}

// What an operator says of two values the core finds equivalent (status, booleans).
const char* when_equivalent(Op op) {
  return op == Op::eq || op == Op::le || op == Op::ge ? "1" : "0";
}

std::optional<double> number_in(const std::string& text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool is_number(const Value& v) {
  return std::holds_alternative<int64_t>(v) || std::holds_alternative<double>(v);
}

// The core's text of a value: numbers in their shortest round-trip form, booleans as true/false.
std::string text_of(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::get<double>(v));
  return ec == std::errc() ? std::string(buffer, end) : std::string();
}

// Each *_rules function gives SQL that is NULL when the core finds the two values incomparable
// ("unordered") and otherwise the truth of `op`.

std::string text_rules(const std::string& text, Op op, const Value& v, SqlQuery& q) {
  if (auto* s = std::get_if<std::string>(&v)) return text + " " + sql_operator(op) + " " + q.param(*s);
  if (is_number(v)) return "tinkr_number(" + text + ") " + sql_operator(op) + " " + q.param(v);
  return "(CASE WHEN " + text + " = " + q.param(text_of(v)) + " THEN " + when_equivalent(op) + " END)";
}

std::string number_rules(const std::string& number, Op op, const Value& v, SqlQuery& q) {
  if (is_number(v)) return number + " " + sql_operator(op) + " " + q.param(v);
  if (auto* s = std::get_if<std::string>(&v))
    if (auto n = number_in(*s)) return number + " " + sql_operator(op) + " " + q.param(*n);
  return "NULL";
}

std::string bool_rules(bool field, Op op, const Value& v) {
  const std::string expected = text_of(v);
  if (expected != "true" && expected != "false") return "NULL";
  return field == (expected == "true") ? when_equivalent(op) : "NULL";
}

// present AND op, where an incomparable pair fails every operator but `ne`.
std::string decide(Op op, const std::string& present, const std::string& ordered) {
  if (op == Op::ne) return "coalesce((" + present + ") AND coalesce(" + ordered + ", 1), 0)";
  return "coalesce((" + present + ") AND " + ordered + ", 0)";
}

std::string json_present(const JsonMember& m) {
  return m.type + " IS NOT NULL AND " + m.type + " <> 'null' AND NOT (" + m.type + " = 'text' AND " +
         m.value + " = '')";
}

std::string json_text(const JsonMember& m) {
  return "(CASE " + m.type + " WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE tinkr_text(" + m.value +
         ") END)";
}

std::string json_compare(const JsonMember& m, Op op, const Value& v, SqlQuery& q) {
  const std::string number = number_rules(m.value, op, v, q);
  const std::string ordered = "(CASE " + m.type + " WHEN 'integer' THEN " + number + " WHEN 'real' THEN " +
                              number + " WHEN 'true' THEN " + bool_rules(true, op, v) +
                              " WHEN 'false' THEN " + bool_rules(false, op, v) + " ELSE " +
                              text_rules(m.value, op, v, q) + " END)";
  return decide(op, json_present(m), ordered);
}

// Severities compare ranges of four. Stored numbers are 0..24 (0: none), and the range function is
// monotonic, so each comparison becomes bounds on the number that an index serves.
std::string severity_compare(Op op, const Value& v, SqlQuery& q) {
  int64_t number = 0;
  if (auto* s = std::get_if<std::string>(&v))
    number = ir::severity_from_text(*s).value_or(0);
  else if (auto* i = std::get_if<int64_t>(&v))
    number = *i;
  else if (auto* d = std::get_if<double>(&v))
    number = static_cast<int64_t>(*d);
  const int32_t range = ir::severity_range(number);
  if (range == 0) return op == Op::ne ? "severity_number <> 0" : "0";  // incomparable
  const std::string low = q.param(int64_t{range * 4 - 3});
  switch (op) {
    case Op::eq:
      return "severity_number BETWEEN " + low + " AND " + q.param(int64_t{range * 4});
    case Op::ne:
      return "(severity_number <> 0 AND severity_number NOT BETWEEN " + low + " AND " +
             q.param(int64_t{range * 4}) + ")";
    case Op::lt:
      return "(severity_number > 0 AND severity_number < " + low + ")";
    case Op::le:
      return "(severity_number > 0 AND severity_number < " + low + " + 4)";
    case Op::gt:
      return "severity_number >= " + low + " + 4";
    default:
      return "severity_number >= " + low;
  }
}

std::string compare(const Field& f, Op op, const Value& v, SqlQuery& q) {
  switch (f.kind) {
    case Field::Kind::severity:
      return severity_compare(op, v, q);
    case Field::Kind::integer:
      if (is_number(v)) return f.column + " " + sql_operator(op) + " " + q.param(v);  // index-friendly
      return decide(op, "1", number_rules(f.column, op, v, q));
    case Field::Kind::status: {
      const auto* s = std::get_if<std::string>(&v);
      if (!s) return op == Op::ne ? "1" : "0";
      std::string lowered = *s;
      for (auto& c : lowered) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (op == Op::ne) return "status <> " + q.param(lowered);
      if (op == Op::lt || op == Op::gt) return "0";
      return "status = " + q.param(lowered);
    }
    case Field::Kind::text:
      if (op == Op::eq && std::holds_alternative<std::string>(v) && !std::get<std::string>(v).empty())
        return f.column + " = " + q.param(v);  // index-friendly; a match is never empty
      return decide(op, f.column + " <> ''", text_rules(f.column, op, v, q));
    case Field::Kind::json:
      return json_compare(json_member(f, q), op, v, q);
    case Field::Kind::absent:
      return "0";
  }
  return "0";
}

const char* kSeverityTexts =
    "(CASE (severity_number + 3) / 4 WHEN 1 THEN 'trace' WHEN 2 THEN 'debug' WHEN 3 THEN 'info' WHEN 4 THEN "
    "'warn' "
    "WHEN 5 THEN 'error' WHEN 6 THEN 'fatal' END)";

// contains / startswith / matches / exists: on the field's text, when it has a value.
std::string text_operator(const Field& f, Op op, const ir::Predicate& p, SqlQuery& q) {
  std::string present, text;
  switch (f.kind) {
    case Field::Kind::text:
      present = f.column + " <> ''", text = f.column;
      break;
    case Field::Kind::integer:
      present = "1", text = "tinkr_text(" + f.column + ")";
      break;
    case Field::Kind::severity:
      present = "severity_number <> 0", text = kSeverityTexts;
      break;
    case Field::Kind::status:
      present = "1", text = "status";
      break;
    case Field::Kind::json: {
      JsonMember m = json_member(f, q);
      present = json_present(m), text = json_text(m);
      break;
    }
    case Field::Kind::absent:
      return "0";
  }
  if (op == Op::exists) return present == "1" ? "1" : "coalesce(" + present + ", 0)";
  if (op == Op::matches)  // REGEXP is RE2 (sql_functions.hpp), the core's regex engine
    return "coalesce((" + present + ") AND " + text + " REGEXP " + q.param(text_of(p.values.front())) +
           ", 0)";
  const std::string needle = q.param(text_of(p.values.front()));
  const std::string test = op == Op::contains ? "instr(lower(" + text + "), lower(" + needle + ")) > 0"
                                              : "instr(lower(" + text + "), lower(" + needle + ")) = 1";
  return "coalesce((" + present + ") AND " + test + ", 0)";
}

std::string lower_predicate(const ir::Predicate& p, Table table, SqlQuery& q) {
  if (p.op != Op::exists && p.values.empty())
    return "0";  // as the core: a predicate without values matches nothing
  const Field field = resolve_field(table, p.field);
  if (field.kind == Field::Kind::absent) return "0";
  if (p.op == Op::exists || p.op == Op::contains || p.op == Op::startswith || p.op == Op::matches)
    return text_operator(field, p.op, p, q);
  if (p.op == Op::in) {
    std::vector<std::string> terms;
    for (const auto& value : p.values) terms.push_back(compare(field, Op::eq, value, q));
    return join_terms(std::move(terms), " OR ");
  }
  return compare(field, p.op, p.values.front(), q);
}

const char* searchable_column(Table table) {
  switch (table) {
    case Table::logs:
      return "body";
    case Table::spans:
      return "name";
    case Table::metric_points:
      return "metric";
  }
  return "body";
}

}  // namespace

std::string lower_scope(const ir::Query& query, Table table, SqlQuery& sql) {
  std::vector<std::string> conditions;
  if (!query.service.empty()) conditions.push_back("service = " + sql.param(query.service));
  const std::string time = time_column(table);
  if (query.time.from_ns != 0) conditions.push_back(time + " >= " + sql.param(query.time.from_ns));
  if (query.time.to_ns != 0) conditions.push_back(time + " < " + sql.param(query.time.to_ns));
  if (!query.filter.is_all()) conditions.push_back(lower_filter(query.filter, table, sql));
  if (conditions.empty()) return "1";
  std::string out;
  for (std::size_t i = 0; i < conditions.size(); ++i) out += (i ? " AND " : "") + conditions[i];
  return out;
}

std::string lower_filter(const ir::Filter& filter, Table table, SqlQuery& query) {
  using Kind = ir::Filter::Kind;
  switch (filter.kind) {
    case Kind::all:
      return "1";
    case Kind::predicate:
      return lower_predicate(filter.predicate, table, query);
    case Kind::text:
      return std::string("instr(lower(") + searchable_column(table) + "), lower(" + query.param(filter.text) +
             ")) > 0";
    case Kind::not_:
      return "NOT (" + lower_filter(filter.children.front(), table, query) + ")";
    case Kind::and_:
    case Kind::or_: {
      std::vector<std::string> terms;
      for (const auto& child : filter.children) terms.push_back(lower_filter(child, table, query));
      return join_terms(std::move(terms), filter.kind == Kind::and_ ? " AND " : " OR ");
    }
  }
  return "1";
}

}  // namespace tinkr::local
