// The JSON-RPC layer and both protocol eras, over the transport-independent Server and the HTTP
// rules (no sockets): what each era's client sends and what the specification says comes back.
#include "fake_backend.hpp"

#include "mcp/http_transport.hpp"
#include "mcp/server.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

namespace tinkr::mcp {
namespace {

using testing::FakeBackend;

const std::string kModernMeta =
    R"("_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}})";

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  EXPECT_FALSE(d.HasParseError()) << text;
  return d;
}

class Protocol : public ::testing::Test {
 protected:
  Reply send(const std::string& message, const CallContext& call = {}) {
    return server_.handle(message, call);
  }
  rapidjson::Document reply(const std::string& message, const CallContext& call = {}) {
    return parse(send(message, call).body);
  }
  FakeBackend backend_;
  Server server_{backend_, {}};
};

TEST_F(Protocol, InitializeEchoesASupportedVersionAndOffersItsNewestOtherwise) {
  auto ok = reply(
      R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{}}})");
  EXPECT_STREQ(ok["result"]["protocolVersion"].GetString(), "2025-06-18");
  EXPECT_TRUE(ok["result"]["capabilities"]["tools"].IsObject());
  EXPECT_STREQ(ok["result"]["serverInfo"]["name"].GetString(), "tinkr");
  EXPECT_FALSE(ok["result"].HasMember("resultType")) << "2025-era results carry no resultType";
  auto old =
      reply(R"({"jsonrpc":"2.0","id":"a","method":"initialize","params":{"protocolVersion":"2024-11-05"}})");
  EXPECT_STREQ(old["result"]["protocolVersion"].GetString(), "2025-11-25");
  EXPECT_STREQ(old["id"].GetString(), "a");
  auto bad = reply(R"({"jsonrpc":"2.0","id":2,"method":"initialize","params":{}})");
  EXPECT_EQ(bad["error"]["code"].GetInt(), -32602);
}

TEST_F(Protocol, TheModernEraDiscoversAndMarksEveryResult) {
  auto d = reply(R"({"jsonrpc":"2.0","id":1,"method":"server/discover","params":{)" + kModernMeta + "}}");
  const auto& r = d["result"];
  EXPECT_STREQ(r["resultType"].GetString(), "complete");
  EXPECT_STREQ(r["supportedVersions"][0].GetString(), "2026-07-28");
  EXPECT_TRUE(r["capabilities"]["tools"].IsObject());
  EXPECT_STREQ(r["_meta"]["io.modelcontextprotocol/serverInfo"]["name"].GetString(), "tinkr");
  auto list = reply(R"({"jsonrpc":"2.0","id":2,"method":"tools/list","params":{)" + kModernMeta + "}}");
  EXPECT_STREQ(list["result"]["resultType"].GetString(), "complete");
  EXPECT_TRUE(list["result"]["ttlMs"].IsInt());
  auto call = reply(R"({"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"describe_backend",)" +
                    kModernMeta + "}}");
  EXPECT_STREQ(call["result"]["resultType"].GetString(), "complete");
  EXPECT_FALSE(call["result"]["isError"].GetBool());
}

TEST_F(Protocol, AnotherVersionInMetaIsUnsupportedProtocolVersionWithTheSupportedList) {
  const std::string message =
      R"({"jsonrpc":"2.0","id":5,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2030-01-01","io.modelcontextprotocol/clientCapabilities":{}}}})";
  CallContext http;
  http.http = true;
  auto answer = send(message, http);
  EXPECT_EQ(answer.http_status, 400);
  auto d = parse(answer.body);
  EXPECT_EQ(d["error"]["code"].GetInt(), -32022);
  EXPECT_STREQ(d["error"]["data"]["requested"].GetString(), "2030-01-01");
  EXPECT_STREQ(d["error"]["data"]["supported"][0].GetString(), "2026-07-28");
  EXPECT_EQ(d["id"].GetInt(), 5);
}

TEST_F(Protocol, ModernRequestsNeedCapabilitiesAndHaveNoHandshakeOrPing) {
  auto no_caps = reply(
      R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}})");
  EXPECT_EQ(no_caps["error"]["code"].GetInt(), -32602);
  for (const char* method : {"initialize", "ping"}) {
    auto gone = reply(std::string(R"({"jsonrpc":"2.0","id":1,"method":")") + method + R"(","params":{)" +
                      kModernMeta + "}}");
    EXPECT_EQ(gone["error"]["code"].GetInt(), -32601) << method;
  }
}

TEST_F(Protocol, OverHttpTheRoutingHeadersMustAgreeWithTheBody) {
  const std::string call =
      R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"describe_backend",)" + kModernMeta +
      "}}";
  CallContext ctx;
  ctx.http = true;
  ctx.protocol_version_header = "2026-07-28";
  ctx.method_header = "tools/call";
  ctx.name_header = "describe_backend";
  EXPECT_EQ(send(call, ctx).http_status, 200);
  for (auto change : {+[](CallContext& c) { c.name_header = "search_logs"; },
                      +[](CallContext& c) { c.name_header.reset(); },
                      +[](CallContext& c) { c.method_header = "tools/list"; },
                      +[](CallContext& c) { c.protocol_version_header = "2025-11-25"; }}) {
    CallContext wrong = ctx;
    change(wrong);
    auto answer = send(call, wrong);
    EXPECT_EQ(answer.http_status, 400);
    EXPECT_EQ(parse(answer.body)["error"]["code"].GetInt(), -32020);
  }
  CallContext legacy;
  legacy.http = true;
  legacy.protocol_version_header = "2099-01-01";
  EXPECT_EQ(send(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})", legacy).http_status, 400);
}

TEST_F(Protocol, BadMessagesGetTheirJsonRpcErrorsAndNotificationsNoReply) {
  EXPECT_EQ(reply("{not json")["error"]["code"].GetInt(), -32700);
  EXPECT_EQ(reply(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])")["error"]["code"].GetInt(), -32600);
  EXPECT_EQ(reply(R"({"jsonrpc":"1.0","id":1,"method":"ping"})")["error"]["code"].GetInt(), -32600);
  EXPECT_EQ(reply(R"({"jsonrpc":"2.0","id":1,"method":"nope"})")["error"]["code"].GetInt(), -32601);
  EXPECT_EQ(
      reply(R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"drop_all"}})")["error"]["code"]
          .GetInt(),
      -32602);
  EXPECT_TRUE(send(R"({"jsonrpc":"2.0","method":"notifications/initialized"})").body.empty());
  EXPECT_TRUE(send(R"({"jsonrpc":"2.0","id":9,"result":{}})").body.empty());
}

TEST_F(Protocol, EveryToolHasAnInputAndOutputSchemaAndIsReadOnly) {
  auto list = reply(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})");
  const auto& tools = list["result"]["tools"];
  ASSERT_EQ(tools.Size(), 12u);
  for (const auto& tool : tools.GetArray()) {
    const std::string name = tool["name"].GetString();
    EXPECT_STREQ(tool["inputSchema"]["type"].GetString(), "object") << name;
    EXPECT_STREQ(tool["outputSchema"]["type"].GetString(), "object") << name;
    EXPECT_TRUE(tool["annotations"]["readOnlyHint"].GetBool()) << name;
    EXPECT_FALSE(tool["annotations"]["destructiveHint"].GetBool()) << name;
  }
}

TEST(HttpTransport, OriginMethodMediaTypesAndSse) {
  FakeBackend backend;
  Server server(backend, {});
  const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})";
  HttpRequest request{"POST", body, "application/json", "application/json, text/event-stream", {}, {},
                      {},     {}};
  EXPECT_EQ(handle_http(server, request, {}).status, 200);
  auto foreign = request;
  foreign.origin = "http://evil.example";
  EXPECT_EQ(handle_http(server, foreign, {}).status, 403);
  HttpOptions allow;
  allow.allowed_origins = {"http://evil.example"};
  EXPECT_EQ(handle_http(server, foreign, {}, allow).status, 200);
  for (const char* local : {"http://localhost:5173", "http://127.0.0.1", "https://[::1]:8443"}) {
    auto same = request;
    same.origin = local;
    EXPECT_EQ(handle_http(server, same, {}).status, 200) << local;
  }
  for (const char* tricky : {"http://localhost.evil.example", "http://127.0.0.1@evil.example", "null"}) {
    auto other = request;
    other.origin = tricky;
    EXPECT_EQ(handle_http(server, other, {}).status, 403) << tricky;
  }
  auto get = request;
  get.method = "GET";
  EXPECT_EQ(handle_http(server, get, {}).status, 405);
  auto text = request;
  text.content_type = "text/plain";
  EXPECT_EQ(handle_http(server, text, {}).status, 415);
  auto sse = request;
  sse.accept = "text/event-stream";
  auto streamed = handle_http(server, sse, {});
  EXPECT_EQ(streamed.content_type, "text/event-stream");
  EXPECT_EQ(streamed.body.rfind("event: message\ndata: {", 0), 0u) << streamed.body;
  auto note = request;
  note.body = R"({"jsonrpc":"2.0","method":"notifications/initialized"})";
  EXPECT_EQ(handle_http(server, note, {}).status, 202);
}

}  // namespace
}  // namespace tinkr::mcp
