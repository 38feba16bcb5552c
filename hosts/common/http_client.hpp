// A small blocking HTTP/1.1 client over plain TCP (Boost.Beast): the CLI's remote mode and the host
// tests talk to a tinkr-server with it. One connection per call; the reply body can stream to a
// callback as it arrives (NDJSON). TLS is not needed: tinkr-server speaks plain HTTP behind a proxy.
#pragma once

#include <tinkr/error.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace tinkr::host {

struct HttpEndpoint {
  std::string hostname;
  std::string port;
  std::string base_path;  // "" or "/prefix", without a trailing slash
};

/// "http://127.0.0.1:8000" -> {127.0.0.1, 8000, ""}. Anything but http:// is a config error naming
/// the URL.
Expected<HttpEndpoint> parse_server_url(std::string_view url);

struct HttpCall {
  std::string method = "GET";
  std::string target;  // "/api/v1/logs", appended to the endpoint's base path
  std::string body;
  std::string content_type = "application/json";
  std::string accept = "application/json";
  std::string bearer_token;  // sent as Authorization: Bearer; never logged
  std::map<std::string, std::string> headers;
  std::chrono::milliseconds timeout{300'000};  // per read or write
};

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;                            // empty when the body went to on_body
};

/// Sends one request and reads the reply. With on_body set, the body goes there piece by piece
/// (return false to stop reading) instead of into HttpReply::body. Connection failures are
/// upstream_unavailable naming host and port; a silent server is timeout.
Expected<HttpReply> http_call(const HttpEndpoint& endpoint, const HttpCall& call,
                              const std::function<bool(std::string_view)>& on_body = {});

}  // namespace tinkr::host
