// Fuzz target: what one client sends tinkr-server. The bytes are read as an HTTP request by Beast's
// parser under the server's own header and body limits, then handled by route() (API key, role,
// path, JSON body, query text, IR) exactly as a session does before any plugin is called. Seeds
// carry the key "fuzz-key" (an sre-lead), so the fuzzer starts past authentication.
#include "route.hpp"

#include <tinkr/query.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace tinkr;
using namespace tinkr::server;

constexpr int64_t kNow = 1'780'000'000'000'000'000;

/// Builds the IR the way the engine does for the parts that read request text (time range, query
/// language); it never runs a query, since route() hands every plugin call to the worker pool.
class ParsingBackend final : public QueryBackend {
 public:
  Expected<ir::Query> build(const QuerySpec& spec) const override {
    ir::Query q;
    q.signal = spec.signal;
    q.service = spec.service;
    q.trace_id = spec.trace_id;
    q.metrics = spec.metrics;
    auto range = query::parse_time_range(spec.since, spec.from, spec.to, kNow);
    if (!range) return Unexpected(range.error());
    q.time = *range;
    if (spec.signal == ir::Signal::native) {
      q.native_text = spec.text;
    } else {
      auto filter = query::parse_filter(spec.text, kNow);
      if (!filter) return Unexpected(filter.error());
      q.filter = std::move(*filter);
    }
    return q;
  }
  Expected<RunStats> run(const ir::Query&, ResultSink&, const RunOptions&) override { return RunStats{}; }
  Expected<QueryResult> collect(const ir::Query&, const RunOptions&) override { return QueryResult{}; }
  Expected<Explanation> explain(const ir::Query&) override { return Explanation{}; }
  Expected<Health> check_health() override { return read_health(R"({"status":"ok"})"); }
  const BackendInfo& info() const override { return info_; }

 private:
  BackendInfo info_{"fuzz", "1.0", "1.0", "", "{}"};
};

struct Server {
  ParsingBackend backend;
  ServerMetrics metrics;
  Authenticator auth{{{sha256_hex("fuzz-key"), "fuzzer", {"sre-lead"}}}};
  Services services{backend, metrics, &auth, R"({"backends":[]})"};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static Server server;
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  parser.header_limit(16 * 1024);  // as session.cpp sets them
  parser.body_limit(config::ServerSettings{}.max_body_bytes);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    const std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec == boost::beast::http::error::need_more) ec = {};
    if (ec || n == 0) break;
    used += n;
  }
  // Beast asserts that put_eof follows at least one byte: an empty request is simply no request.
  if (!ec && !parser.is_done() && parser.got_some()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;  // the session answers 400 and closes
  (void)route(parser.get(), server.services);
  return 0;
}
