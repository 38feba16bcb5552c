// Parsing and validation of the Azure plugin's options (see options.hpp for the contract).
#include "common/options.hpp"

#include "common/url.hpp"
#include "kql/scan.hpp"

#include <tinkr/sdk/error.hpp>

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

namespace tinkr::azure {
namespace {

constexpr OptionSpec kOptions[] = {
    {"workspace_id", "string", true, "AZURE_LOG_ANALYTICS_WORKSPACE_ID",
     "Log Analytics workspace id (a GUID)"},
    {"subscription_id", "string", true, "AZURE_SUBSCRIPTION_ID", "subscription of the resources (a GUID)"},
    {"resource_group", "string", true, "AZURE_RESOURCE_GROUP",
     "resource group whose resources metrics resolve in"},
    {"cloud", "string", false, "", "public | usgov | china (default public)"},
    {"log_analytics_endpoint", "string", false, "", "Log Analytics API base URL (default: the cloud's)"},
    {"arm_endpoint", "string", false, "", "Azure Resource Manager base URL (default: the cloud's)"},
    {"authority_host", "string", false, "AZURE_AUTHORITY_HOST", "Entra ID authority (default: the cloud's)"},
    {"imds_endpoint", "string", false, "",
     "instance metadata service base URL (default http://169.254.169.254)"},
    {"ca_file", "string", false, "", "PEM bundle to verify servers with (default: the system store)"},
    {"credential", "string", false, "",
     "use only this credential: environment | workload_identity | managed_identity | azure_cli"},
    {"managed_identity_client_id", "string", false, "AZURE_CLIENT_ID",
     "client id of a user-assigned identity"},
    {"server_timeout_seconds", "integer", false, "",
     "Log Analytics server timeout, sent as Prefer: wait (180)"},
    {"client_timeout_margin_seconds", "integer", false, "", "extra time the client waits past it (30)"},
    {"managed_identity_probe_timeout_ms", "integer", false, "", "first IMDS request's timeout (1000)"},
    {"azure_cli_timeout_seconds", "integer", false, "", "time allowed to az account get-access-token (10)"},
    {"max_answer_bytes", "integer", false, "",
     "largest answer accepted, on the wire and once inflated from gzip (67108864 = 64 MiB)"},
    {"max_rows", "integer", false, "",
     "most rows one logs query may ask for (--limit); more is refused naming this option (10000000)"},
    {"answer_row_cap", "integer", false, "",
     "rows Log Analytics returns in one answer; larger logs queries are fetched in time slices (500000)"},
    {"slice_above_rows", "integer", false, "",
     "a logs query asking for more rows than this counts them per time bin first and is fetched in "
     "slices that fit the service's caps (50000)"},
    {"slice_concurrency", "integer", false, "",
     "slices fetched at once (3; the service allows 200 "
     "requests per 30 s per user)"},
    {"basic_tables", "string", false, "",
     "tables on the Basic plan, comma-separated: queried through /search, billed per GB scanned"},
    {"auxiliary_tables", "string", false, "",
     "tables on the Auxiliary plan, comma-separated: queried through /search, billed per GB scanned"},
    {"allow_plain_http_loopback", "boolean", false, "",
     "allow http:// endpoints on 127.0.0.1, localhost or ::1 (tests only; default false)"},
};

constexpr std::string_view kCredentialNames[] = {"environment", "workload_identity", "managed_identity",
                                                 "azure_cli"};

/// A user value quoted for a message, cut so that a pasted blob cannot flood it.
std::string quoted(std::string_view value) {
  constexpr std::size_t kMax = 80;
  if (value.size() > kMax) return "'" + std::string(value.substr(0, kMax)) + "...'";
  return "'" + std::string(value) + "'";
}

class OptionReader {
 public:
  OptionReader(const rapidjson::Value& object, const Environment& env) : object_(object), env_(env) {}

  std::vector<std::string>& problems() { return problems_; }

  const rapidjson::Value* member(std::string_view key) const {
    auto it = object_.FindMember(rapidjson::StringRef(key.data(), key.size()));
    return it == object_.MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
  }

  /// The key's string from the profile, else from its environment variable; `origin` names where it
  /// came from for messages ("option 'x'" or "option 'x' (from ENV)").
  std::optional<std::string> text(const OptionSpec& spec, std::string* origin) {
    *origin = "option '" + std::string(spec.key) + "'";
    if (const auto* v = member(spec.key)) {
      if (!v->IsString()) {
        problems_.push_back(*origin + ": expected a string");
        return std::nullopt;
      }
      return std::string(v->GetString(), v->GetStringLength());
    }
    if (!spec.env.empty()) {
      if (auto value = env_(spec.env)) {
        *origin += " (from " + std::string(spec.env) + ")";
        return value;
      }
    }
    if (spec.required) {
      std::string hint =
          spec.env.empty() ? "set it in the profile" : "set it in the profile or " + std::string(spec.env);
      problems_.push_back("option '" + std::string(spec.key) + "' is missing (" + hint + ")");
    }
    return std::nullopt;
  }

  void integer(std::string_view key, int64_t min, int64_t max, int64_t& out) {
    const auto* v = member(key);
    if (!v) return;
    int64_t value = 0;
    bool ok = false;
    if (v->IsInt64()) {
      value = v->GetInt64();
      ok = true;
    } else if (v->IsString()) {
      std::string_view s(v->GetString(), v->GetStringLength());
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
      ok = ec == std::errc() && end == s.data() + s.size() && !s.empty();
    }
    if (!ok || value < min || value > max) {
      problems_.push_back("option '" + std::string(key) + "': expected an integer from " +
                          std::to_string(min) + " to " + std::to_string(max));
      return;
    }
    out = value;
  }

  void boolean(std::string_view key, bool& out) {
    const auto* v = member(key);
    if (!v) return;
    if (v->IsBool()) {
      out = v->GetBool();
    } else if (v->IsString() &&
               (std::string_view(v->GetString()) == "true" || std::string_view(v->GetString()) == "false")) {
      out = std::string_view(v->GetString()) == "true";
    } else {
      problems_.push_back("option '" + std::string(key) + "': expected true or false");
    }
  }

 private:
  const rapidjson::Value& object_;
  const Environment& env_;
  std::vector<std::string> problems_;
};

const OptionSpec& spec(std::string_view key) {
  for (const auto& s : kOptions)
    if (s.key == key) return s;
  throw sdk::Error(TINKR_INTERNAL, "azure options: no spec for '" + std::string(key) + "'");
}

/// Validates an endpoint base URL and returns it without a trailing slash. Plain http is accepted for
/// IMDS (Azure serves it so) and, with allow_plain_http_loopback, for a loopback host named explicitly.
std::optional<std::string> checked_endpoint(const std::string& origin, const std::string& value,
                                            bool plain_http_ok, bool allow_loopback_http,
                                            std::vector<std::string>& problems) {
  std::string base = value;
  while (!base.empty() && base.back() == '/') base.pop_back();
  auto parts = split_url(base);
  if (!parts || parts->path_and_query != "/" || base.find_first_of("?#") != std::string::npos) {
    problems.push_back(origin + ": " + quoted(value) + " is not an http(s) base URL (scheme://host[:port])");
    return std::nullopt;
  }
  if (parts->scheme == "http" && !plain_http_ok && !(allow_loopback_http && is_loopback_host(parts->host))) {
    problems.push_back(origin + ": " + quoted(value) +
                       " must be https:// (plain http is allowed only for 127.0.0.1, localhost or ::1 with "
                       "allow_plain_http_loopback = true)");
    return std::nullopt;
  }
  return base;
}

void read_identity_options(OptionReader& reader, AzureOptions& options) {
  std::string origin;
  if (auto guid = reader.text(spec("workspace_id"), &origin)) {
    if (is_guid(*guid))
      options.workspace_id = *guid;
    else
      reader.problems().push_back(origin + ": " + quoted(*guid) + " is not a GUID");
  }
  if (auto guid = reader.text(spec("subscription_id"), &origin)) {
    if (is_guid(*guid))
      options.subscription_id = *guid;
    else
      reader.problems().push_back(origin + ": " + quoted(*guid) + " is not a GUID");
  }
  if (auto group = reader.text(spec("resource_group"), &origin)) {
    // Azure's rule: 1-90 characters, not ending in a period.
    if (group->empty() || group->size() > 90 || group->back() == '.')
      reader.problems().push_back(origin + ": " + quoted(*group) +
                                  " is not a resource group name (1-90 characters, not ending in '.')");
    else
      options.resource_group = *group;
  }
}

void read_endpoints(OptionReader& reader, AzureOptions& options) {
  std::string origin;
  if (auto name = reader.text(spec("cloud"), &origin)) {
    if (auto cloud = cloud_from_string(*name))
      options.cloud = *cloud;
    else
      reader.problems().push_back(origin + ": " + quoted(*name) + " is not a cloud (public, usgov, china)");
  }
  options.endpoints = default_endpoints(options.cloud);
  reader.boolean("allow_plain_http_loopback", options.allow_plain_http_loopback);
  struct Override {
    std::string_view key;
    std::string* target;
    bool plain_http_ok;
  } overrides[] = {{"log_analytics_endpoint", &options.endpoints.log_analytics, false},
                   {"arm_endpoint", &options.endpoints.arm, false},
                   {"authority_host", &options.endpoints.authority, false},
                   {"imds_endpoint", &options.endpoints.imds, true}};
  for (const auto& o : overrides) {
    auto value = reader.text(spec(o.key), &origin);
    if (!value) continue;
    if (auto base = checked_endpoint(origin, *value, o.plain_http_ok, options.allow_plain_http_loopback,
                                     reader.problems()))
      *o.target = *base;
  }
}

void read_behaviour(OptionReader& reader, AzureOptions& options) {
  std::string origin;
  if (auto file = reader.text(spec("ca_file"), &origin)) options.ca_file = *file;
  if (auto name = reader.text(spec("credential"), &origin)) {
    if (auto kind = credential_from_string(*name))
      options.pinned_credential = kind;
    else
      reader.problems().push_back(origin + ": " + quoted(*name) +
                                  " is not a credential (environment, workload_identity, managed_identity, "
                                  "azure_cli)");
  }
  if (auto id = reader.text(spec("managed_identity_client_id"), &origin))
    options.managed_identity_client_id = *id;
  int64_t value = options.server_timeout_seconds;
  reader.integer("server_timeout_seconds", 1, 600, value);  // Log Analytics caps Prefer: wait at 10 min
  options.server_timeout_seconds = static_cast<int>(value);
  value = options.client_timeout_margin_seconds;
  reader.integer("client_timeout_margin_seconds", 0, 600, value);
  options.client_timeout_margin_seconds = static_cast<int>(value);
  reader.integer("managed_identity_probe_timeout_ms", 1, 60'000, options.managed_identity_probe_timeout_ms);
  value = options.azure_cli_timeout_seconds;
  reader.integer("azure_cli_timeout_seconds", 1, 600, value);
  options.azure_cli_timeout_seconds = static_cast<int>(value);
  reader.integer("max_answer_bytes", int64_t{1} << 20, int64_t{4} << 30, options.max_answer_bytes);
  reader.integer("max_rows", 1, 1'000'000'000, options.slices.max_rows);
  reader.integer("answer_row_cap", 1, 500'000, options.slices.row_cap);
  reader.integer("slice_above_rows", 1, 500'000, options.slices.slice_above_rows);
  value = options.slices.concurrency;
  reader.integer("slice_concurrency", 1, 8, value);
  options.slices.concurrency = static_cast<int>(value);
}

// A comma list of table names ("ContainerLogV2, MyLogs_CL"); a name is what Log Analytics allows:
// letters, digits and '_', at most 63 characters.
void read_table_list(OptionReader& reader, std::string_view key, std::vector<std::string>& out) {
  std::string origin;
  const auto list = reader.text(spec(key), &origin);
  if (!list) return;
  std::string_view rest = *list;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    std::string_view name = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!kql::is_table_name(name)) {
      reader.problems().push_back(origin + ": " + quoted(name) +
                                  " is not a table name (letters, digits and '_', at most 63)");
      continue;
    }
    out.emplace_back(name);
  }
}

}  // namespace

std::string_view credential_name(CredentialKind kind) {
  return kCredentialNames[static_cast<int>(kind)];
}

std::optional<CredentialKind> credential_from_string(std::string_view name) {
  for (CredentialKind kind : kCredentialOrder)
    if (credential_name(kind) == name) return kind;
  return std::nullopt;
}

std::span<const OptionSpec> option_specs() {
  return kOptions;
}

bool is_guid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

AzureOptions parse_options(std::string_view options_json, const Environment& env) {
  rapidjson::Document doc;
  if (options_json.find_first_not_of(" \t\r\n") == std::string_view::npos) options_json = "{}";
  doc.Parse(options_json.data(), options_json.size());
  if (doc.HasParseError() || !doc.IsObject())
    throw sdk::Error(TINKR_CONFIG, "invalid azure options: expected a JSON object");

  OptionReader reader(doc, env);
  std::vector<std::string_view> seen;
  for (const auto& m : doc.GetObject()) {
    std::string_view key(m.name.GetString(), m.name.GetStringLength());
    bool known = false;
    for (const auto& s : kOptions) known = known || s.key == key;
    if (!known) reader.problems().push_back("unknown option " + quoted(key));
    // RapidJSON keeps duplicates and finds the first: say so rather than ignore the later value.
    if (known && std::find(seen.begin(), seen.end(), key) != seen.end())
      reader.problems().push_back("option " + quoted(key) + " is given more than once");
    seen.push_back(key);
  }
  AzureOptions options;
  read_identity_options(reader, options);
  read_endpoints(reader, options);
  read_behaviour(reader, options);
  read_table_list(reader, "basic_tables", options.table_plans.basic);
  read_table_list(reader, "auxiliary_tables", options.table_plans.auxiliary);
  for (const auto& name : options.table_plans.basic)
    if (std::find(options.table_plans.auxiliary.begin(), options.table_plans.auxiliary.end(), name) !=
        options.table_plans.auxiliary.end())
      reader.problems().push_back("table " + quoted(name) + " is in both basic_tables and auxiliary_tables");

  if (!reader.problems().empty()) {
    std::string message = "invalid azure options: ";
    for (std::size_t i = 0; i < reader.problems().size(); ++i)
      message += (i ? "; " : "") + reader.problems()[i];
    throw sdk::Error(TINKR_CONFIG, std::move(message));
  }
  return options;
}

}  // namespace tinkr::azure
