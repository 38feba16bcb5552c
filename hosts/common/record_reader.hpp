// Reads back the record and table objects record_json.hpp writes (the CLI's remote mode).
#pragma once

#include <tinkr/error.hpp>
#include <tinkr/records.hpp>

#include <rapidjson/document.h>

namespace tinkr::host {

/// A record object by its "type"; a missing or mistyped member is an error naming it.
Expected<Record> record_from_json(const rapidjson::Value& object);

/// A {"type":"table"} object.
Expected<Table> table_from_json(const rapidjson::Value& object);

}  // namespace tinkr::host
