// Filter trees to KQL conditions; see filter.hpp for examples.
#include "kql/filter.hpp"

#include "kql/literal.hpp"

#include <tinkr/sdk/error.hpp>

namespace tinkr::azure::kql {

namespace {

using ir::Op;

[[noreturn]] void refuse_operator(std::string_view field, Op op, std::string_view why) {
  throw sdk::Error(TINKR_INVALID_QUERY, "field '" + std::string(field) + "' does not take operator '" +
                                            std::string(ir::to_string(op)) + "': " + std::string(why));
}

std::string_view comparison(Op op) {
  switch (op) {
    case Op::eq:
      return " == ";
    case Op::ne:
      return " != ";
    case Op::lt:
      return " < ";
    case Op::le:
      return " <= ";
    case Op::gt:
      return " > ";
    case Op::ge:
      return " >= ";
    default:
      return {};
  }
}

// Values of one kind, as literals: checked against the field.
void append_literal(std::string& out, std::string_view field, ColumnKind kind, const ir::Value& v) {
  switch (kind) {
    case ColumnKind::string:
    case ColumnKind::dynamic:
      if (const auto* s = std::get_if<std::string>(&v))
        return append_string(out, *s, "value of '" + std::string(field) + "'");
      break;
    case ColumnKind::integer:
      if (const auto* i = std::get_if<int64_t>(&v)) return append_long(out, *i);
      if (const auto* d = std::get_if<double>(&v))
        return append_real(out, *d, "value of '" + std::string(field) + "'");
      break;
    case ColumnKind::real:
      if (const auto* i = std::get_if<int64_t>(&v)) return append_real(out, static_cast<double>(*i));
      if (const auto* d = std::get_if<double>(&v))
        return append_real(out, *d, "value of '" + std::string(field) + "'");
      break;
    case ColumnKind::datetime:
      if (const auto* i = std::get_if<int64_t>(&v)) return append_datetime(out, *i);
      break;
    case ColumnKind::boolean:
      if (const auto* b = std::get_if<bool>(&v)) {
        out += *b ? "true" : "false";
        return;
      }
      break;
  }
  static constexpr std::string_view kKindNames[] = {"a string",    "a number",      "a number",
                                                    "a time (ns)", "true or false", "a string"};
  throw sdk::Error(TINKR_INVALID_QUERY, "field '" + std::string(field) + "' takes " +
                                            std::string(kKindNames[static_cast<int>(kind)]));
}

// The cast a dynamic value needs before it can be compared with a literal of this type.
ColumnKind kind_of(const ir::Value& v) {
  switch (v.index()) {
    case 0:
      return ColumnKind::string;
    case 1:
      return ColumnKind::integer;
    case 2:
      return ColumnKind::real;
    default:
      return ColumnKind::boolean;
  }
}

std::string cast_dynamic(const std::string& expr, ColumnKind kind) {
  switch (kind) {
    case ColumnKind::integer:
      return "tolong(" + expr + ")";
    case ColumnKind::real:
      return "toreal(" + expr + ")";
    case ColumnKind::boolean:
      return "tobool(" + expr + ")";
    default:
      return "tostring(" + expr + ")";
  }
}

void append_column_predicate(std::string& out, const ir::Predicate& p, const std::string& expr,
                             ColumnKind kind, bool ignore_case) {
  const bool is_text = kind == ColumnKind::string;
  switch (p.op) {
    case Op::exists:
      out += "isnotempty(" + expr + ")";
      return;
    case Op::eq:
    case Op::ne:
      out += expr;
      out += ignore_case && is_text ? (p.op == Op::eq ? " =~ " : " !~ ") : comparison(p.op);
      append_literal(out, p.field, kind, p.values.at(0));
      return;
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      if (is_text || kind == ColumnKind::boolean) refuse_operator(p.field, p.op, "it is not ordered");
      out += expr;
      out += comparison(p.op);
      append_literal(out, p.field, kind, p.values.at(0));
      return;
    case Op::in:
      out += expr;
      out += ignore_case && is_text ? " in~ (" : " in (";
      for (std::size_t i = 0; i < p.values.size(); ++i) {
        if (i) out += ", ";
        append_literal(out, p.field, kind, p.values[i]);
      }
      out.push_back(')');
      return;
    case Op::contains:
    case Op::startswith:
    case Op::matches:
      if (!is_text) refuse_operator(p.field, p.op, "it is not text");
      out += expr;
      // contains: case-insensitive substring, the IR's meaning (has would miss parts of words).
      out += p.op == Op::contains     ? " contains "
             : p.op == Op::startswith ? " startswith "
                                      : " matches regex ";
      append_literal(out, p.field, kind, p.values.at(0));
      return;
  }
}

void append_status_predicate(std::string& out, const ir::Predicate& p, const std::string& success) {
  auto one = [&](const ir::Value& v, bool negate) {
    const auto* s = std::get_if<std::string>(&v);
    if (!s || (*s != "ok" && *s != "error" && *s != "unset"))
      throw sdk::Error(TINKR_INVALID_QUERY, "field 'status' takes \"ok\", \"error\" or \"unset\"");
    if (*s == "unset")
      out += (negate ? "isnotnull(" : "isnull(") + success + ")";
    else
      out += success + (negate ? " != " : " == ") + ((*s == "ok") ? "true" : "false");
  };
  if (p.op == Op::eq || p.op == Op::ne) return one(p.values.at(0), p.op == Op::ne);
  if (p.op == Op::exists) {
    out += "isnotnull(" + success + ")";
    return;
  }
  if (p.op != Op::in) refuse_operator(p.field, p.op, "span status is one of ok, error, unset");
  out.push_back('(');
  for (std::size_t i = 0; i < p.values.size(); ++i) {
    if (i) out += " or ";
    one(p.values[i], false);
  }
  out.push_back(')');
}

void append_kind_predicate(std::string& out, const ir::Predicate& p, std::string_view constant) {
  auto is = [&](const ir::Value& v) {
    const auto* s = std::get_if<std::string>(&v);
    if (!s) throw sdk::Error(TINKR_INVALID_QUERY, "field 'kind' takes a span kind such as \"server\"");
    return *s == constant;
  };
  bool result = false;
  if (p.op == Op::eq)
    result = is(p.values.at(0));
  else if (p.op == Op::ne)
    result = !is(p.values.at(0));
  else if (p.op == Op::in)
    for (const auto& v : p.values) result = result || is(v);
  else if (p.op == Op::exists)
    result = true;
  else
    refuse_operator(p.field, p.op, "span kind is compared with eq, ne or in");
  out += result ? "true" : "false";
}

void append_predicate(std::string& out, const ir::Predicate& p, const FieldMap& fields) {
  if (p.op != Op::exists && p.values.empty())
    throw sdk::Error(TINKR_INVALID_QUERY, "predicate on '" + p.field + "' has no value");
  FieldRef ref = fields.resolve(p.field);
  switch (ref.kind) {
    case FieldKind::severity:
      return append_severity_condition(out, *ref.table, p.op, p.values);
    case FieldKind::span_status:
      return append_status_predicate(out, p, ref.expr);
    case FieldKind::span_kind:
      return append_kind_predicate(out, p, ref.constant_kind);
    case FieldKind::duration_ms: {
      if (p.op == Op::exists) return append_column_predicate(out, p, ref.expr, ColumnKind::real, false);
      if (p.op != Op::in && comparison(p.op).empty())
        refuse_operator(p.field, p.op, "durations are compared as numbers");
      auto one = [&](Op op, const ir::Value& v) {
        const auto* ns = std::get_if<int64_t>(&v);
        if (!ns) throw sdk::Error(TINKR_INVALID_QUERY, "field 'duration' takes nanoseconds (an integer)");
        out += ref.expr;
        out += comparison(op);
        append_milliseconds(out, *ns);
      };
      if (p.op != Op::in) return one(p.op, p.values.at(0));
      out.push_back('(');
      for (std::size_t i = 0; i < p.values.size(); ++i) {
        if (i) out += " or ";
        one(Op::eq, p.values[i]);
      }
      out.push_back(')');
      return;
    }
    case FieldKind::dynamic_key: {
      const ColumnKind kind = p.op == Op::exists ? ColumnKind::dynamic : kind_of(p.values.at(0));
      for (const auto& v : p.values)
        if (kind_of(v) != kind)
          throw sdk::Error(TINKR_INVALID_QUERY, "values of '" + p.field + "' mix types");
      const std::string expr = p.op == Op::exists ? ref.expr : cast_dynamic(ref.expr, kind);
      return append_column_predicate(out, p, expr, kind, false);
    }
    case FieldKind::column:
      return append_column_predicate(out, p, ref.expr, ref.column_kind, ref.ignore_case);
  }
}

[[noreturn]] void refuse_field(std::string_view field, const TableMapping& table) {
  throw sdk::Error(TINKR_UNSUPPORTED, "field '" + std::string(field) + "' is not available in " +
                                          std::string(table.table) + " (" + std::string(table.resource_type) +
                                          ")");
}

}  // namespace

void append_condition(std::string& out, const ir::Filter& filter, const FieldMap& fields, bool top) {
  using Kind = ir::Filter::Kind;
  switch (filter.kind) {
    case Kind::all:
      out += "true";
      return;
    case Kind::predicate:
      return append_predicate(out, filter.predicate, fields);
    case Kind::text: {
      ir::Predicate p{"body", Op::contains, {filter.text}};
      return append_predicate(out, p, fields);
    }
    case Kind::not_:
      out += "not(";
      append_condition(out, filter.children.at(0), fields, true);
      out.push_back(')');
      return;
    case Kind::and_:
    case Kind::or_: {
      if (filter.children.empty()) throw sdk::Error(TINKR_INVALID_QUERY, "an and/or filter has no children");
      const bool wrap = !top || filter.kind == Kind::and_;
      if (wrap && filter.children.size() > 1) out.push_back('(');
      for (std::size_t i = 0; i < filter.children.size(); ++i) {
        if (i) out += filter.kind == Kind::and_ ? " and " : " or ";
        append_condition(out, filter.children[i], fields, false);
      }
      if (wrap && filter.children.size() > 1) out.push_back(')');
      return;
    }
  }
}

void append_where_clauses(std::string& out, const ir::Filter& filter, const FieldMap& fields) {
  if (filter.is_all()) return;
  if (filter.kind == ir::Filter::Kind::and_) {
    for (const auto& child : filter.children) append_where_clauses(out, child, fields);
    return;
  }
  out += " | where ";
  append_condition(out, filter, fields, true);
}

std::string attribute_expression(const ColumnRef& bag, bool bag_is_columns, std::string_view key) {
  std::string out;
  if (bag_is_columns) {
    out += "column_ifexists(";
    append_string(out, key, "attribute key");
    out += ", \"\")";
  } else {
    out += bag.predicate_text();
    out.push_back('[');
    append_string(out, key, "attribute key");
    out.push_back(']');
  }
  return out;
}

FieldRef LogFieldMap::resolve(std::string_view field) const {
  auto column = [&](const ColumnRef& c, bool ignore_case = false) {
    if (!c.available()) refuse_field(field, table_);
    return FieldRef{FieldKind::column, std::string(c.predicate_text()), c.kind, ignore_case, &table_, {}};
  };
  if (field.starts_with(ir::kAttributesPrefix)) {
    const auto key = field.substr(ir::kAttributesPrefix.size());
    return FieldRef{FieldKind::dynamic_key,
                    attribute_expression(table_.attributes, table_.attributes_are_columns, key),
                    ColumnKind::dynamic,
                    false,
                    &table_,
                    {}};
  }
  if (field == "time") return column(table_.time);
  // When Log Analytics stored the row (every table has it): what `tinkr tail` follows, because rows
  // arrive minutes after their TimeGenerated.
  if (field == "ingestion_time")
    return FieldRef{FieldKind::column, "ingestion_time()", ColumnKind::datetime, false, &table_, {}};
  if (field == "body") return column(table_.body);
  if (field == "service") return column(table_.service, table_.service_ignores_case);
  if (field == "trace_id") return column(table_.trace_id);
  if (field == "span_id") return column(table_.span_id);
  if (field == "severity") {
    if (!table_.severity.available()) {
      FieldRef ref;
      ref.kind = FieldKind::severity;
      ref.table = &table_;
      return ref;  // append_severity_condition explains why it cannot
    }
    return FieldRef{FieldKind::severity,
                    std::string(table_.severity.predicate_text()),
                    table_.severity.kind,
                    false,
                    &table_,
                    {}};
  }
  refuse_field(field, table_);
}

}  // namespace tinkr::azure::kql
