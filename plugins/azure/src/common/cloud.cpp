// Endpoint and audience tables of the Azure clouds Tinkr supports.
#include "common/cloud.hpp"

namespace tinkr::azure {
namespace {

struct CloudTable {
  Cloud cloud;
  std::string_view name;
  std::string_view log_analytics;
  std::string_view arm;
  std::string_view authority;
  std::string_view key_vault_suffix;  // learn.microsoft.com "Azure Key Vault DNS suffixes"
};

// The Log Analytics audience of the public cloud is api.loganalytics.io (the documented scope, and
// what the Azure SDK recordings request) even though the service also answers on
// api.loganalytics.azure.com.
constexpr CloudTable kClouds[] = {
    {Cloud::public_cloud, "public", "https://api.loganalytics.io", "https://management.azure.com",
     "https://login.microsoftonline.com", ".vault.azure.net"},
    {Cloud::usgov, "usgov", "https://api.loganalytics.us", "https://management.usgovcloudapi.net",
     "https://login.microsoftonline.us", ".vault.usgovcloudapi.net"},
    {Cloud::china, "china", "https://api.loganalytics.azure.cn", "https://management.chinacloudapi.cn",
     "https://login.chinacloudapi.cn", ".vault.azure.cn"},
};

// IMDS has one link-local address in every cloud, and Azure serves it over plain http.
constexpr std::string_view kImdsEndpoint = "http://169.254.169.254";

const CloudTable& table(Cloud cloud) {
  for (const auto& t : kClouds)
    if (t.cloud == cloud) return t;
  return kClouds[0];
}

}  // namespace

std::optional<Cloud> cloud_from_string(std::string_view name) {
  for (const auto& t : kClouds)
    if (t.name == name) return t.cloud;
  return std::nullopt;
}

std::string_view cloud_name(Cloud cloud) {
  return table(cloud).name;
}

Endpoints default_endpoints(Cloud cloud) {
  const auto& t = table(cloud);
  return {std::string(t.log_analytics), std::string(t.arm), std::string(t.authority),
          std::string(kImdsEndpoint)};
}

std::string token_resource(Cloud cloud, Audience audience) {
  const auto& t = table(cloud);
  return std::string(audience == Audience::arm ? t.arm : t.log_analytics);
}

std::string token_scope(Cloud cloud, Audience audience) {
  return token_resource(cloud, audience) + "/.default";
}

std::string_view key_vault_dns_suffix(Cloud cloud) {
  return table(cloud).key_vault_suffix;
}

std::string key_vault_resource(Cloud cloud) {
  return "https://vault" +
         std::string(table(cloud).key_vault_suffix.substr(std::string_view(".vault").size()));
}

std::string scope_to_resource(std::string_view scope) {
  constexpr std::string_view kSuffix = "/.default";
  if (scope.size() >= kSuffix.size() && scope.substr(scope.size() - kSuffix.size()) == kSuffix)
    scope.remove_suffix(kSuffix.size());
  return std::string(scope);
}

}  // namespace tinkr::azure
