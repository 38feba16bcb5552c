// The config file's schema, applied to the JSON tree of either syntax (document.hpp).
#pragma once

#include "config/environment.hpp"

#include <tinkr/config.hpp>

#include <rapidjson/document.h>

namespace tinkr::config::detail {

/// Reads and checks the tree: unknown top-level, [server] and [auth] keys are errors; each profile's
/// "env:VAR" strings are resolved through `environment`, and every key but `backend` becomes its
/// options JSON. The document is modified (env values replaced, backend removed).
Expected<Config> read_config(rapidjson::Document& document, const std::string& origin,
                             Environment& environment);

/// Reads a document that holds only `[auth] api_keys = [...]` (a key-hash secret; see
/// config::parse_api_keys) and checks each key as read_config does.
Expected<std::vector<ApiKey>> read_api_keys_document(rapidjson::Document& document, const std::string& origin,
                                                     Environment& environment);

}  // namespace tinkr::config::detail
