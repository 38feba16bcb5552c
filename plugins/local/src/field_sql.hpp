// field_sql.hpp: where each canonical IR field lives in the local tables, and how SQL reads an
// attribute or dimension out of a JSON column the way the core's residual evaluator finds it.
#pragma once

#include "sql.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace tinkr::local {

enum class Table { logs, spans, metric_points };

struct Field {
  enum class Kind { text, integer, severity, status, json, absent };
  Kind kind = Kind::absent;
  std::string column;  // the column, or the JSON column for Kind::json
  std::string key;     // Kind::json: the attribute or dimension key
};

/// The field `name` (canonical) of `table`'s records; Kind::absent when those records lack it
/// (e.g. `duration` on logs). Text columns hold '' for a missing value.
Field resolve_field(Table table, const std::string& name);

/// The column a record's time lives in.
const char* time_column(Table table);

/// The JSON paths to try for `key`, in the core's order: the flat member first ("$.\"http.method\""),
/// then every split at a dot into nested objects ("$.\"http\".\"method\""). Keys with more than
/// kMaxNestedDots dots are looked up flat only.
inline constexpr int kMaxNestedDots = 5;
std::vector<std::string> candidate_paths(std::string_view key);

/// SQL for one JSON member's json_type and value, its path(s) bound as parameters of `query`:
/// type is NULL when the member is missing, 'null' for JSON null.
struct JsonMember {
  std::string type;
  std::string value;
};
JsonMember json_member(const Field& field, SqlQuery& query);

}  // namespace tinkr::local
