// A body its reader pulls (Client::open, and ABI 1.4's host services on top of it): requests in
// flight from one thread, reads that take every TLS record that has arrived, retries before the
// head, and a connection pooled only when its body was read to the end.
#include "fixture.hpp"
#include "http/host_bridge.hpp"

#include <string>

namespace tinkr::http::testing {
namespace {

using fake_azure::Fault;

constexpr std::size_t kTlsRecord = 16 * 1024;

class StreamTest : public TransportTest {
 protected:
  std::unique_ptr<ResponseStream> open(const std::string& path) {
    auto stream = client_->open(get(path));
    EXPECT_TRUE(stream) << stream.error().message();
    return stream ? std::move(*stream) : nullptr;
  }
  // The rest of the body, in reads of 256 KiB.
  static std::string read_to_end(ResponseStream& stream) {
    std::string body, buffer(256 * 1024, '\0');
    while (true) {
      auto got = stream.read(buffer.data(), buffer.size());
      EXPECT_TRUE(got) << got.error().message();
      if (!got || *got == 0) return body;
      body.append(buffer.data(), *got);
    }
  }
};

// A body of distinct bytes, so that any reordering or loss shows.
std::string body_of(std::size_t size) {
  std::string body;
  for (std::size_t i = 0; body.size() < size; ++i) body += std::to_string(i) + ",";
  body.resize(size);
  return body;
}

TEST_F(StreamTest, OpenReturnsOnceSentSoOneThreadHasSeveralRequestsInFlight) {
  for (int i = 0; i < 3; ++i) {
    FakeResponse held = FakeResponse::json(200, "answer " + std::to_string(i));
    held.fault = Fault::hold;
    server_.push_response(Route::any, held);
  }
  std::vector<std::unique_ptr<ResponseStream>> streams;
  for (int i = 0; i < 3; ++i) streams.push_back(open("/ping"));
  // All three reached the server while it answers none: open did not wait for an answer.
  ASSERT_TRUE(server_.wait_for_held(3, 10s));
  server_.release_held();
  for (int i = 0; i < 3; ++i) {
    auto head = streams[i]->head();
    ASSERT_TRUE(head) << head.error().message();
    EXPECT_EQ((*head)->status, 200);
    EXPECT_EQ(read_to_end(*streams[i]), "answer " + std::to_string(i));
  }
}

TEST_F(StreamTest, OneReadTakesEveryTlsRecordThatHasArrived) {
  const std::string body = body_of(6 * kTlsRecord);  // half of it fits any loopback receive buffer
  FakeResponse paused = FakeResponse::json(200, body);
  paused.fault = Fault::pause_midway;  // the head and half the body, then a pause
  server_.push_response(Route::any, paused);
  auto stream = open("/ping");
  ASSERT_TRUE(server_.wait_for_held(1, 10s)) << "the first half was written";
  auto head = stream->head();
  ASSERT_TRUE(head) << head.error().message();
  std::string buffer(256 * 1024, '\0');
  auto got = stream->read(buffer.data(), buffer.size());
  ASSERT_TRUE(got) << got.error().message();
  EXPECT_GT(*got, 2 * kTlsRecord) << "one read returns several 16 KiB TLS records, not one";
  std::string received(buffer.data(), *got);
  server_.release_held();
  received += read_to_end(*stream);
  EXPECT_EQ(received, body);
}

TEST_F(StreamTest, RetriesARetryableStatusBeforeTheHead) {
  server_.push_response(Route::any, FakeResponse::server_error(503));
  server_.push_response(Route::any, FakeResponse::json(200, "fine"));
  auto stream = open("/ping");
  auto head = stream->head();
  ASSERT_TRUE(head) << head.error().message();
  EXPECT_EQ((*head)->status, 200);
  EXPECT_EQ((*head)->attempts, 2);
  EXPECT_EQ(delays().size(), 1u);
  EXPECT_EQ(read_to_end(*stream), "fine");
}

TEST_F(StreamTest, AConnectionIsPooledOnlyWhenItsBodyWasReadToTheEnd) {
  const std::string body = body_of(64 * kTlsRecord);
  server_.push_response(Route::any, FakeResponse::json(200, body));
  server_.push_response(Route::any, FakeResponse::json(200, body));
  server_.push_response(Route::any, FakeResponse::json(200, "third"));
  {
    auto whole = open("/ping");
    EXPECT_EQ(read_to_end(*whole), body);
  }
  {
    auto abandoned = open("/ping");
    ASSERT_TRUE(abandoned->head());
  }  // dropped with most of its body unread
  auto third = open("/ping");
  EXPECT_EQ(read_to_end(*third), "third");
  EXPECT_EQ(client_->stats().connections_reused, 1u) << "the second request reused the first's connection";
  EXPECT_EQ(client_->stats().connections_opened, 2u) << "the third could not reuse the abandoned one";
}

TEST_F(StreamTest, ABodyCutShortFailsTheReadNamingTheBytesReceived) {
  FakeResponse cut = FakeResponse::json(200, body_of(4 * kTlsRecord));
  cut.fault = Fault::truncate_body;
  server_.push_response(Route::any, cut);
  auto stream = open("/ping");
  ASSERT_TRUE(stream->head());
  std::string buffer(256 * 1024, '\0');
  Expected<std::size_t> got = 0;
  do got = stream->read(buffer.data(), buffer.size());
  while (got && *got > 0);
  ASSERT_FALSE(got) << "a cut body is never a silent short one";
  EXPECT_EQ(got.error().code(), Error::Code::upstream_unavailable);
  EXPECT_NE(got.error().message().find("was cut short after"), std::string::npos) << got.error().message();
  EXPECT_FALSE(stream->read(buffer.data(), buffer.size())) << "and every later read fails the same way";
}

// The same through the C services a 1.4 plugin calls.
TEST_F(StreamTest, TheHostServicesPullABodyAndRefuseOnBody) {
  const std::string body = body_of(3 * kTlsRecord);
  server_.push_response(Route::any, FakeResponse::json(200, body));
  const std::string method = "GET", url = server_.https_url() + "/ping", ca = server_.ca_file();
  tinkr_http_request request{};
  request.struct_size = sizeof request;
  request.method = {method.data(), method.size()};
  request.url = {url.data(), url.size()};
  request.ca_file = {ca.data(), ca.size()};
  request.timeout_ms = 10'000;

  tinkr_http_stream* stream = nullptr;
  tinkr_error* error = nullptr;
  ASSERT_EQ(open_response(&request, nullptr, &stream, &error), TINKR_OK);
  const tinkr_http_response* head = nullptr;
  ASSERT_EQ(response_head(stream, &head, &error), TINKR_OK);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->body.len, 0u);
  std::string received, buffer(64 * 1024, '\0');
  uint64_t got = 0;
  do {
    ASSERT_EQ(read_body(stream, buffer.data(), buffer.size(), &got, &error), TINKR_OK);
    received.append(buffer.data(), got);
  } while (got > 0);
  EXPECT_EQ(received, body);
  close_response(stream);

  request.on_body = [](void*, const char*, uint64_t) { return int32_t{TINKR_OK}; };
  ASSERT_EQ(open_response(&request, nullptr, &stream, &error), TINKR_INVALID_QUERY);
  EXPECT_EQ(stream, nullptr);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(std::string(error->message.ptr, error->message.len),
            "open_response takes no on_body: the plugin reads the body");
  free_error(error);
}

}  // namespace
}  // namespace tinkr::http::testing
