// Reads and writes the error object of the server's replies.
#include "common/error_json.hpp"

#include "common/error_tables.hpp"
#include "common/record_json.hpp"

namespace tinkr::host {

void write_error_object(JsonWriter& w, const Error& error) {
  w.StartObject();
  write_string_member(w, "code", to_string(error.code()));
  write_string_member(w, "message", error.message());
  if (error.retry_after_ms() > 0) {
    w.Key("retry_after_ms");
    w.Int64(error.retry_after_ms());
  }
  w.EndObject();
}

std::string error_to_json(const Error& error) {
  return to_json_text([&](JsonWriter& w) {
    w.StartObject();
    w.Key("error");
    write_error_object(w, error);
    w.EndObject();
  });
}

Error::Code code_from_text(std::string_view text, Error::Code fallback) {
  for (const auto& row : kErrorClasses)
    if (to_string(row.code) == text) return row.code;
  return fallback;
}

Error error_from_object(const rapidjson::Value& error, Error::Code fallback, std::string missing_message) {
  const auto code = error.HasMember("code") && error["code"].IsString()
                        ? code_from_text(error["code"].GetString(), fallback)
                        : fallback;
  std::string message = error.HasMember("message") && error["message"].IsString()
                            ? error["message"].GetString()
                            : missing_message;
  const int64_t retry_after = error.HasMember("retry_after_ms") && error["retry_after_ms"].IsInt64()
                                  ? error["retry_after_ms"].GetInt64()
                                  : 0;
  return Error(code, std::move(message), Error::Source::upstream, retry_after > 0, retry_after);
}

Error error_from_reply(int http_status, std::string_view body) {
  const Error::Code status_code = code_for_http_status(http_status);
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (!document.HasParseError() && document.IsObject() && document.HasMember("error") &&
      document["error"].IsObject())
    return error_from_object(document["error"], status_code, "server replied " + std::to_string(http_status));
  std::string excerpt(body.substr(0, 200));
  return Error(status_code,
               "server replied " + std::to_string(http_status) + (excerpt.empty() ? "" : ": " + excerpt),
               Error::Source::upstream);
}

}  // namespace tinkr::host
