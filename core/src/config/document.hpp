// Both config syntaxes read into one tree (a RapidJSON document), so one schema check serves TOML and
// YAML alike and a profile's options are already JSON for the plugin.
#pragma once

#include <tinkr/error.hpp>

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace tinkr::config::detail {

/// TOML -> JSON: tables are objects, arrays arrays, dates and times RFC 3339 strings. A syntax error
/// names the file, line and column.
Expected<bool> toml_to_json(std::string_view text, const std::string& origin, rapidjson::Document& out);

/// YAML -> JSON: plain scalars are typed by YAML 1.2's core schema (true, 8000, 1.5, null), quoted
/// scalars stay strings. A syntax error names the file, line and column.
Expected<bool> yaml_to_json(std::string_view text, const std::string& origin, rapidjson::Document& out);

}  // namespace tinkr::config::detail
