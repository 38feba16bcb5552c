// An in-process tinkr-server over the mock backend plugin, on an ephemeral port of 127.0.0.1, with
// three API keys (viewer, oncall, a key without roles) and a captured access log.
#pragma once

#include "auth.hpp"
#include "common/http_client.hpp"
#include "server.hpp"

#include <tinkr/engine.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <sstream>

namespace tinkr::testing {

inline constexpr const char* kViewerKey = "viewer-key-7f3a";
inline constexpr const char* kOncallKey = "oncall-key-91c2";
inline constexpr const char* kNoRoleKey = "norole-key-5d10";

/// Opens the mock backend; `records` is how many it answers with.
std::unique_ptr<Engine> open_mock_engine(int records = 100);

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override { start_server({}); }
  void TearDown() override { stop_server(); }

  void start_server(config::ServerSettings settings, bool auth = true);
  void stop_server();

  host::HttpEndpoint endpoint() const { return {"127.0.0.1", std::to_string(port_), ""}; }
  /// A JSON call with the given key ("" for none).
  host::HttpReply call(const std::string& method, const std::string& target, const std::string& body = "",
                       const std::string& key = kViewerKey, const std::string& accept = "application/json");

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<server::EngineBackend> backend_;
  std::unique_ptr<server::ServerMetrics> metrics_;
  std::unique_ptr<server::Authenticator> auth_;
  std::unique_ptr<server::Server> server_;
  std::ostringstream access_log_;  // written by the server's threads; read after stop_server()
  uint16_t port_ = 0;
  int mock_records_ = 100;  // what the mock answers with, from the next start_server
};

}  // namespace tinkr::testing
