// Azure error bodies; see azure_error.hpp.
#include "decode/azure_error.hpp"

#include "decode/missing_role.hpp"

#include <rapidjson/document.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace tinkr::azure::decode {

namespace {

std::string_view member_string(const rapidjson::Value& v, const char* name) {
  if (!v.IsObject()) return {};
  auto it = v.FindMember(name);
  if (it == v.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

// Walks innererror chains and the first entry of details, keeping the deepest code and message.
void descend(const rapidjson::Value& v, AzureErrorInfo& info) {
  if (!v.IsObject()) return;
  if (auto code = member_string(v, "code"); !code.empty()) info.code.assign(code);
  if (auto message = member_string(v, "message"); !message.empty()) info.message.assign(message);
  auto details = v.FindMember("details");
  if (details != v.MemberEnd() && details->value.IsArray() && !details->value.Empty())
    descend(details->value[0], info);
  auto inner = v.FindMember("innererror");
  if (inner != v.MemberEnd()) descend(inner->value, info);
}

// The advised wait in milliseconds, never negative and saturated rather than overflowed (a huge
// Retry-After means "longer than any deadline").
int64_t retry_after_ms(const sdk::HttpResponse& r) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t value = 0;
  if (auto ms = r.header("x-ms-retry-after-ms"); !ms.empty()) {
    auto [p, ec] = std::from_chars(ms.data(), ms.data() + ms.size(), value);
    if (ec == std::errc::result_out_of_range) return kMax;
    return ec == std::errc() ? std::max<int64_t>(0, value) : 0;
  }
  if (auto s = r.header("Retry-After"); !s.empty()) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc::result_out_of_range || (ec == std::errc() && value > kMax / 1000)) return kMax;
    if (ec == std::errc()) return std::max<int64_t>(0, value) * 1000;
  }
  return 0;
}

// A printable excerpt of a body that is not JSON, for the message.
std::string excerpt(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 160)) out.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  return out;
}

}  // namespace

AzureErrorInfo parse_azure_error(std::string_view body) {
  AzureErrorInfo info;
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return info;
  auto error = doc.FindMember("error");
  const rapidjson::Value& top = error != doc.MemberEnd() && error->value.IsObject()
                                    ? error->value
                                    : doc;  // the Metrics API's flat {code, message}
  info.top_code.assign(member_string(top, "code"));
  descend(top, info);
  return info;
}

sdk::Error azure_error(const sdk::HttpResponse& response, std::string_view api) {
  const int status = response.status;
  const AzureErrorInfo info = parse_azure_error(response.body);
  std::string message = std::string(api) + " answered HTTP " + std::to_string(status);
  if (!info.code.empty()) message += " (" + info.code + ")";
  if (!info.message.empty())
    message += ": " + info.message;
  else if (!response.body.empty())
    message += ": " + excerpt(response.body);
  switch (status) {
    case 400:
      return sdk::Error(TINKR_INVALID_QUERY, std::move(message));
    case 401:
      return sdk::Error(TINKR_UNAUTHENTICATED, std::move(message));
    case 403:
      if (is_missing_role(info)) {
        const auto role_service = api == "log analytics" ? RoleApi::log_analytics : RoleApi::monitor;
        std::string principal = principal_from_arm_message(info.message);
        if (principal.empty()) principal = response.header(kCallerObjectIdHeader);
        std::string scope(response.header(kRoleScopeHeader));
        if (scope.empty()) scope = role_scope({}, {});
        message += "; " + missing_role_advice(role_service, scope, principal);
      }
      return sdk::Error(TINKR_FORBIDDEN, std::move(message));
    case 404:
      return sdk::Error(TINKR_NOT_FOUND, std::move(message));
    case 408:
    case 504:
      return sdk::Error(TINKR_TIMEOUT, std::move(message), true);
    case 429:
      return sdk::Error(TINKR_THROTTLED, std::move(message), true, retry_after_ms(response));
    default:
      if (status >= 500) return sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, std::move(message), true);
      return sdk::Error(TINKR_UPSTREAM_UNAVAILABLE, std::move(message));
  }
}

}  // namespace tinkr::azure::decode
