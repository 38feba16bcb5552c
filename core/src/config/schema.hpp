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

}  // namespace tinkr::config::detail
