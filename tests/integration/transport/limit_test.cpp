// The cap on requests in flight to one destination: the excess waits for a free connection within its
// deadline or cancellation, then goes on one that freed up, and other destinations are not held up.
#include <future>
#include <thread>

#include "fixture.hpp"
#include "http/connection_limit.hpp"

namespace tinkr::http::testing {
namespace {

class ConnectionLimitTest : public TransportTest {
 protected:
  ConnectionLimitTest() {
    auto o = options();
    o.max_connections_per_host = 2;
    client_ = std::make_unique<Client>(o);
  }
};

TEST_F(ConnectionLimitTest, ARequestBeyondTheCapWaitsAndTimesOutWithTheReason) {
  server_.push_response(Route::any, FakeResponse::held(FakeResponse::json(200, "{\"first\":1}")));
  server_.push_response(Route::any, FakeResponse::held(FakeResponse::json(200, "{\"second\":2}")));
  auto first = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  auto second = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  ASSERT_TRUE(server_.wait_for_held(2, 10s));

  auto third = get("/ping");
  third.timeout = 300ms;
  auto refused = client_->send(third);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Error::Code::timeout);
  EXPECT_EQ(refused.error().message(),
            "request to " + authority() + " timed out waiting for a free connection: all 2 were busy");
  EXPECT_EQ(server_.connections_accepted(), 2u) << "the third request never opened a connection";

  server_.release_held();
  ASSERT_TRUE(first.get());
  ASSERT_TRUE(second.get());
}

TEST_F(ConnectionLimitTest, AWaitingRequestGoesOnceAConnectionFrees) {
  server_.push_response(Route::any, FakeResponse::held(FakeResponse::json(200, "{\"first\":1}")));
  server_.push_response(Route::any, FakeResponse::held(FakeResponse::json(200, "{\"second\":2}")));
  auto first = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  auto second = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  ASSERT_TRUE(server_.wait_for_held(2, 10s));
  auto third = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  server_.release_held();
  auto answer = third.get();
  ASSERT_TRUE(answer) << answer.error().message();
  EXPECT_EQ(answer->status, 200);
  ASSERT_TRUE(first.get());
  ASSERT_TRUE(second.get());
}

TEST(ConnectionLimit, AWaiterEndsWhenItsCallIsCancelledOrFinished) {
  ConnectionLimit limit(1);
  const auto far = std::chrono::steady_clock::now() + 60s;
  ASSERT_EQ(limit.acquire("k", far, nullptr), ConnectionLimit::Wait::granted);
  tinkr_cancel cancel;
  cancel.flag = std::make_shared<std::atomic<bool>>(false);
  auto waiter = std::async(std::launch::async, [&] { return limit.acquire("k", far, &cancel); });
  cancel.flag->store(true);  // before or during the wait: either way the slot is never granted
  EXPECT_EQ(waiter.get(), ConnectionLimit::Wait::cancelled);

  tinkr_cancel finished;
  finished.finished.store(true);
  EXPECT_EQ(limit.acquire("k", far, &finished), ConnectionLimit::Wait::cancelled);
  limit.release("k");
  EXPECT_EQ(limit.acquire("k", far, nullptr), ConnectionLimit::Wait::granted) << "the slot came back";
}

TEST(ConnectionLimit, ZeroMeansNoLimit) {
  ConnectionLimit limit(0);
  const auto now = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) ASSERT_EQ(limit.acquire("k", now, nullptr), ConnectionLimit::Wait::granted);
}

TEST_F(ConnectionLimitTest, TheCapIsPerDestination) {
  server_.push_response(Route::any, FakeResponse::held());
  server_.push_response(Route::any, FakeResponse::held());
  auto first = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  auto second = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  ASSERT_TRUE(server_.wait_for_held(2, 10s));

  // The plain-HTTP listener is another destination: its requests do not wait.
  Request other;
  other.url = server_.http_url() + "/ping";
  other.allow_plain_http = true;
  other.timeout = 10s;
  auto answer = client_->send(other);
  ASSERT_TRUE(answer) << answer.error().message();
  EXPECT_EQ(answer->status, 200);
  server_.release_held();
  first.get();
  second.get();
}

}  // namespace
}  // namespace tinkr::http::testing
