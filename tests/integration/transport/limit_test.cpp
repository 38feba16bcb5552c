// The cap on requests in flight to one destination: the excess waits for a free connection within its
// deadline or cancellation, then goes on one that freed up, and other destinations are not held up.
#include <future>
#include <vector>

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

  // Two requests the fake holds: both of the destination's slots are busy until release_held().
  void occupy_both_slots() {
    for (int i = 0; i < 2; ++i) {
      server_.push_response(Route::any, FakeResponse::held());
      busy_.push_back(std::async(std::launch::async, [this] { return client_->send(get("/ping")); }));
    }
    ASSERT_TRUE(server_.wait_for_held(2, 10s));
  }

  // Lets the held requests finish; each must have succeeded.
  void free_both_slots() {
    server_.release_held();
    for (auto& request : busy_) {
      auto answer = request.get();
      EXPECT_TRUE(answer) << answer.error().message();
    }
    busy_.clear();
  }

  std::vector<std::future<Expected<Response>>> busy_;
};

TEST_F(ConnectionLimitTest, ARequestBeyondTheCapWaitsAndTimesOutWithTheReason) {
  occupy_both_slots();

  auto third = get("/ping");
  third.timeout = 300ms;
  auto refused = client_->send(third);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), Error::Code::timeout);
  EXPECT_EQ(refused.error().message(),
            "request to " + authority() + " timed out waiting for a free connection: all 2 were busy");
  EXPECT_EQ(server_.connections_accepted(), 2u) << "the third request never opened a connection";

  free_both_slots();
}

TEST_F(ConnectionLimitTest, AWaitingRequestGoesOnceAConnectionFrees) {
  occupy_both_slots();
  auto third = std::async(std::launch::async, [&] { return client_->send(get("/ping")); });
  free_both_slots();
  auto answer = third.get();
  ASSERT_TRUE(answer) << answer.error().message();
  EXPECT_EQ(answer->status, 200);
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
  occupy_both_slots();

  // The plain-HTTP listener is another destination: its requests do not wait.
  Request other;
  other.url = server_.http_url() + "/ping";
  other.allow_plain_http = true;
  other.timeout = 10s;
  auto answer = client_->send(other);
  ASSERT_TRUE(answer) << answer.error().message();
  EXPECT_EQ(answer->status, 200);
  free_both_slots();
}

}  // namespace
}  // namespace tinkr::http::testing
