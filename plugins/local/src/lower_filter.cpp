// lower_filter.cpp: see lower_filter.hpp. Semantics follow docs/ir.md (the core's residual evaluator
// is the reference; tests/unit/local compares the two on the same records).
#include "lower_filter.hpp"

#include <tinkr/sdk/error.hpp>

#include <vector>

namespace tinkr::local {

namespace {

using ir::Op;
using ir::Value;

// Where a field's value comes from.
struct Field {
  enum class Kind { text, integer, severity, json, absent };
  Kind kind = Kind::absent;
  std::string column;  // the column, or the JSON column for Kind::json
  std::string key;     // Kind::json: the attribute or dimension key
};

Field text(const char* column) {
  return {Field::Kind::text, column, {}};
}
Field integer(const char* column) {
  return {Field::Kind::integer, column, {}};
}

Field resolve(Table table, const std::string& name) {
  const bool is_attribute = name.starts_with(ir::kAttributesPrefix);
  const bool is_dimension = name.starts_with(ir::kDimensionsPrefix);
  if (is_attribute || is_dimension) {
    std::string key = name.substr(is_attribute ? ir::kAttributesPrefix.size() : ir::kDimensionsPrefix.size());
    if (table == Table::metric_points) return {Field::Kind::json, "dimensions", key};
    if (is_attribute) return {Field::Kind::json, "attributes", key};
    return {};
  }
  if (name == "service") return text("service");
  if (name == "time") return integer(time_column(table));
  switch (table) {
    case Table::logs:
      if (name == "severity") return {Field::Kind::severity, "severity_number", {}};
      if (name == "body") return text("body");
      if (name == "trace_id") return text("trace_id");
      if (name == "span_id") return text("span_id");
      return {};
    case Table::spans:
      if (name == "duration") return integer("duration_ns");
      for (const char* column :
           {"trace_id", "span_id", "parent_span_id", "name", "kind", "status", "status_code"})
        if (name == column) return text(column);
      return {};
    case Table::metric_points:
      if (name == "name") return text("metric");
      return {};
  }
  return {};
}

const char* sql_operator(Op op) {
  switch (op) {
    case Op::eq:
      return "=";
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

bool is_comparison(Op op) {
  return op == Op::eq || op == Op::ne || op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge;
}

bool is_number(const Value& v) {
  return std::holds_alternative<int64_t>(v) || std::holds_alternative<double>(v);
}

std::string as_text(const Value& v) {
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return literal(v);
}

// Renders one field's value in the three shapes a comparison may need. JSON lookups bind the path
// once and reuse its placeholder.
class Operand {
 public:
  Operand(const Field& field, SqlQuery& query) : field_(field) {
    if (field.kind != Field::Kind::json) return;
    // A key holding '"' cannot be written as a quoted JSON path label, so that rare case reads the
    // object's members instead.
    if (field.key.find('"') == std::string::npos) {
      std::string path = query.param("$.\"" + field.key + "\"");
      value_ = "json_extract(" + field.column + ", " + path + ")";
      type_ = "json_type(" + field.column + ", " + path + ")";
    } else {
      std::string key = query.param(field.key);
      value_ = "(SELECT value FROM json_each(" + field.column + ") WHERE key = " + key + ")";
      type_ = "(SELECT type FROM json_each(" + field.column + ") WHERE key = " + key + ")";
    }
  }

  bool nullable() const { return field_.kind == Field::Kind::json; }

  // The value as text: strings as they are, numbers in decimal, booleans as true/false.
  std::string text() const {
    switch (field_.kind) {
      case Field::Kind::text:
        return field_.column;
      case Field::Kind::json:
        return "(CASE " + type_ +
               " WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL ELSE CAST(" +
               value_ + " AS TEXT) END)";
      default:
        return "CAST(" + field_.column + " AS TEXT)";
    }
  }

  // The value as a number, or NULL when it is not one (text that spells a number counts).
  std::string number() const {
    switch (field_.kind) {
      case Field::Kind::text:
        return numeric_text(field_.column);
      case Field::Kind::json:
        return "(CASE " + type_ + " WHEN 'integer' THEN " + value_ + " WHEN 'real' THEN " + value_ +
               " WHEN 'text' THEN " + numeric_text(value_) + " END)";
      default:
        return field_.column;
    }
  }

  // Nonzero when the field has a value on this record.
  std::string exists() const {
    switch (field_.kind) {
      case Field::Kind::text:
        return field_.column + " <> ''";
      case Field::Kind::severity:
        return field_.column + " <> 0";
      case Field::Kind::json:
        return type_ + " IS NOT NULL";
      case Field::Kind::integer:
        return "1";
      case Field::Kind::absent:
        return "0";
    }
    return "0";
  }

 private:
  static std::string numeric_text(const std::string& e) {
    return "(CASE WHEN " + e + " <> '' AND trim(" + e + ", '0123456789.-+eE') = '' AND " + e +
           " GLOB '*[0-9]*' THEN CAST(" + e + " AS REAL) END)";
  }

  Field field_;
  std::string value_, type_;
};

// Severity compares OpenTelemetry ranges of four. Stored numbers are 0..24 (ingest checks), and the
// range function is monotonic, so each comparison becomes a bound on the number that an index serves.
std::string lower_severity(Op op, const Value& value, SqlQuery& query) {
  int64_t number = 0;
  if (auto* s = std::get_if<std::string>(&value)) {
    auto parsed = ir::severity_from_text(*s);
    if (!parsed) throw sdk::Error(TINKR_INVALID_QUERY, "severity '" + *s + "' is not a severity level");
    number = *parsed;
  } else if (auto* i = std::get_if<int64_t>(&value)) {
    number = *i;
  } else if (auto* d = std::get_if<double>(&value)) {
    number = static_cast<int64_t>(*d);
  } else {
    throw sdk::Error(TINKR_INVALID_QUERY, "severity compared with a boolean");
  }
  const int32_t range = ir::severity_range(number);
  const int64_t low = range == 0 ? 0 : range * 4 - 3;
  const int64_t high = range == 0 ? 0 : range * 4;
  auto lo = [&] { return query.param(low); };
  auto hi = [&] { return query.param(high); };
  switch (op) {
    case Op::eq:
    case Op::ne: {
      const std::string from = lo(), to = hi();  // numbered in reading order
      return std::string("severity_number ") + (op == Op::ne ? "NOT " : "") + "BETWEEN " + from + " AND " +
             to;
    }
    case Op::lt:
      return "severity_number < " + lo();
    case Op::le:
      return "severity_number <= " + hi();
    case Op::gt:
      return "severity_number > " + hi();
    default:
      return "severity_number >= " + lo();
  }
}

std::string lower_comparison(const Field& field, const Operand& operand, Op op, const Value& value,
                             SqlQuery& query) {
  if (field.kind == Field::Kind::severity) return lower_severity(op, value, query);
  const char* sql_op = sql_operator(op);
  // Direct column comparisons keep the indexes usable.
  if (field.kind == Field::Kind::text && std::holds_alternative<std::string>(value))
    return field.column + " " + sql_op + " " + query.param(value);
  if (field.kind == Field::Kind::integer && is_number(value))
    return field.column + " " + sql_op + " " + query.param(value);
  std::string lhs = is_number(value) ? operand.number() : operand.text();
  std::string rhs = query.param(is_number(value) ? value : Value(as_text(value)));
  return "coalesce(" + lhs + " " + sql_op + " " + rhs + ", " + (op == Op::ne ? "1" : "0") + ")";
}

std::string lower_predicate(const ir::Predicate& p, Table table, SqlQuery& query) {
  const Field field = resolve(table, p.field);
  if (p.op == Op::matches)
    throw sdk::Error(TINKR_UNSUPPORTED,
                     "local backend: operator 'matches' is evaluated by the core, not in SQL");
  if (field.kind == Field::Kind::absent) return p.op == Op::ne ? "1" : "0";
  Operand operand(field, query);
  if (p.op == Op::exists)
    return operand.nullable() ? "coalesce(" + operand.exists() + ", 0)" : operand.exists();
  if (p.values.empty())
    throw sdk::Error(TINKR_INVALID_QUERY, "predicate on '" + p.field + "' with operator '" +
                                              std::string(ir::to_string(p.op)) + "' has no value");
  if (is_comparison(p.op)) return lower_comparison(field, operand, p.op, p.values.front(), query);
  if (p.op == Op::in) {
    std::string out = "(";
    for (std::size_t i = 0; i < p.values.size(); ++i)
      out += (i ? " OR " : "") + lower_comparison(field, operand, Op::eq, p.values[i], query);
    return out + ")";
  }
  const std::string needle = query.param(as_text(p.values.front()));
  const std::string haystack = field.kind == Field::Kind::severity ? "severity_text" : operand.text();
  if (p.op == Op::contains) return "coalesce(instr(lower(" + haystack + "), lower(" + needle + ")) > 0, 0)";
  return "coalesce(instr(" + haystack + ", " + needle + ") = 1, 0)";  // startswith
}

const char* text_search_column(Table table) {
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

const char* time_column(Table table) {
  return table == Table::spans ? "start_unix_nano" : "time_unix_nano";
}

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
      return std::string("instr(lower(") + text_search_column(table) + "), lower(" +
             query.param(filter.text) + ")) > 0";
    case Kind::not_:
      return "NOT (" + lower_filter(filter.children.front(), table, query) + ")";
    case Kind::and_:
    case Kind::or_: {
      std::string out = "(";
      for (std::size_t i = 0; i < filter.children.size(); ++i) {
        if (i) out += filter.kind == Kind::and_ ? " AND " : " OR ";
        out += lower_filter(filter.children[i], table, query);
      }
      return out + ")";
    }
  }
  return "1";
}

}  // namespace tinkr::local
