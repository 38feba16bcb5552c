// The fake Azure: an HTTPS server (and a plain-HTTP one for IMDS and the App Service identity
// endpoint) on 127.0.0.1 that answers like Entra ID, IMDS, Log Analytics, Azure Monitor Metrics and
// ARM, from the real payloads in shared/vectors/azure. It records every request, counts TLS
// handshakes and token requests, checks bearer tokens and their audience, and can be told to fail.
// See tests/fake_azure/README.md for a tour.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tinkr::fake_azure {

/// What a request was for, by its method and path.
enum class Route {
  any,                     // matches every route (push_response only)
  token,                   // POST /{tenant}/oauth2/v2.0/token
  imds,                    // GET /metadata/identity/oauth2/token
  app_service_identity,    // GET /msi/token (IDENTITY_ENDPOINT)
  log_analytics_query,     // POST /v1/workspaces/{id}/query (and /v1/{resourceId}/query)
  log_analytics_search,    // POST /v1/workspaces/{id}/search (Basic and Auxiliary tables)
  log_analytics_metadata,  // GET /v1/workspaces/{id}/metadata (tables and their columns)
  metrics,                 // GET {resourceId}/providers/microsoft.insights/metrics
  metric_definitions,      // GET {resourceId}/providers/microsoft.insights/metricDefinitions
  arm_resources,           // GET /subscriptions/{s}/resourceGroups/{rg}/resources
  key_vault_secret,        // GET /secrets/{name}[/{version}] (Key Vault GetSecret)
  other,                   // anything else: 404 (GET /ping: 200 {"ok":true}), unless programmed
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct RecordedRequest {
  std::string method;
  std::string target;  // as sent: path?query
  std::string path;    // percent-decoded
  std::string query;   // raw, without '?'
  HeaderList headers;
  std::string body;
  bool tls = false;
  uint64_t connection_id = 0;  // requests on one keep-alive connection share it
  Route route = Route::other;

  /// First header of that name (case-insensitive), or empty.
  std::string_view header(std::string_view name) const;
  /// A query parameter, percent-decoded; nullopt when absent.
  std::optional<std::string> query_param(std::string_view name) const;
  /// A field of an application/x-www-form-urlencoded body, decoded; nullopt when absent.
  std::optional<std::string> form_param(std::string_view name) const;
};

/// How the server misbehaves when sending a response.
enum class Fault {
  none,
  hold,                    // keep the response until release_held() or the client goes away
  truncate_body,           // promise the whole body (Content-Length), send half, close
  close_without_response,  // read the request, then close the connection (a reset for the client)
  pause_midway,            // send the head and half the body, the rest on release_held(), then close
};

struct FakeResponse {
  int status = 200;
  HeaderList headers;  // Content-Type defaults to application/json
  std::string body;
  Fault fault = Fault::none;

  static FakeResponse json(int status, std::string body);
  /// A vector file as the body, e.g. from_vector(200, "log-analytics/query.simple.response.json").
  static FakeResponse from_vector(int status, std::string_view relative_path);
  /// 429 with "Retry-After: <seconds>" (seconds may also be an HTTP date) and Log Analytics' body.
  static FakeResponse throttled(std::string retry_after);
  /// 429 with "x-ms-retry-after-ms: <ms>".
  static FakeResponse throttled_ms(int64_t milliseconds);
  /// 408, 500, 502, 503 or 504 with a JSON error body.
  static FakeResponse server_error(int status);
  static FakeResponse held(FakeResponse then = json(200, "{}"));
  static FakeResponse truncated(FakeResponse whole);
  /// whole, sent in two halves: the second only once the test calls release_held() (wait_for_held
  /// counts it once the first half is out).
  static FakeResponse paused_midway(FakeResponse whole);
  static FakeResponse reset();
  static FakeResponse invalid_json();
  /// 200 with a table and a partial-result "error" (query.partial-error.response.json).
  static FakeResponse partial_error();
  static FakeResponse unauthorized();  // 401, error.401.authorization-required.json
  static FakeResponse forbidden();     // 403, error.403.insufficient-access.json
  /// 403 as Key Vault answers a caller without 'Key Vault Secrets User' (Forbidden / ForbiddenByRbac).
  static FakeResponse key_vault_forbidden();
};

/// Which certificate the HTTPS listener presents to new connections.
enum class TlsMode {
  trusted,          // signed by the CA in ca_file(), valid for 127.0.0.1 and localhost
  untrusted_ca,     // signed by another CA that no test trusts
  wrong_host_name,  // signed by the trusted CA, but only valid for wrong-host.example
};

struct Options {
  std::string vectors_dir;   // default: TINKR_VECTORS_DIR (<repo>/../shared/vectors)
  bool require_auth = true;  // check bearer tokens and audiences on Log Analytics, Metrics and ARM
  int64_t token_lifetime_s = 3599;
  /// When set, the token endpoint accepts only this client_secret (else any non-empty one).
  std::string client_secret;
  /// When set, the token endpoint accepts only this client_assertion (else any non-empty one).
  std::string client_assertion;
  /// The X-IDENTITY-HEADER value the App Service identity endpoint requires.
  std::string identity_header = "fake-identity-header";
  /// Compress answers with gzip for requests whose Accept-Encoding asks for it (as Azure does). An
  /// answer that sets its own Content-Encoding is sent as it is.
  bool serve_gzip = true;
  /// More names the trusted certificate is valid for, e.g. "kv-tinkr.vault.azure.net" (reached through
  /// ConnectProxy::route).
  std::vector<std::string> server_names;
};

/// Starts on construction (ephemeral ports, a fresh CA), stops on destruction. Every member is
/// thread-safe; programmed handlers run on the server's thread.
class FakeAzure {
 public:
  explicit FakeAzure(Options options = {});
  ~FakeAzure();
  FakeAzure(const FakeAzure&) = delete;
  FakeAzure& operator=(const FakeAzure&) = delete;

  std::string https_url() const;  // "https://127.0.0.1:<port>"
  std::string http_url() const;   // "http://127.0.0.1:<port>" (IMDS, identity endpoint)
  uint16_t https_port() const;
  uint16_t http_port() const;
  /// A PEM file holding the CA that signed the trusted certificate (deleted with the server).
  const std::string& ca_file() const;
  const Options& options() const;

  // Programming. Queued responses come first (FIFO per route; Route::any before the request's own
  // route), then request handlers, then query handlers (Log Analytics only), then the default answer.
  void push_response(Route route, FakeResponse response);
  void on_request(std::function<std::optional<FakeResponse>(const RecordedRequest&)> handler);
  void on_query(std::function<std::optional<FakeResponse>(std::string_view kql)> handler);
  void set_tls_mode(TlsMode mode);
  /// Sends every held response (with Connection: close).
  void release_held();
  /// Blocks until at least count responses are held, or timeout; true when they are.
  bool wait_for_held(std::size_t count, std::chrono::milliseconds timeout) const;
  std::size_t held_count() const;
  /// Key Vault: the current value of a secret (a new version each time); remove_secret makes it 404.
  void set_secret(const std::string& name, const std::string& value);
  void remove_secret(const std::string& name);
  /// A token the server accepts for audience (e.g. "https://api.loganalytics.io"), as if issued.
  std::string issue_token(std::string_view audience);
  /// Forgets requests and counters (not programmed responses).
  void reset_counters();

  // Observation.
  std::vector<RecordedRequest> requests() const;
  std::vector<RecordedRequest> requests(Route route) const;
  uint64_t tls_handshakes() const;  // completed ones
  uint64_t connections_accepted() const;
  /// Answers the fake compressed itself because the request asked for gzip.
  uint64_t gzip_answers() const;
  /// Token requests (token endpoint, IMDS, identity endpoint) for an audience; scope and resource
  /// forms count alike: "https://api.loganalytics.io/.default" == "https://api.loganalytics.io/".
  uint64_t token_requests(std::string_view scope_or_resource) const;
  uint64_t token_requests_total() const;

  struct State;
  struct Runtime;

 private:
  std::shared_ptr<State> state_;
  std::unique_ptr<Runtime> runtime_;
};

/// Normalises a scope or resource to an audience: no "/.default", no trailing '/'.
std::string audience_of(std::string_view scope_or_resource);

}  // namespace tinkr::fake_azure
