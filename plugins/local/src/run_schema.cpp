// run_schema.cpp: `tinkr schema TABLE` on the local database: the table's columns and their declared
// SQLite types (docs/backends/local.md describes each), in the schema table every backend answers with.
#include "run.hpp"

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/table_schema.hpp>

#include <string>
#include <vector>

namespace tinkr::local {

void run_schema(Connection& connection, const ir::Query& query, sdk::Sink& sink) {
  std::vector<sdk::SchemaColumn> columns;
  {
    // The name is bound, never spliced into SQL.
    Statement info(connection, "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid");
    info.bind_text(1, query.table, true);
    while (info.step())
      columns.push_back({std::string(info.column_text(0)), std::string(info.column_text(1))});
  }
  if (columns.empty()) {
    Statement tables(
        connection,
        "SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name)");
    const std::string known = tables.step() ? std::string(tables.column_text(0)) : std::string();
    throw sdk::Error(TINKR_NOT_FOUND, "the local database has no table '" + query.table.substr(0, 80) +
                                          "'; its tables: " + known);
  }
  sdk::emit_table_schema(sink, query.table, "local", columns);
}

}  // namespace tinkr::local
