// Faults that must end in a clear error, promptly: a held answer, a cancelled call, an oversized or
// cut-short body, a URL the client must refuse. And the happy odd cases: 404 and streamed bodies.
#include <future>
#include <thread>

#include "fixture.hpp"

namespace tinkr::http::testing {
namespace {

TEST_F(TransportTest, HeldResponseTimesOutWithoutHanging) {
  server_.push_response(Route::any, FakeResponse::held());
  auto request = get("/ping");
  request.timeout = 300ms;
  auto start = std::chrono::steady_clock::now();
  auto response = client_->send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::timeout);
  EXPECT_EQ(response.error().message(), "request to " + authority() + " timed out during read");
  EXPECT_LT(elapsed_since(start), 3s);
  EXPECT_GE(elapsed_since(start), 250ms) << "the deadline, not an earlier failure, ended the request";
}

TEST_F(TransportTest, CallDeadlineBoundsTheRequest) {
  server_.push_response(Route::any, FakeResponse::held());
  tinkr_cancel cancel;
  cancel.deadline_ns = tinkr::now_ns() + 200'000'000;
  auto request = get("/ping");
  request.timeout = 60s;
  request.cancel = &cancel;
  auto start = std::chrono::steady_clock::now();
  auto response = client_->send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::timeout);
  EXPECT_LT(elapsed_since(start), 3s);
}

TEST_F(TransportTest, CancellationStopsAHeldRequest) {
  server_.push_response(Route::any, FakeResponse::held());
  tinkr_cancel cancel;
  cancel.flag = std::make_shared<std::atomic<bool>>(false);
  auto request = get("/ping");
  request.timeout = 60s;
  request.cancel = &cancel;
  std::thread canceller([&] {
    ASSERT_TRUE(server_.wait_for_held(1, 10s));
    cancel.flag->store(true);
  });
  auto start = std::chrono::steady_clock::now();
  auto response = client_->send(request);
  canceller.join();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::cancelled);
  EXPECT_EQ(response.error().message(), "request to " + authority() + " cancelled during read");
  EXPECT_LT(elapsed_since(start), 5s);
}

TEST_F(TransportTest, AFinishedCallEndsItsTransferInFlight) {
  // The host's sink has enough: whatever the plugin still reads for that call stops at once.
  server_.push_response(Route::any,
                        FakeResponse::paused_midway(FakeResponse::json(200, std::string(100'000, 'z'))));
  tinkr_cancel cancel;
  auto request = get("/ping");
  request.timeout = 60s;
  request.cancel = &cancel;
  std::size_t received = 0;
  request.on_body = [&](std::string_view piece) {
    received += piece.size();
    return int32_t{TINKR_OK};
  };
  std::thread finisher([&] {
    ASSERT_TRUE(server_.wait_for_held(1, 10s));
    cancel.finished.store(true);
  });
  auto start = std::chrono::steady_clock::now();
  auto response = client_->send(request);
  finisher.join();
  server_.release_held();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::cancelled);
  EXPECT_LT(received, 100'000u) << "the second half never came";
  EXPECT_LT(elapsed_since(start), 5s);
}

TEST_F(TransportTest, ABodyStalledHalfwayTimesOutWithTheFirstHalfRead) {
  // The body's reads take what has arrived without waiting; only the wait for more may block, and
  // it is bounded by the deadline.
  server_.push_response(Route::any,
                        FakeResponse::paused_midway(FakeResponse::json(200, std::string(100'000, 'z'))));
  auto request = get("/ping");
  request.timeout = 1s;  // time enough for the first half on a loaded machine
  std::size_t received = 0;
  request.on_body = [&](std::string_view piece) {
    received += piece.size();
    return int32_t{TINKR_OK};
  };
  auto start = std::chrono::steady_clock::now();
  auto response = client_->send(request);
  server_.release_held();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::timeout);
  EXPECT_EQ(response.error().message(), "request to " + authority() + " timed out during read");
  EXPECT_EQ(received, 50'000u) << "the half sent before the stall reaches the caller";
  EXPECT_LT(elapsed_since(start), 3s);
}

TEST_F(TransportTest, ReleasedHeldResponseArrives) {
  server_.push_response(Route::any, FakeResponse::held(FakeResponse::json(200, "{\"late\":true}")));
  auto pending = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  ASSERT_TRUE(server_.wait_for_held(1, 10s));
  server_.release_held();
  auto response = pending.get();
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->body, "{\"late\":true}");
}

TEST_F(TransportTest, OversizedBodyFailsAtTheCap) {
  server_.push_response(Route::any, FakeResponse::json(200, std::string(4096, 'x')));
  auto request = get("/ping");
  request.max_response_bytes = 1024;
  auto response = client_->send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::upstream_unavailable);
  EXPECT_EQ(response.error().message(), "response from " + authority() + " exceeds the 1024 bytes limit");
}

TEST_F(TransportTest, DefaultCapIs64MiB) {
  server_.push_response(Route::any, FakeResponse::json(200, std::string((64u << 20) + 1, 'x')));
  auto response = client_->send(get("/ping"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().message(), "response from " + authority() + " exceeds the 64 MiB limit");
}

TEST_F(TransportTest, TruncatedBodyIsAnErrorNotAShortAnswer) {
  server_.push_response(Route::any, FakeResponse::truncated(FakeResponse::json(200, std::string(1000, 'y'))));
  auto response = client_->send(get("/ping"));
  ASSERT_FALSE(response) << "half a body must never pass for a whole one";
  EXPECT_EQ(response.error().code(), Error::Code::upstream_unavailable);
  EXPECT_EQ(response.error().message(),
            "response from " + authority() + " was cut short after 500 bytes of body");
}

TEST_F(TransportTest, PlainHttpIsRefusedUnlessAllowed) {
  Request request;
  request.url = server_.http_url() + "/ping";
  auto refused = client_->send(request);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Error::Code::config);
  EXPECT_EQ(refused.error().message().rfind(
                "plain http:// to 127.0.0.1:" + std::to_string(server_.http_port()) + " is refused", 0),
            0u)
      << refused.error().message();
  EXPECT_TRUE(server_.requests().empty());

  request.allow_plain_http = true;
  auto allowed = client_->send(request);
  ASSERT_TRUE(allowed) << allowed.error().message();
  EXPECT_EQ(allowed->status, 200);
  ASSERT_EQ(server_.requests().size(), 1u);
  EXPECT_FALSE(server_.requests()[0].tls);
}

TEST_F(TransportTest, MalformedUrlAndMethodAreInvalidQueries) {
  Request request;
  request.url = "not a url";
  auto bad_url = client_->send(request);
  ASSERT_FALSE(bad_url);
  EXPECT_EQ(bad_url.error().code(), Error::Code::invalid_query);
  EXPECT_EQ(bad_url.error().message(), "URL 'not a url' is not an absolute URL");

  request.url = "ftp://127.0.0.1/x?secret=1";
  auto bad_scheme = client_->send(request);
  ASSERT_FALSE(bad_scheme);
  EXPECT_EQ(bad_scheme.error().message().find("secret"), std::string::npos) << "queries stay out of messages";

  auto bad_method = get("/ping");
  bad_method.method = "FETCH";
  auto refused = client_->send(bad_method);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message(), "unknown HTTP method 'FETCH'");
}

TEST_F(TransportTest, HttpErrorStatusIsAResponseNotAFailure) {
  auto response = client_->send(get("/no/such/path"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_NE(response->body.find("PathNotFoundError"), std::string::npos) << response->body;
}

TEST_F(TransportTest, BodyStreamsToTheCallback) {
  std::string body(1'000'000, 'z');  // four times the client's 256 KB read
  server_.push_response(Route::any, FakeResponse::json(200, body));
  std::string received;
  int pieces = 0;
  auto request = get("/ping");
  request.on_body = [&](std::string_view piece) {
    received.append(piece);
    ++pieces;
    return int32_t{TINKR_OK};
  };
  auto response = client_->send(request);
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_TRUE(response->body.empty()) << "a streamed body is not kept";
  EXPECT_EQ(received, body);
  EXPECT_GE(pieces, 4) << "a 1 MB body arrives in pieces no bigger than a read";
}

TEST_F(TransportTest, OnlyASuccessBodyStreamsAnErrorBodyComesWhole) {
  for (int status : {404, 400, 503}) {
    SCOPED_TRACE(status);
    server_.push_response(Route::any,
                          FakeResponse::json(status, R"({"error":{"code":"E","message":"why"}})"));
    bool streamed = false;
    auto request = get("/ping");
    request.no_retry = true;
    request.on_body = [&](std::string_view) {
      streamed = true;
      return int32_t{TINKR_OK};
    };
    auto response = client_->send(request);
    ASSERT_TRUE(response) << response.error().message();
    EXPECT_EQ(response->status, status);
    EXPECT_FALSE(streamed) << "a decoder of results never sees an error body";
    EXPECT_EQ(response->body, R"({"error":{"code":"E","message":"why"}})");
  }
}

TEST_F(TransportTest, BodyCallbackCanStopTheTransfer) {
  server_.push_response(Route::any, FakeResponse::json(200, std::string(100'000, 'z')));
  auto request = get("/ping");
  request.on_body = [](std::string_view) { return int32_t{TINKR_CANCELLED}; };
  auto response = client_->send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::cancelled);
}

TEST_F(TransportTest, RequestCarriesMethodHeadersAndBody) {
  auto request = get("/v1/workspaces/w/query");
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json"}, {"Prefer", "wait=180"}};
  request.body = "{\"query\":\"AppRequests | take 1\"}";
  server_.push_response(Route::any, FakeResponse::json(200, "{}"));
  auto response = client_->send(request);
  ASSERT_TRUE(response) << response.error().message();
  auto recorded = server_.requests();
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].method, "POST");
  EXPECT_EQ(recorded[0].path, "/v1/workspaces/w/query");
  EXPECT_EQ(recorded[0].header("Prefer"), "wait=180");
  EXPECT_EQ(recorded[0].header("Host"), authority());
  EXPECT_EQ(recorded[0].body, request.body);
}

}  // namespace
}  // namespace tinkr::http::testing
