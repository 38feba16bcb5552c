// tinkr/sdk/table_schema.hpp: the answer to a schema query (ir::Signal::schema), the same from every
// backend so that every host shows it alike: one generic table named "schema" with a row per column of
// the asked table, with the members table, plan (how the backend's service bills and queries the table:
// Azure's Analytics / Basic / Auxiliary, "local" for the local database), column and type.
#pragma once

#include <tinkr/sdk/records.hpp>

#include <span>
#include <string>
#include <string_view>

namespace tinkr::sdk {

struct SchemaColumn {
  std::string name;
  std::string type;
};

/// Emits the schema table; false once the host wants no more.
inline bool emit_table_schema(Sink& sink, std::string_view table, std::string_view plan,
                              std::span<const SchemaColumn> columns) {
  const Column header[] = {{"table", "string"}, {"plan", "string"}, {"column", "string"}, {"type", "string"}};
  if (!sink.begin_table("schema", header)) return false;
  for (const auto& column : columns) {
    const tinkr_str cells[] = {{table.data(), table.size()},
                               {plan.data(), plan.size()},
                               {column.name.data(), column.name.size()},
                               {column.type.data(), column.type.size()}};
    if (!sink.emit_row(cells)) return false;
  }
  return true;
}

}  // namespace tinkr::sdk
