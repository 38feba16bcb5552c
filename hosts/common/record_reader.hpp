// Reads back the record and table objects record_json.hpp writes (the CLI's remote mode).
#pragma once

#include <tinkr/error.hpp>
#include <tinkr/records.hpp>

#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <vector>

namespace tinkr::host {

/// A record object by its "type"; a missing or mistyped member is an error naming it.
Expected<Record> record_from_json(const rapidjson::Value& object);

/// A {"type":"table"} object (its "rows" may be missing: an NDJSON table line).
Expected<Table> table_from_json(const rapidjson::Value& object);

/// One row: a JSON array of typed cell values, read back as cell text (cell_json.hpp).
Expected<std::vector<std::optional<std::string>>> row_from_json(const rapidjson::Value& cells);

}  // namespace tinkr::host
