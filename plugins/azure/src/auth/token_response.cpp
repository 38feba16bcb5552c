// Token answer decoding for every credential (see token_response.hpp).
#include "auth/token_response.hpp"

#include <rapidjson/document.h>
#include "common/nanoseconds.hpp"

#include <charconv>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace tinkr::azure {
namespace {

/// Seconds as a JSON number or a string of digits (managed identity's encoding).
std::optional<int64_t> seconds_of(const rapidjson::Value& v) {
  if (v.IsInt64()) return v.GetInt64();
  if (v.IsDouble()) return int64_of(v.GetDouble());
  if (v.IsString()) {
    std::string_view s(v.GetString(), v.GetStringLength());
    int64_t out = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return out;
  }
  return std::nullopt;
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it == object.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

rapidjson::Document parse_object(std::string_view body, std::string_view what) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject())
    throw std::runtime_error(std::string(what) + " is not a JSON object");
  return doc;
}

std::string token_text(const rapidjson::Value& object, const char* name, std::string_view what) {
  const auto* v = member(object, name);
  if (!v || !v->IsString() || v->GetStringLength() == 0)
    throw std::runtime_error(std::string(what) + " has no '" + name + "'");
  return std::string(v->GetString(), v->GetStringLength());
}

}  // namespace

AccessToken parse_token_response(std::string_view body, int64_t received_at_ns) {
  constexpr std::string_view kWhat = "the token answer";
  auto doc = parse_object(body, kWhat);
  AccessToken token;
  token.token = token_text(doc, "access_token", kWhat);
  if (const auto* on = member(doc, "expires_on")) {
    auto seconds = seconds_of(*on);
    const auto ns = seconds ? nanoseconds_of(*seconds) : std::nullopt;
    if (!ns) throw std::runtime_error("the token answer's 'expires_on' is not epoch seconds");
    token.expires_on_ns = *ns;
  } else if (const auto* in = member(doc, "expires_in")) {
    auto seconds = seconds_of(*in);
    const auto ns = seconds ? nanoseconds_of(*seconds, received_at_ns) : std::nullopt;
    if (!ns) throw std::runtime_error("the token answer's 'expires_in' is not a number of seconds");
    token.expires_on_ns = *ns;
  } else {
    throw std::runtime_error("the token answer has neither 'expires_on' nor 'expires_in'");
  }
  return token;
}

AccessToken parse_azure_cli_token(std::string_view output) {
  constexpr std::string_view kWhat = "the output of az account get-access-token";
  auto doc = parse_object(output, kWhat);
  AccessToken token;
  token.token = token_text(doc, "accessToken", kWhat);
  if (const auto* on = member(doc, "expires_on")) {
    auto seconds = seconds_of(*on);
    const auto ns = seconds ? nanoseconds_of(*seconds) : std::nullopt;
    if (!ns) throw std::runtime_error(std::string(kWhat) + " has a malformed 'expires_on'");
    token.expires_on_ns = *ns;
  } else if (const auto* local = member(doc, "expiresOn"); local && local->IsString()) {
    // Older CLIs only give expiresOn, in the machine's local time (azure-cli _profile.py).
    auto ns = parse_local_timestamp(local->GetString());
    if (!ns) throw std::runtime_error(std::string(kWhat) + " has a malformed 'expiresOn'");
    token.expires_on_ns = *ns;
  } else {
    throw std::runtime_error(std::string(kWhat) + " has neither 'expires_on' nor 'expiresOn'");
  }
  return token;
}

std::optional<std::string> describe_token_error(std::string_view body) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return std::nullopt;
  const auto* error = member(doc, "error");
  if (!error || !error->IsString()) return std::nullopt;
  std::string text = error->GetString();
  if (const auto* description = member(doc, "error_description"); description && description->IsString()) {
    std::string_view d(description->GetString(), description->GetStringLength());
    // Entra appends "\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ..."; the first line
    // (which starts with the AADSTS code) is what a person needs.
    d = d.substr(0, d.find_first_of("\r\n"));
    if (!d.empty()) text += ": " + std::string(d);
  }
  return text;
}

std::optional<int64_t> parse_local_timestamp(std::string_view text) {
  std::tm tm{};
  std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec) != 6)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_isdst = -1;
  std::time_t seconds = std::mktime(&tm);
  if (seconds == static_cast<std::time_t>(-1)) return std::nullopt;
  return nanoseconds_of(static_cast<int64_t>(seconds));
}

}  // namespace tinkr::azure
