// Retries: which answers are retried, how long the client would wait (recorded, not slept), and the
// limits: at most 3 retries, never past the deadline.
#include <future>
#include <thread>

#include "fixture.hpp"

namespace tinkr::http::testing {
namespace {

TEST_F(TransportTest, RetriesThrottledRequestAfterRetryAfterSeconds) {
  server_.push_response(Route::any, FakeResponse::throttled("2"));
  auto response = client_->send(get("/ping"));
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->attempts, 2);
  ASSERT_EQ(delays().size(), 1u);
  EXPECT_EQ(delays()[0], 2000ms) << "Retry-After: 2 means two seconds";
}

TEST_F(TransportTest, RetriesThrottledRequestAfterXMsRetryAfterMs) {
  server_.push_response(Route::any, FakeResponse::throttled_ms(1234));
  auto response = client_->send(get("/ping"));
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->status, 200);
  ASSERT_EQ(delays().size(), 1u);
  EXPECT_EQ(delays()[0], 1234ms);
}

TEST_F(TransportTest, RetryAfterAsHttpDateInThePastMeansNoWait) {
  server_.push_response(Route::any, FakeResponse::throttled("Sun, 06 Nov 1994 08:49:37 GMT"));
  auto response = client_->send(get("/ping"));
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->status, 200);
  ASSERT_EQ(delays().size(), 1u);
  EXPECT_EQ(delays()[0], 0ms);
}

class RetryableStatusTest : public TransportTest, public ::testing::WithParamInterface<int> {};

TEST_P(RetryableStatusTest, IsRetriedWithBackoffAndJitter) {
  server_.push_response(Route::any, FakeResponse::server_error(GetParam()));
  server_.push_response(Route::any, FakeResponse::server_error(GetParam()));
  auto response = client_->send(get("/ping"));
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->status, 200) << "the third attempt succeeds";
  EXPECT_EQ(response->attempts, 3);
  auto waits = delays();
  ASSERT_EQ(waits.size(), 2u);
  // base 400 ms, doubled per retry, then scaled into [50%, 100%].
  EXPECT_GE(waits[0], 200ms);
  EXPECT_LE(waits[0], 400ms);
  EXPECT_GE(waits[1], 400ms);
  EXPECT_LE(waits[1], 800ms);
  EXPECT_EQ(server_.requests().size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Statuses, RetryableStatusTest, ::testing::Values(408, 429, 500, 502, 503, 504));

TEST_F(TransportTest, ConnectionResetIsRetried) {
  server_.push_response(Route::any, FakeResponse::reset());
  auto response = client_->send(get("/ping"));
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(server_.requests().size(), 2u);
  EXPECT_EQ(delays().size(), 1u) << "a reset on a fresh connection waits a backoff before the retry";
}

TEST_F(TransportTest, GivesUpAfterThreeRetriesAndReturnsTheLastAnswer) {
  for (int i = 0; i < 5; ++i) server_.push_response(Route::any, FakeResponse::server_error(503));
  auto response = client_->send(get("/ping"));
  ASSERT_TRUE(response)
      << "a 503 after the retries is an answer for the caller to judge, not a transport error";
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->attempts, 4);
  EXPECT_EQ(server_.requests().size(), 4u);
  EXPECT_EQ(delays().size(), 3u);
}

TEST_F(TransportTest, NonRetryableStatusIsReturnedAtOnce) {
  server_.push_response(Route::any, FakeResponse::forbidden());
  auto response = client_->send(get("/ping"));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(response->attempts, 1);
  EXPECT_TRUE(delays().empty());
}

TEST_F(TransportTest, NoRetryFlagSendsOnce) {
  server_.push_response(Route::any, FakeResponse::server_error(503));
  auto request = get("/ping");
  request.no_retry = true;
  auto response = client_->send(request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(server_.requests().size(), 1u);
}

TEST_F(TransportTest, RetryAfterPastTheDeadlineReturnsThrottledPromptly) {
  server_.push_response(Route::any, FakeResponse::throttled("120"));
  auto request = get("/ping");
  request.timeout = 5s;
  auto start = std::chrono::steady_clock::now();
  auto response = client_->send(request);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::throttled);
  EXPECT_EQ(response.error().retry_after_ms(), 120'000);
  EXPECT_TRUE(response.error().retryable());
  EXPECT_NE(response.error().message().find("HTTP 429"), std::string::npos) << response.error().message();
  EXPECT_TRUE(delays().empty()) << "a wait that cannot end before the deadline is not started";
  EXPECT_LT(elapsed_since(start), 3s);
}

class HugeRetryAfterTest : public TransportTest, public ::testing::WithParamInterface<const char*> {};

// Retry-After: 9223372036854775807 used to overflow into a negative wait (retried at once, four requests
// in 0.15 s) and 10000000000000000 into "a wait of -8446744073709551616 ms".
TEST_P(HugeRetryAfterTest, FailsAtOnceAsThrottledWithoutRetrying) {
  server_.push_response(Route::any, FakeResponse::throttled(GetParam()));
  auto request = get("/ping");
  request.timeout = 5s;
  auto response = client_->send(request);
  ASSERT_FALSE(response) << "status " << response->status;
  EXPECT_EQ(response.error().code(), Error::Code::throttled);
  EXPECT_GT(response.error().retry_after_ms(), 5'000);
  EXPECT_EQ(response.error().message().find('-'), std::string::npos) << response.error().message();
  EXPECT_TRUE(delays().empty()) << "no wait is started, negative or otherwise";
  EXPECT_EQ(server_.requests().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Values, HugeRetryAfterTest,
                         ::testing::Values("9223372036854775807", "10000000000000000",
                                           "99999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"));

TEST_F(TransportTest, RealBackoffSleepStopsWhenTheCallIsCancelled) {
  Client client;  // the real sleeper
  std::promise<void> throttled;
  server_.on_request([&, once = std::make_shared<std::once_flag>()](const fake_azure::RecordedRequest&) {
    std::optional<FakeResponse> answer;
    std::call_once(*once, [&] {
      answer = FakeResponse::throttled("30");
      throttled.set_value();
    });
    return answer;
  });
  tinkr_cancel cancel;
  cancel.flag = std::make_shared<std::atomic<bool>>(false);
  auto request = get("/ping");
  request.timeout = 60s;
  request.cancel = &cancel;
  std::thread canceller([&] {
    throttled.get_future().wait();  // the client is reading the 429 or already waiting out Retry-After
    cancel.flag->store(true);
  });
  auto start = std::chrono::steady_clock::now();
  auto response = client.send(request);
  canceller.join();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().code(), Error::Code::cancelled);
  EXPECT_LT(elapsed_since(start), 5s) << "cancellation must cut a 30 s Retry-After short";
}

}  // namespace
}  // namespace tinkr::http::testing
