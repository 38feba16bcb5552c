// Canned responses, request accessors and the URL decoding they share.
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "fake_azure.hpp"
#include "state.hpp"

namespace tinkr::fake_azure {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string read_vector_file(const std::string& vectors_dir, std::string_view relative_path) {
  std::string path = (vectors_dir.empty() ? std::string(TINKR_FAKE_AZURE_VECTORS_DIR) : vectors_dir) +
                     "/azure/" + std::string(relative_path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("fake azure: cannot read vector " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string percent_decode(std::string_view text, bool form) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(form && text[i] == '+' ? ' ' : text[i]);
    }
  }
  return out;
}

std::optional<std::string> find_parameter(std::string_view list, std::string_view name, bool form) {
  while (!list.empty()) {
    auto amp = list.find('&');
    std::string_view pair = list.substr(0, amp);
    list = amp == std::string_view::npos ? std::string_view() : list.substr(amp + 1);
    auto eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq), form) == name)
      return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1), form);
  }
  return std::nullopt;
}

std::string_view RecordedRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (iequals(key, name)) return value;
  return {};
}

std::optional<std::string> RecordedRequest::query_param(std::string_view name) const {
  return find_parameter(query, name, false);
}

std::optional<std::string> RecordedRequest::form_param(std::string_view name) const {
  return find_parameter(body, name, true);
}

std::string audience_of(std::string_view scope) {
  if (scope.ends_with("/.default")) scope.remove_suffix(9);
  while (scope.ends_with("/")) scope.remove_suffix(1);
  return std::string(scope);
}

FakeResponse FakeResponse::json(int status, std::string body) {
  return FakeResponse{
      status, {{"Content-Type", "application/json; charset=utf-8"}}, std::move(body), Fault::none};
}

FakeResponse FakeResponse::from_vector(int status, std::string_view relative_path) {
  return json(status, read_vector_file({}, relative_path));
}

FakeResponse FakeResponse::throttled(std::string retry_after) {
  auto response = from_vector(429, "log-analytics/error.429.throttled.json");
  response.headers.emplace_back("Retry-After", std::move(retry_after));
  return response;
}

FakeResponse FakeResponse::throttled_ms(int64_t milliseconds) {
  auto response = from_vector(429, "metrics/error.429.throttled.json");
  response.headers.emplace_back("x-ms-retry-after-ms", std::to_string(milliseconds));
  return response;
}

FakeResponse FakeResponse::server_error(int status) {
  return json(status, "{\"error\":{\"code\":\"ServiceError\",\"message\":\"fake azure: injected HTTP " +
                          std::to_string(status) + "\"}}");
}

FakeResponse FakeResponse::held(FakeResponse then) {
  then.fault = Fault::hold;
  return then;
}

FakeResponse FakeResponse::truncated(FakeResponse whole) {
  whole.fault = Fault::truncate_body;
  return whole;
}

FakeResponse FakeResponse::paused_midway(FakeResponse whole) {
  whole.fault = Fault::pause_midway;
  return whole;
}

FakeResponse FakeResponse::reset() {
  FakeResponse response;
  response.fault = Fault::close_without_response;
  return response;
}

FakeResponse FakeResponse::invalid_json() {
  return json(200, "{\"tables\": [{\"name\": \"PrimaryResult\", \"colu");
}

FakeResponse FakeResponse::partial_error() {
  return from_vector(200, "log-analytics/query.partial-error.response.json");
}

FakeResponse FakeResponse::unauthorized() {
  auto response = from_vector(401, "log-analytics/error.401.authorization-required.json");
  response.headers.emplace_back("WWW-Authenticate",
                                "Bearer authorization_uri=\"https://login.microsoftonline.com/\"");
  return response;
}

FakeResponse FakeResponse::forbidden() {
  return from_vector(403, "log-analytics/error.403.insufficient-access.json");
}

}  // namespace tinkr::fake_azure
