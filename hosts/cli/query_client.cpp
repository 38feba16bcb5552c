// The local and remote query clients.
#include "query_client.hpp"

#include "common/error_json.hpp"
#include "common/query_request.hpp"
#include "common/result_json.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace tinkr::cli {

Expected<RunStats> LocalClient::run(const QuerySpec& spec, ResultSink& sink, const RunOptions& options,
                                    host::RecordLineSink* /*record_lines*/) {
  auto query = engine_.build(spec);
  if (!query) return Unexpected(query.error());
  return engine_.run(*query, sink, options);
}

Expected<Explanation> LocalClient::explain(const QuerySpec& spec) {
  auto query = engine_.build(spec);
  if (!query) return Unexpected(query.error());
  return engine_.explain(*query);
}

std::string encode_path_segment(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

host::HttpCall RemoteClient::call_for(const QuerySpec& spec, bool explain) const {
  host::HttpCall call;
  call.bearer_token = token_;
  if (spec.signal == ir::Signal::schema) {
    call.method = "GET";
    call.target = "/api/v1/schema/" + encode_path_segment(spec.text) + (explain ? "?explain=true" : "");
    return call;
  }
  if (spec.signal == ir::Signal::trace_get) {
    call.method = "GET";
    call.target = "/api/v1/traces/" + encode_path_segment(spec.trace_id);
    // The window searched goes as the query string (a GET has no body): --since, or --from/--to.
    std::string query;
    const auto add = [&query](std::string_view key, std::string_view value) {
      if (value.empty()) return;
      query.append(query.empty() ? "" : "&").append(key).append("=").append(encode_path_segment(value));
    };
    add("since", spec.since);
    add("from", spec.from);
    add("to", spec.to);
    if (explain) add("explain", "true");
    if (!query.empty()) call.target += "?" + query;
    return call;
  }
  call.method = "POST";
  switch (spec.signal) {
    case ir::Signal::metrics:
      call.target = "/api/v1/metrics";
      break;
    case ir::Signal::trace_search:
      call.target = "/api/v1/traces";
      break;
    case ir::Signal::native:
      call.target = "/api/v1/query";
      break;
    default:
      call.target = "/api/v1/logs";
      break;
  }
  call.body = host::request_to_json(spec, explain);
  // The fixed routes ignore the body's "signal"; only /api/v1/query reads it.
  return call;
}

Expected<RunStats> RemoteClient::run(const QuerySpec& spec, ResultSink& sink, const RunOptions& options,
                                     host::RecordLineSink* record_lines) {
  host::HttpCall call = call_for(spec, false);
  call.accept = "application/x-ndjson";
  if (options.timeout.count() > 0) call.timeout = options.timeout;
  host::NdjsonReplayer replayer(sink, record_lines);
  std::string pending;
  std::optional<Error> failure;
  auto reply = host::http_call(endpoint_, call, [&](std::string_view piece) {
    pending.append(piece);
    std::size_t start = 0;
    for (std::size_t end; (end = pending.find('\n', start)) != std::string::npos; start = end + 1) {
      auto fed = replayer.feed(std::string_view(pending).substr(start, end - start));
      if (!fed) {
        failure = fed.error();
        return false;
      }
    }
    pending.erase(0, start);
    return !(options.cancel && options.cancel->cancelled());
  });
  if (!reply) return Unexpected(reply.error());
  if (reply->status >= 400) return Unexpected(host::error_from_reply(reply->status, reply->body));
  if (failure) return Unexpected(*failure);
  if (!pending.empty())
    if (auto fed = replayer.feed(pending); !fed) return Unexpected(fed.error());
  if (options.cancel && options.cancel->cancelled()) return fail(Error::Code::cancelled, "query cancelled");
  if (!replayer.finished())
    return fail(Error::Code::upstream_unavailable, "tinkr-server: the reply ended before its last line",
                Error::Source::upstream);
  return replayer.stats();
}

Expected<Explanation> RemoteClient::explain(const QuerySpec& spec) {
  auto reply = host::http_call(endpoint_, call_for(spec, true));
  if (!reply) return Unexpected(reply.error());
  if (reply->status >= 400) return Unexpected(host::error_from_reply(reply->status, reply->body));
  return host::explanation_from_json(reply->body);
}

Expected<std::string> RemoteClient::get(const std::string& target) {
  host::HttpCall call;
  call.target = target;
  return fetch(std::move(call));
}

Expected<std::string> RemoteClient::post(const std::string& target, std::string body) {
  host::HttpCall call;
  call.method = "POST";
  call.target = target;
  call.body = std::move(body);
  return fetch(std::move(call));
}

Expected<std::string> RemoteClient::fetch(host::HttpCall call) {
  call.bearer_token = token_;
  auto reply = host::http_call(endpoint_, call);
  if (!reply) return Unexpected(reply.error());
  if (reply->status >= 400) return Unexpected(host::error_from_reply(reply->status, reply->body));
  return reply->body;
}

}  // namespace tinkr::cli
