// field_sql.cpp: see field_sql.hpp.
#include "field_sql.hpp"

#include <tinkr/sdk/ir.hpp>

namespace tinkr::local {

namespace {

Field text(const char* column) {
  return {Field::Kind::text, column, {}};
}
Field integer(const char* column) {
  return {Field::Kind::integer, column, {}};
}

void collect_paths(std::string_view key, const std::string& prefix, std::vector<std::string>& out) {
  out.push_back(prefix + ".\"" + std::string(key) + "\"");
  for (std::size_t dot = key.find('.'); dot != std::string_view::npos; dot = key.find('.', dot + 1))
    collect_paths(key.substr(dot + 1), prefix + ".\"" + std::string(key.substr(0, dot)) + "\"", out);
}

}  // namespace

const char* time_column(Table table) {
  return table == Table::spans ? "start_unix_nano" : "time_unix_nano";
}

Field resolve_field(Table table, const std::string& name) {
  const bool is_attribute = name.starts_with(ir::kAttributesPrefix);
  const bool is_dimension = name.starts_with(ir::kDimensionsPrefix);
  if (is_attribute || is_dimension) {
    std::string key = name.substr(is_attribute ? ir::kAttributesPrefix.size() : ir::kDimensionsPrefix.size());
    if (table == Table::metric_points && is_dimension) return {Field::Kind::json, "dimensions", key};
    if (table != Table::metric_points && is_attribute) return {Field::Kind::json, "attributes", key};
    return {};
  }
  if (name == "service") return text("service");
  switch (table) {
    case Table::logs:
      if (name == "time") return integer("time_unix_nano");
      if (name == "severity") return {Field::Kind::severity, "severity_number", {}};
      if (name == "body") return text("body");
      if (name == "trace_id") return text("trace_id");
      if (name == "span_id") return text("span_id");
      return {};
    case Table::spans:
      if (name == "time") return integer("start_unix_nano");
      if (name == "duration") return integer("duration_ns");
      if (name == "status") return {Field::Kind::status, "status", {}};
      for (const char* column : {"trace_id", "span_id", "parent_span_id", "name", "kind", "status_code"})
        if (name == column) return text(column);
      return {};
    case Table::metric_points:
      // A series has no time field of its own in the core's view; time is the query's range.
      if (name == "name") return text("metric");
      return {};
  }
  return {};
}

std::vector<std::string> candidate_paths(std::string_view key) {
  std::vector<std::string> out;
  std::size_t dots = 0;
  for (char c : key) dots += c == '.';
  if (dots > static_cast<std::size_t>(kMaxNestedDots))
    out.push_back("$.\"" + std::string(key) + "\"");
  else
    collect_paths(key, "$", out);
  return out;
}

JsonMember json_member(const Field& field, SqlQuery& query) {
  const std::string& c = field.column;
  // A quoted JSON path label cannot hold '"', so such a key is read from the object's members.
  if (field.key.find('"') != std::string::npos) {
    std::string key = query.param(field.key);
    return {"(SELECT type FROM json_each(" + c + ") WHERE key = " + key + ")",
            "(SELECT value FROM json_each(" + c + ") WHERE key = " + key + ")"};
  }
  std::vector<std::string> paths = candidate_paths(field.key);
  std::string path;
  if (paths.size() == 1) {
    path = query.param(paths.front());
  } else {
    path = "(CASE";
    for (const auto& p : paths) {
      std::string placeholder = query.param(p);
      path += " WHEN json_type(" + c + ", " + placeholder + ") IS NOT NULL THEN " + placeholder;
    }
    path += " END)";
  }
  return {"json_type(" + c + ", " + path + ")", "json_extract(" + c + ", " + path + ")"};
}

}  // namespace tinkr::local
