// Shared setup of the Azure end-to-end tests: the azure plugin opened through the core's engine with
// every endpoint on a fake Azure (127.0.0.1), a service principal in the environment, Log Analytics
// answers built in the real response format, and the checks every test makes on what the fake saw.
#pragma once

#include <tinkr/engine.hpp>
#include <tinkr/registry.hpp>

#include <fake_azure.hpp>

#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tinkr::azure_e2e {

using fake_azure::FakeAzure;
using fake_azure::FakeResponse;
using fake_azure::RecordedRequest;
using fake_azure::Route;

inline constexpr const char* kWorkspace = "11111111-2222-3333-4444-555555555555";
inline constexpr const char* kSubscription = "00000000-0000-0000-0000-000000000001";
inline constexpr int kServerTimeoutSeconds = 42;

/// One column of a Log Analytics table and its declared Kusto type.
struct KustoColumn {
  std::string name;
  std::string type;
};

/// A Log Analytics query answer: {"tables":[{"name":"PrimaryResult","columns":[...],"rows":[...]}]}.
/// Cells are raw JSON values as Azure sends them (datetimes and dynamic values as strings).
inline std::string log_analytics_answer(const std::vector<KustoColumn>& columns,
                                        const std::vector<std::vector<std::string>>& rows) {
  std::string json = R"({"tables":[{"name":"PrimaryResult","columns":[)";
  for (std::size_t i = 0; i < columns.size(); ++i)
    json += std::string(i ? "," : "") + R"({"name":")" + columns[i].name + R"(","type":")" + columns[i].type +
            R"("})";
  json += R"(],"rows":[)";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    json += r ? ",[" : "[";
    for (std::size_t c = 0; c < rows[r].size(); ++c) json += std::string(c ? "," : "") + rows[r][c];
    json += "]";
  }
  return json + "]}]}";
}

/// The columns of a trace's answer (lower_trace_get_kql): spans, dependencies and exceptions in one.
inline const std::vector<KustoColumn> kTraceColumns = {
    {"TimeGenerated", "datetime"}, {"Type", "string"},           {"Id", "string"},
    {"ParentId", "string"},        {"OperationId", "string"},    {"Name", "string"},
    {"DurationMs", "real"},        {"Success", "bool"},          {"ResultCode", "string"},
    {"AppRoleName", "string"},     {"DependencyType", "string"}, {"Target", "string"},
    {"ExceptionType", "string"},   {"OuterMessage", "string"},   {"Properties", "dynamic"}};

/// The body of a Log Analytics query request: its KQL and its timespan ("" when absent).
struct SentQuery {
  std::string kql;
  std::string timespan;
};

inline SentQuery sent_query(const RecordedRequest& request) {
  rapidjson::Document body;
  body.Parse(request.body.data(), request.body.size());
  SentQuery sent;
  if (body.HasParseError() || !body.IsObject()) {
    ADD_FAILURE() << "the request body is not a JSON object: " << request.body;
    return sent;
  }
  if (body.HasMember("query") && body["query"].IsString()) sent.kql = body["query"].GetString();
  if (body.HasMember("timespan") && body["timespan"].IsString()) sent.timespan = body["timespan"].GetString();
  return sent;
}

/// A JSON string literal of text that needs no escaping beyond quotes (test data only).
inline std::string js(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

/// Unix nanoseconds of a UTC civil time.
inline int64_t utc_ns(int year, int month, int day, int hour, int minute, int second, int64_t nanos = 0) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<int64_t>(::timegm(&tm)) * 1'000'000'000LL + nanos;
}

/// Unix nanoseconds of "YYYY-MM-DDTHH:MM:SS[.fffffff]Z" (the fraction in 100 ns ticks or shorter).
inline int64_t parse_utc_ns(const std::string& iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &s) != 6) return -1;
  int64_t nanos = 0;
  if (auto dot = iso.find('.'); dot != std::string::npos) {
    int64_t scale = 100'000'000;
    for (std::size_t i = dot + 1; i < iso.size() && std::isdigit(static_cast<unsigned char>(iso[i])); ++i) {
      nanos += (iso[i] - '0') * scale;
      scale /= 10;
    }
  }
  return utc_ns(y, mo, d, h, mi, s, nanos);
}

/// The metrics query most tests ask: requests of the App Service "shop-web" over the last hour.
inline QuerySpec shop_web_requests_spec() {
  QuerySpec spec;
  spec.signal = ir::Signal::metrics;
  spec.service = "shop-web";
  spec.resource_type = "app_service";
  spec.since = "1h";
  spec.metrics.names = {"requests"};
  return spec;
}

/// The Azure variables a credential reads, unset for the test (the machine's own settings never
/// leak in), with one service principal set; restored afterwards.
class ServicePrincipalEnvironment {
 public:
  ServicePrincipalEnvironment() {
    for (const char* name :
         {"AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_AUTHORITY_HOST",
          "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_LOG_ANALYTICS_WORKSPACE_ID", "AZURE_SUBSCRIPTION_ID",
          "AZURE_RESOURCE_GROUP", "HTTPS_PROXY", "https_proxy"})
      set(name, std::nullopt);
    set("AZURE_TENANT_ID", "72f988bf-86f1-41af-91ab-2d7cd011db47");
    set("AZURE_CLIENT_ID", "e2e-client-id");
    set("AZURE_CLIENT_SECRET", "e2e-client-secret");
  }
  ~ServicePrincipalEnvironment() {
    for (auto& [name, value] : saved_) {
      if (value)
        ::setenv(name.c_str(), value->c_str(), 1);
      else
        ::unsetenv(name.c_str());
    }
  }
  ServicePrincipalEnvironment(const ServicePrincipalEnvironment&) = delete;
  ServicePrincipalEnvironment& operator=(const ServicePrincipalEnvironment&) = delete;

 private:
  void set(const std::string& name, const std::optional<std::string>& value) {
    const char* old = std::getenv(name.c_str());
    saved_.emplace(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (value)
      ::setenv(name.c_str(), value->c_str(), 1);
    else
      ::unsetenv(name.c_str());
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

class AzureEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override { open_engine(); }

  /// Opens the engine anew, with extra_options (`"key":value,...`) added to the profile's options.
  void open_engine(const std::string& extra_options = "") {
    static PluginRegistry registry({TINKR_PLUGIN_DIR});
    auto plugin = registry.load("azure");
    ASSERT_TRUE(plugin) << plugin.error().message();
    std::string options = options_json();
    if (!extra_options.empty()) options.insert(options.size() - 1, "," + extra_options);
    auto engine = Engine::open_plugin(*plugin, options, "e2e");
    ASSERT_TRUE(engine) << engine.error().message();
    engine_ = std::move(*engine);
  }

  std::string options_json() const {
    return std::string(R"({"credential":"environment","workspace_id":")") + kWorkspace +
           R"(","subscription_id":")" + kSubscription + R"(","resource_group":"rg-shop",)" +
           R"("server_timeout_seconds":)" + std::to_string(kServerTimeoutSeconds) +
           R"(,"log_analytics_endpoint":")" + fake_.https_url() + R"(","arm_endpoint":")" +
           fake_.https_url() + R"(","authority_host":")" + fake_.https_url() + R"(","ca_file":")" +
           fake_.ca_file() + R"("})";
  }

  /// Builds the IR of a query-language request, failing the test on an error.
  ir::Query build(const QuerySpec& spec) const {
    auto query = engine_->build(spec);
    EXPECT_TRUE(query) << query.error().message();
    return query ? *query : ir::Query{};
  }

  /// The Log Analytics requests, each checked for the query API's method, path and headers.
  std::vector<RecordedRequest> log_analytics_requests() const {
    auto requests = fake_.requests(Route::log_analytics_query);
    for (const auto& r : requests) {
      EXPECT_EQ(r.method, "POST");
      EXPECT_EQ(r.path, std::string("/v1/workspaces/") + kWorkspace + "/query");
      EXPECT_EQ(r.header("Prefer"), "wait=" + std::to_string(kServerTimeoutSeconds));
      EXPECT_EQ(r.header("Content-Type"), "application/json");
    }
    return requests;
  }

  /// Every request went over TLS, each bearer token only to the service of its audience, and no
  /// bearer token to the token endpoint.
  void expect_tokens_only_where_they_belong() const {
    for (const auto& r : fake_.requests()) {
      EXPECT_TRUE(r.tls) << r.target;
      const std::string auth(r.header("Authorization"));
      switch (r.route) {
        case Route::token:
          EXPECT_TRUE(auth.empty()) << "a bearer token went to the authority: " << r.target;
          break;
        case Route::log_analytics_query:
          EXPECT_EQ(auth.rfind("Bearer fake-token.https://api.loganalytics.io.", 0), 0u) << r.target;
          break;
        case Route::metrics:
        case Route::metric_definitions:
        case Route::arm_resources:
          EXPECT_EQ(auth.rfind("Bearer fake-token.https://management.azure.com.", 0), 0u) << r.target;
          break;
        default:
          ADD_FAILURE() << "unexpected request " << r.method << " " << r.target;
      }
    }
  }

  ServicePrincipalEnvironment env_;
  FakeAzure fake_;
  std::unique_ptr<Engine> engine_;
};

/// The records of one alternative, in the order the engine returned them.
template <typename T>
std::vector<T> records_of(const std::vector<Record>& records) {
  std::vector<T> out;
  for (const auto& r : records)
    if (const T* t = std::get_if<T>(&r)) out.push_back(*t);
  return out;
}

}  // namespace tinkr::azure_e2e
