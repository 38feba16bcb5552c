// Errors on the wire: {"error": {"code": "invalid_query", "message": "...", "retry_after_ms": 0}}.
#pragma once

#include "common/json_writing.hpp"

#include <tinkr/error.hpp>

#include <rapidjson/document.h>

#include <string>
#include <string_view>

namespace tinkr::host {

/// {"code", "message", "retry_after_ms"}: the error object every error reply and error line holds.
void write_error_object(JsonWriter& w, const Error& error);
std::string error_to_json(const Error& error);

/// The error a server reply carries; a body that is not an error object becomes an error named
/// after the HTTP status, quoting the start of the body.
Error error_from_reply(int http_status, std::string_view body);

/// The error an error object ({"code", "message", "retry_after_ms"}) names: `fallback` when its code
/// is missing or unknown, `missing_message` when it has no message.
Error error_from_object(const rapidjson::Value& error, Error::Code fallback, std::string missing_message);

/// The code named by its text ("not_found"); nullopt-like internal for unknown text.
Error::Code code_from_text(std::string_view text, Error::Code fallback);

}  // namespace tinkr::host
