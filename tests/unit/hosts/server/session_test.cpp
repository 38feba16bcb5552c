// A session's error paths over Beast's test stream, with no socket: what a malformed request, a header
// or body over its limit, a client that vanishes, a missing or wrong key, a role that is not allowed,
// an unknown route and a wrong method get on the wire, status and error message both.
#include "session_impl.hpp"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/_experimental/test/stream.hpp>

#include <limits>
#include <sstream>

namespace tinkr::server {

namespace test = boost::beast::test;

// The test stream has no deadlines and no half-close: shutting down the sending side closes it (the
// client reads what was sent, then the end), and nothing watches it for the client leaving while a
// query runs: a client that vanishes is found when the session next writes to it.
template <>
struct StreamOps<test::stream> {
  static void expires_after(test::stream&, std::chrono::steady_clock::duration) {}
  static std::string remote_address(test::stream&) { return "test"; }
  static bool shutdown_send(test::stream& stream) {
    stream.close();
    return true;
  }
  static void close(test::stream& stream) { stream.close(); }
  template <class Handler>
  static void watch_readable(test::stream&, Handler&&) {}
  static PeerState peek(test::stream&) { return PeerState::nothing_yet; }
};

template class BasicSession<test::stream>;

namespace {

using namespace std::chrono_literals;
using TestSession = BasicSession<test::stream>;

// Records as fast as the session takes them, until the client's departure stops the query (or
// max_records).
class EndlessBackend final : public QueryBackend {
 public:
  Expected<ir::Query> build(const QuerySpec& spec) const override {
    ir::Query query;
    query.signal = spec.signal;
    return query;
  }
  Expected<RunStats> run(const ir::Query&, ResultSink& sink, const RunOptions&) override {
    const auto give_up = std::chrono::steady_clock::now() + 10s;
    for (int n = 0; n < max_records && std::chrono::steady_clock::now() < give_up; ++n) {
      LogRecord log;
      log.service = "payments-api";
      log.body = "record " + std::to_string(n) + std::string(200, '.');
      if (!sink.on_record(Record(std::move(log)))) {
        stopped_by_sink = true;
        break;
      }
    }
    return RunStats{};
  }
  Expected<QueryResult> collect(const ir::Query&, const RunOptions&) override { return QueryResult{}; }
  Expected<Explanation> explain(const ir::Query&) override { return Explanation{}; }
  Expected<Health> check_health() override { return read_health("{}"); }
  const BackendInfo& info() const override { return info_; }

  std::atomic<bool> stopped_by_sink{false};
  int max_records = std::numeric_limits<int>::max();

 private:
  BackendInfo info_{"endless", "1.0", "1.0", "", "{}"};
};

config::ServerSettings small_limits() {
  config::ServerSettings settings;
  settings.max_body_bytes = 1024;
  return settings;
}

class SessionTest : public ::testing::Test {
 protected:
  SessionTest() { client_.emplace(io_); }

  // Starts a session whose stream is connected to the client.
  void start() {
    test::stream server_side(boost::asio::make_strand(io_));
    client_->connect(server_side);
    auto session = std::make_shared<TestSession>(std::move(server_side), context_);
    session_ = session;
    session->start();
  }

  // Sends text as the client, reads one reply, then closes the client's side; runs until the session
  // has ended (its stream closed, the session gone).
  http::response<http::string_body> exchange(const std::string& text) {
    start();
    boost::asio::write(*client_, boost::asio::buffer(text));
    http::response<http::string_body> reply;
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64u << 20);
    http::async_read(*client_, buffer, parser, [&](boost::beast::error_code ec, std::size_t) {
      read_error_ = ec;
      reply = parser.release();
      client_->close();
    });
    io_.run_for(10s);
    return reply;
  }

  static std::string message_of(const http::response<http::string_body>& reply) {
    rapidjson::Document document;
    document.Parse(reply.body().c_str());
    if (document.HasParseError() || !document.HasMember("error"))
      return "<no error object: " + reply.body() + ">";
    return document["error"]["message"].GetString();
  }

  static std::string request(std::string_view method, std::string_view target, std::string_view key,
                             std::string_view body = "", std::string_view extra_headers = "") {
    std::string text = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n";
    text += extra_headers;
    if (!key.empty()) text += "Authorization: Bearer " + std::string(key) + "\r\n";
    if (!body.empty()) text += "Content-Type: application/json\r\n";
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
    return text;
  }

  static void expect_error(const http::response<http::string_body>& reply, int status,
                           std::string_view message) {
    EXPECT_EQ(reply.result_int(), status);
    EXPECT_EQ(message_of(reply), message);
  }

  std::string access_log_text() const { return access_lines_.str(); }

  // Asks for the logs (with extra_headers), reads the reply's head and leaves; runs until the session
  // and its worker are done with it.
  http::response<http::empty_body> read_head_then_leave(std::string_view extra_headers) {
    start();
    boost::asio::write(*client_, boost::asio::buffer(request("POST", "/api/v1/logs", "viewer-key",
                                                             R"({"since":"1h"})", extra_headers)));
    boost::beast::flat_buffer buffer;
    http::response_parser<http::empty_body> head;
    http::async_read_header(*client_, buffer, head, [&](boost::beast::error_code ec, std::size_t) {
      read_error_ = ec;
      boost::asio::post(io_, [this] { client_.reset(); });
    });
    io_.run_for(15s);
    // The worker lets go of the session after the I/O ends: wait for it, then for what it posted.
    workers_.join();
    io_.restart();
    io_.poll();
    EXPECT_FALSE(read_error_) << read_error_.message();
    return head.release();
  }

  boost::asio::io_context io_;
  boost::asio::thread_pool workers_{1};
  EndlessBackend backend_;
  ServerMetrics metrics_;
  Authenticator auth_{
      {{sha256_hex("viewer-key"), "vera", {"viewer"}}, {sha256_hex("no-role-key"), "nobody", {}}}};
  std::ostringstream access_lines_;
  AccessLog access_log_{&access_lines_};
  ServerContext context_{Services{backend_, metrics_, &auth_, "{}"},
                         small_limits(),
                         workers_,
                         access_log_,
                         QueryGate(4),
                         SessionRegistry(16)};
  std::optional<test::stream> client_;
  std::weak_ptr<TestSession> session_;
  boost::beast::error_code read_error_;
};

TEST_F(SessionTest, AMalformedRequestLineIs400NamingTheFault) {
  auto reply = exchange("GET /healthz HTTP/1.1 trailing words\r\n\r\n");
  expect_error(reply, 400, "malformed HTTP request: bad version");
  EXPECT_EQ(reply[http::field::connection], "close");
  EXPECT_TRUE(session_.expired()) << "the session outlived its connection";
}

TEST_F(SessionTest, AHeaderOverTheLimitIs400) {
  auto reply = exchange("GET /healthz HTTP/1.1\r\nX-Padding: " + std::string(17 * 1024, 'x') + "\r\n\r\n");
  expect_error(reply, 400, "malformed HTTP request: header limit exceeded");
  EXPECT_TRUE(session_.expired());
}

TEST_F(SessionTest, ABodyOverTheLimitIs413NamingTheLimit) {
  auto reply = exchange(request("POST", "/api/v1/logs", "viewer-key", std::string(2000, ' ')));
  expect_error(reply, 413, "request body larger than 1024 bytes");
  EXPECT_TRUE(session_.expired());
}

TEST_F(SessionTest, AMissingOrWrongKeyIs401) {
  auto missing = exchange(request("GET", "/api/v1/backends", ""));
  expect_error(missing, 401, "a valid API key is required (Authorization: Bearer <key>)");
  EXPECT_EQ(missing[http::field::www_authenticate], "Bearer");
  io_.restart();
  client_.emplace(io_);
  auto wrong = exchange(request("GET", "/api/v1/backends", "not-a-key"));
  expect_error(wrong, 401, "a valid API key is required (Authorization: Bearer <key>)");
}

TEST_F(SessionTest, ARoleThatIsNotAllowedIs403) {
  auto reply = exchange(request("GET", "/api/v1/backends", "no-role-key"));
  expect_error(reply, 403, "'nobody' lacks the role viewer");
}

TEST_F(SessionTest, AnUnknownRouteIs404) {
  auto reply = exchange(request("GET", "/api/v1/nowhere", "viewer-key"));
  expect_error(reply, 404, "no route GET /api/v1/nowhere");
}

TEST_F(SessionTest, AWrongMethodIs405NamingTheAllowedOne) {
  auto reply = exchange(request("GET", "/api/v1/logs", "viewer-key"));
  expect_error(reply, 405, "GET /api/v1/logs: method not allowed");
  EXPECT_EQ(reply[http::field::allow], "POST");
}

TEST_F(SessionTest, ABodyReadWithItsHeadIsParsedFromTheBuffer) {
  // The whole request in one write: the body is parsed from what the head's read buffered.
  auto reply = exchange(request("POST", "/api/v1/logs", "viewer-key", "not json"));
  expect_error(reply, 400, "request body: invalid JSON at offset 1: Invalid value.");
}

TEST_F(SessionTest, ABodyThatComesAfterItsHeadIsReadToo) {
  // The head alone, then (once the session has read it and waits) the body: the read goes on.
  const std::string text = request("POST", "/api/v1/logs", "viewer-key", "not json");
  const std::size_t head_end = text.find("\r\n\r\n") + 4;
  start();
  boost::asio::write(*client_, boost::asio::buffer(text.substr(0, head_end)));
  io_.poll();
  EXPECT_FALSE(session_.expired());
  EXPECT_EQ(access_log_text(), "") << "answered before its body came";
  boost::asio::write(*client_, boost::asio::buffer(text.substr(head_end)));
  http::response<http::string_body> reply;
  boost::beast::flat_buffer buffer;
  http::async_read(*client_, buffer, reply, [&](boost::beast::error_code ec, std::size_t) {
    read_error_ = ec;
    client_->close();
  });
  io_.run_for(10s);
  EXPECT_FALSE(read_error_) << read_error_.message();
  expect_error(reply, 400, "request body: invalid JSON at offset 1: Invalid value.");
}

TEST_F(SessionTest, AClientThatVanishesMidRequestEndsTheSession) {
  // Half a request, then the client is gone altogether: the session answers the cut request (400)
  // into a closed connection and ends, having logged it once.
  start();
  boost::asio::write(
      *client_, boost::asio::buffer(
                    std::string("POST /api/v1/logs HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"service\":")));
  client_.reset();
  io_.run_for(10s);
  EXPECT_TRUE(session_.expired()) << "the session outlived its client";
  EXPECT_NE(access_log_text().find(R"("status":400)"), std::string::npos) << access_log_text();
}

TEST_F(SessionTest, AClientThatVanishesMidResponseStopsItsQuery) {
  // An NDJSON answer streams; after its head and first chunk the client is gone. The next chunk's
  // write fails, the query is cancelled (the backend's sink says stop) and the log says 499.
  const auto head = read_head_then_leave("Accept: application/x-ndjson\r\n");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[http::field::content_type], "application/x-ndjson");
  EXPECT_TRUE(backend_.stopped_by_sink) << "the query ran on after its client left";
  EXPECT_TRUE(session_.expired());
  EXPECT_NE(access_log_text().find(R"("status":499)"), std::string::npos) << access_log_text();
}

TEST_F(SessionTest, ABigJsonAnswerGoesInChunksAndAClientThatLeavesStopsItsQuery) {
  // Past a mebibyte a JSON answer is sent in chunks rather than built whole: the endless query's
  // answer starts arriving, and the client's departure stops it (a whole reply would have run on).
  const auto head = read_head_then_leave("");
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head[http::field::content_type], "application/json");
  EXPECT_TRUE(head.chunked());
  EXPECT_TRUE(backend_.stopped_by_sink) << "the query ran on after its client left";
  EXPECT_NE(access_log_text().find(R"("status":499)"), std::string::npos) << access_log_text();
}

TEST_F(SessionTest, AHeadRequestForABigAnswerGetsTheHeadAndNoChunk) {
  backend_.max_records = 20000;  // some 5 MB of JSON: sent in chunks to a GET
  start();
  boost::asio::write(*client_, boost::asio::buffer(request("HEAD", "/api/v1/traces/abc", "viewer-key", "",
                                                           "Connection: close\r\n")));
  boost::beast::flat_buffer buffer;
  http::response_parser<http::empty_body> head;
  head.skip(true);  // a HEAD reply has no body, whatever its head says
  std::size_t after_head = 0;
  boost::beast::error_code end;
  std::function<void()> read_rest = [&] {
    client_->async_read_some(buffer.prepare(64 * 1024), [&](boost::beast::error_code ec, std::size_t size) {
      after_head += size;
      if (ec) {
        end = ec;
        return;
      }
      read_rest();
    });
  };
  http::async_read(*client_, buffer, head, [&](boost::beast::error_code ec, std::size_t) {
    read_error_ = ec;
    after_head = buffer.size();
    buffer.consume(buffer.size());
    read_rest();
  });
  io_.run_for(15s);
  EXPECT_FALSE(read_error_) << read_error_.message();
  EXPECT_EQ(head.get().result_int(), 200);
  EXPECT_EQ(head.get()[http::field::content_type], "application/json");
  EXPECT_TRUE(head.get().chunked()) << "the head is not the one a GET gets";
  EXPECT_EQ(end, boost::asio::error::eof) << "the reply did not end: " << end.message();
  EXPECT_EQ(after_head, 0u) << "a HEAD reply carried a body";
  EXPECT_NE(access_log_text().find(R"("status":200)"), std::string::npos) << access_log_text();
}

}  // namespace
}  // namespace tinkr::server
