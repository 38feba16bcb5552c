// tinkr-server lets go: HEAD replies without a body, a client that leaves cancels its query, time in
// the queue counts toward the query timeout, a 4xx closes the connection, idle sockets cannot exhaust
// the connection cap, the workers run below the I/O threads' priority, and configs the server cannot
// use are refused before it starts.
#include "process.hpp"
#include "server_fixture.hpp"

#include <rapidjson/document.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <map>
#include <sstream>
#include <thread>

namespace tinkr::testing {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using std::chrono::seconds;

// A raw client connection, for what host::http_call hides: keep-alive, HEAD, leaving early.
class RawClient {
 public:
  explicit RawClient(uint16_t port) : socket_(io_) {
    socket_.connect({net::ip::make_address("127.0.0.1"), port});
    // Each send() leaves at once, as a browser's or Node's writes do, not held back by Nagle's algorithm.
    socket_.set_option(tcp::no_delay(true));
  }

  void send(const std::string& bytes) { net::write(socket_, net::buffer(bytes)); }

  http::response<http::string_body> read_response(bool head_request = false) {
    http::response_parser<http::string_body> parser;
    parser.skip(head_request);  // a reply to HEAD has no body, whatever its Content-Length says
    http::read(socket_, buffer_, parser);
    return parser.release();
  }

  /// Whether the server closes the connection within `limit` (reading and dropping what it sends).
  bool closed_within(std::chrono::steady_clock::duration limit) {
    bool closed = false;
    std::function<void()> read_more = [&] {
      socket_.async_read_some(net::buffer(scratch_), [&](boost::system::error_code ec, std::size_t) {
        if (ec) {
          closed = true;
          return;
        }
        read_more();
      });
    };
    if (buffer_.size() > 0) buffer_.consume(buffer_.size());
    read_more();
    io_.run_for(limit);
    if (!closed) {
      socket_.cancel();
      io_.run();  // finishes the cancelled read
    }
    io_.restart();
    return closed;
  }

  void close() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  net::io_context io_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::array<char, 4096> scratch_{};
};

std::string request(const std::string& method, const std::string& target, const std::string& body = "",
                    const std::string& key = kViewerKey) {
  std::string text = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  if (!key.empty()) text += "Authorization: Bearer " + key + "\r\n";
  if (!body.empty())
    text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  return text + "\r\n" + body;
}

template <typename Condition>
bool wait_until(Condition condition, std::chrono::steady_clock::duration limit = seconds(10)) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::yield();
  }
  return true;
}

using ServerLimitsTest = ServerFixture;

TEST_F(ServerLimitsTest, HeadRepliesCarryNoBodyAndTheConnectionStaysUsable) {
  for (const char* target : {"/healthz", "/readyz", "/openapi.json", "/api/v1/backends"}) {
    RawClient client(port_);
    client.send(request("HEAD", target));
    auto head = client.read_response(true);
    EXPECT_EQ(head.result_int(), 200) << target;
    EXPECT_NE(head[http::field::content_length], "0") << target << ": the length GET would send";
    // Had a body followed the head, this GET's reply would be read from the middle of it.
    client.send(request("GET", target));
    auto get = client.read_response();
    EXPECT_EQ(get.result_int(), 200) << target;
    EXPECT_EQ(std::to_string(get.body().size()), head[http::field::content_length]) << target;
    EXPECT_EQ(get.body().front(), '{') << target << ": " << get.body().substr(0, 100);
  }
}

TEST_F(ServerLimitsTest, AClientThatLeavesCancelsItsQuery) {
  {
    RawClient client(port_);
    client.send(request("POST", "/api/v1/logs", R"({"service":"stall-60000"})"));
    ASSERT_TRUE(wait_until([&] { return server_->queries_in_flight() == 1; })) << "the query never started";
    client.close();
  }
  EXPECT_TRUE(wait_until([&] { return server_->queries_in_flight() == 0; }))
      << "the query still runs for a client that left";
  stop_server();  // returns at once: nothing is left to finish
  const std::string log = access_log_.str();
  EXPECT_NE(log.find(R"("status":499)"), std::string::npos) << "the departure is logged: " << log;
  EXPECT_EQ(log.find(R"("status":504)"), std::string::npos) << log;
}

// Node 18's fetch writes a request's head and body in two segments. The second segment's readiness can
// reach the server after it has read both, while the query runs: that wakeup must not be taken for a
// departure (it was: the connection closed with 499 under the official MCP client on Debian 12).
TEST_F(ServerLimitsTest, ARequestWrittenInTwoPiecesKeepsItsConnection) {
  RawClient client(port_);
  const std::string body = R"({"service":"payments-api","limit":1})";
  const std::string whole = request("POST", "/api/v1/logs", body);
  const std::string head = whole.substr(0, whole.size() - body.size());
  for (int i = 0; i < 1000; ++i) {
    client.send(head);
    client.send(body);
    http::response<http::string_body> reply;
    ASSERT_NO_THROW(reply = client.read_response())
        << "request " << i << ": the server closed the connection";
    ASSERT_EQ(reply.result_int(), 200) << "request " << i << ": " << reply.body();
  }
  stop_server();
  EXPECT_EQ(access_log_.str().find(R"("status":499)"), std::string::npos) << access_log_.str();
}

TEST_F(ServerLimitsTest, TimeWaitingForAWorkerCountsTowardTheQueryTimeout) {
  stop_server();
  config::ServerSettings settings;
  settings.worker_threads = 1;
  settings.max_concurrent_queries = 4;
  settings.query_timeout_ms = 1000;
  start_server(settings);
  auto first = std::async(std::launch::async,
                          [this] { return call("POST", "/api/v1/logs", R"({"service":"stall-800"})"); });
  ASSERT_TRUE(wait_until([&] { return server_->queries_in_flight() == 1; }));
  auto second = call("POST", "/api/v1/logs", R"({"service":"stall-800"})");
  // The one worker takes one query and runs it in 800 ms; the other, queued behind it, has about 200 ms
  // of its 1000 left when the worker takes it: too little for 800 ms of work. Timed from the worker, it
  // would have had the whole second. Which of the two runs first is the server's choice (being admitted
  // first does not mean being handed to the worker first), so the statuses are compared as a pair.
  std::vector<int> statuses = {first.get().status, second.status};
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{200, 504})) << second.body;
}

// Each thread of this process and its nice value, read from /proc (field 19 of a task's stat).
std::map<pid_t, int> nice_of_threads() {
  std::map<pid_t, int> nice;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    std::ifstream file(task.path() / "stat");
    const std::string stat{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    // After the command name's closing parenthesis come field 3 (the state) onwards.
    std::istringstream rest(stat.substr(stat.rfind(')') + 2));
    const std::vector<std::string> fields{std::istream_iterator<std::string>(rest), {}};
    if (fields.size() > 16)
      nice[static_cast<pid_t>(std::stol(task.path().filename()))] = std::stoi(fields[16]);
  }
  return nice;
}

TEST_F(ServerLimitsTest, WorkersRunBelowTheIoThreadsPriority) {
  const int own = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  if (own > 12) GTEST_SKIP() << "the tests run at nice " << own << ": too near 19 to tell a worker apart";
  const auto threads_at = [](int nice) {
    const auto all = nice_of_threads();
    return std::count_if(all.begin(), all.end(),
                         [nice](const auto& thread) { return thread.second == nice; });
  };
  stop_server();
  config::ServerSettings settings;
  settings.worker_threads = 1;
  settings.worker_nice = 7;
  start_server(settings);  // two I/O threads
  const auto before = threads_at(own + 7);
  EXPECT_EQ(call("POST", "/api/v1/logs", R"({"service":"payments-api"})").status, 200);
  EXPECT_EQ(threads_at(own + 7), before + 1) << "the one worker, which ran the query, and no I/O thread";
  EXPECT_EQ(nice_of_threads().at(gettid()), own) << "the thread that started the server keeps its own";

  stop_server();
  settings.worker_nice = 0;
  start_server(settings);
  const auto unchanged = threads_at(own);
  EXPECT_EQ(call("POST", "/api/v1/logs", R"({"service":"payments-api"})").status, 200);
  EXPECT_EQ(threads_at(own), unchanged) << "worker_nice = 0 leaves the worker as it was";
}

TEST_F(ServerLimitsTest, AClientErrorClosesTheConnectionAtOnce) {
  stop_server();
  config::ServerSettings settings;
  settings.header_timeout_ms = 30'000;
  settings.idle_timeout_ms = 30'000;
  start_server(settings);
  RawClient not_found(port_);
  not_found.send(request("GET", "/api/v1/nothing"));
  auto reply = not_found.read_response();
  EXPECT_EQ(reply.result_int(), 404);
  EXPECT_FALSE(reply.keep_alive()) << "the reply says Connection: close";
  EXPECT_TRUE(not_found.closed_within(seconds(5))) << "closed now, not after the idle timeout";

  RawClient malformed(port_);
  malformed.send("NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(malformed.read_response().result_int(), 400);
  EXPECT_TRUE(malformed.closed_within(seconds(5))) << "closed now, not after the header timeout";

  EXPECT_EQ(call("GET", "/healthz", "", "").status, 200) << "a 200 is unaffected";
}

TEST_F(ServerLimitsTest, IdleConnectionsBeyondTheCapMakeRoomAndHealthzAnswers) {
  stop_server();
  config::ServerSettings settings;
  settings.max_connections = 20;
  start_server(settings);
  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 40; ++i) idle.push_back(std::make_unique<RawClient>(port_));
  auto health = call("GET", "/healthz", "", "");
  EXPECT_EQ(health.status, 200) << "a new connection still gets an answer";
  // Each connection past the cap closed the longest-idle one: the first 21 went.
  for (int i = 0; i < 21; ++i) EXPECT_TRUE(idle[i]->closed_within(seconds(10))) << "idle connection " << i;
  EXPECT_TRUE(wait_until([&] { return server_->connections_open() <= 20; }))
      << server_->connections_open() << " connections open";
  RawClient last(port_);
  last.send(request("GET", "/healthz", "", ""));
  EXPECT_EQ(last.read_response().result_int(), 200);
}

TEST_F(ServerLimitsTest, EveryConnectionBusyAtTheCapGets503) {
  stop_server();
  config::ServerSettings settings;
  settings.max_connections = 1;
  start_server(settings);
  auto slow = std::async(std::launch::async,
                         [this] { return call("POST", "/api/v1/logs", R"({"service":"stall-1500"})"); });
  ASSERT_TRUE(wait_until([&] { return server_->queries_in_flight() == 1; }));
  auto refused = call("GET", "/healthz", "", "");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(refused.headers["retry-after"], "1");
  EXPECT_EQ(slow.get().status, 200) << "the busy connection is never cut";
}

TEST_F(ServerLimitsTest, OversizedListsAre400AndServerFaultsNameNoFile) {
  std::string names = "\"m0\"";
  for (int i = 1; i < 100'000; ++i) names += ",\"m" + std::to_string(i) + "\"";
  auto metrics = call("POST", "/api/v1/metrics", R"({"service":"a","metrics":{"names":[)" + names + "]}}");
  EXPECT_EQ(metrics.status, 400) << metrics.body.substr(0, 300);
  EXPECT_NE(metrics.body.find("a metrics query names 100000 metrics; at most 100"), std::string::npos)
      << metrics.body.substr(0, 300);
  // The mock's messages stand for a database path: a 500 keeps the code and leaves the text to the log.
  for (const char* service : {"fail-internal", "fail-config"}) {
    auto fault = call("POST", "/api/v1/logs", std::string(R"({"service":")") + service + "\"}");
    EXPECT_EQ(fault.status, 500) << service;
    EXPECT_EQ(fault.body.find("mock failure"), std::string::npos) << fault.body;
    EXPECT_NE(fault.body.find("the server's log has the details"), std::string::npos) << fault.body;
  }
}

// tinkr-server with a config file: refused before it listens, with the config's message, never a crash.
ProcessResult serve_with_config(const TempDir& home, const std::string& name, const std::string& text) {
  const std::string path = home.write(name, text);
  return run_process(
      TINKR_SERVER_PATH, {"--config", path, "--port", "0"},
      {{"HOME", home.path()}, {"TINKR_BACKEND", "mock"}, {"TINKR_PLUGIN_PATH", TINKR_PLUGIN_DIR}});
}

TEST(ServerBinaryConfig, UnusableConfigsAreRefusedWithTheirReason) {
  TempDir home;
  auto alias = serve_with_config(home, "alias.yaml", "profiles: &p\n  local: *p\n");
  EXPECT_EQ(alias.exit_code, 12) << alias.err;
  EXPECT_NE(alias.err.find("YAML aliases"), std::string::npos) << alias.err;

  auto timeout = serve_with_config(home, "timeout.toml", "[server]\nheader_timeout_ms = 9223372036854775\n");
  EXPECT_EQ(timeout.exit_code, 12) << timeout.err;
  EXPECT_NE(timeout.err.find("'header_timeout_ms' must be an integer from 1 to 3600000"), std::string::npos)
      << timeout.err;

  const std::string hash = server::sha256_hex("shared-key");
  auto same_hash = serve_with_config(home, "keys.toml",
                                     "[auth]\napi_keys = [\n  { hash = \"" + hash +
                                         "\", subject = \"vera\", roles = [\"viewer\"] },\n  { hash = \"" +
                                         hash + "\", subject = \"lead\", roles = [\"sre-lead\"] },\n]\n");
  EXPECT_EQ(same_hash.exit_code, 12) << same_hash.err;
  EXPECT_NE(same_hash.err.find("'hash' is the same as auth.api_keys[0]'s"), std::string::npos)
      << same_hash.err;
}

}  // namespace
}  // namespace tinkr::testing
