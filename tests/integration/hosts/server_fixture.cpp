#include "server_fixture.hpp"

#include "backends_json.hpp"

namespace tinkr::testing {

std::unique_ptr<Engine> open_mock_engine(int records) {
  PluginRegistry registry({TINKR_PLUGIN_DIR});
  auto plugin = registry.load("mock");
  EXPECT_TRUE(plugin) << (plugin ? "" : plugin.error().message());
  if (!plugin) return nullptr;
  auto engine = Engine::open_plugin(*plugin, R"({"records":)" + std::to_string(records) + "}", "mock");
  EXPECT_TRUE(engine) << (engine ? "" : engine.error().message());
  return engine ? std::move(*engine) : nullptr;
}

void ServerFixture::start_server(config::ServerSettings settings, bool auth) {
  engine_ = open_mock_engine(mock_records_);
  ASSERT_TRUE(engine_);
  backend_ = std::make_unique<server::EngineBackend>(*engine_);
  metrics_ = std::make_unique<server::ServerMetrics>();
  auth_ = std::make_unique<server::Authenticator>(
      std::vector<config::ApiKey>{{server::sha256_hex(kViewerKey), "vera", {"viewer"}},
                                  {server::sha256_hex(kOncallKey), "otto", {"oncall"}},
                                  {server::sha256_hex(kNoRoleKey), "nobody", {}}});
  server::Services services{*backend_, *metrics_, auth ? auth_.get() : nullptr,
                            server::backends_json(engine_->backend(), "mock")};
  server_ = std::make_unique<server::Server>(std::move(services), settings, &access_log_);
  auto bound = server_->listen("127.0.0.1", 0);
  ASSERT_TRUE(bound) << bound.error().message();
  port_ = *bound;
  server_->start(2);
}

void ServerFixture::stop_server() {
  if (!server_) return;
  server_->shutdown();
  server_->wait();
  server_.reset();
}

host::HttpReply ServerFixture::call(const std::string& method, const std::string& target,
                                    const std::string& body, const std::string& key,
                                    const std::string& accept) {
  host::HttpCall request;
  request.method = method;
  request.target = target;
  request.body = body;
  request.bearer_token = key;
  request.accept = accept;
  request.timeout = std::chrono::seconds(30);
  auto reply = host::http_call(endpoint(), request);
  EXPECT_TRUE(reply) << method << " " << target << ": " << (reply ? "" : reply.error().message());
  return reply ? *reply : host::HttpReply{};
}

}  // namespace tinkr::testing
