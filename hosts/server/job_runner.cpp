// Plugin calls for the routes, on the worker pool.
#include "job_runner.hpp"

#include "common/critical_path_json.hpp"
#include "common/json_reply_writer.hpp"
#include "common/record_json.hpp"
#include "common/result_json.hpp"
#include "mcp_route.hpp"

#include <rapidjson/document.h>

namespace tinkr::server {
namespace {

constexpr std::size_t kChunkBytes = 32 * 1024;
// A JSON reply up to this size is sent whole; a bigger one in chunks (docs/server.md).
constexpr std::size_t kJsonWholeBytes = 1 << 20;
constexpr auto kChunkDelay = std::chrono::milliseconds(50);

// Writes NDJSON lines straight into the chunk being filled and hands it on: by size, or when records
// trickle in slowly. A table streams as its head line, then a line per row, so that memory does not
// grow with it.
class StreamingSink final : public ResultSink {
 public:
  explicit StreamingSink(JobOutput& output) : output_(output), writer_(chunk_) {}

  bool on_record(Record&& record) override { return write_line(record); }
  bool on_log_record_view(const LogRecordView& record) override { return write_line(record); }
  bool on_table_begin(const std::string& name, const std::vector<Column>& columns) override {
    append(host::table_line(name, columns));
    kinds_ = host::cell_kinds(columns);
    return maybe_flush();
  }
  bool on_table_row(std::vector<std::optional<std::string>>&& cells) override {
    writer_.Reset(chunk_);
    host::write_row_line(writer_, kinds_, cells);
    chunk_.Put('\n');
    return maybe_flush();
  }
  void on_warning(const std::string& message) override { append(host::warning_line(message)); }

  // Whether any line was produced: once one was, a failure is told by the last line (the records
  // already produced are sent before it, so that the client sees a partial answer, not a bare error).
  bool has_lines() const { return started_ || chunk_.GetSize() > 0; }
  // The end: the last chunk, with the end or error line.
  void finish(const std::string& last_line) {
    append(last_line);
    output_.stream(take_chunk(), true);
  }

 private:
  template <class AnyRecord>  // Record or LogRecordView
  bool write_line(const AnyRecord& record) {
    writer_.Reset(chunk_);
    host::write_record(writer_, record);
    chunk_.Put('\n');
    return maybe_flush();
  }
  void append(const std::string& text) { host::append_raw(chunk_, text); }
  std::string take_chunk() {
    std::string chunk(chunk_.GetString(), chunk_.GetSize());
    chunk_.Clear();
    return chunk;
  }
  bool maybe_flush() {
    const auto now = std::chrono::steady_clock::now();
    if (chunk_.GetSize() < kChunkBytes && now - last_flush_ < kChunkDelay) return true;
    last_flush_ = now;
    started_ = true;
    return output_.stream(take_chunk(), false);
  }

  JobOutput& output_;
  rapidjson::StringBuffer chunk_;
  host::JsonWriter writer_;
  std::vector<host::CellKind> kinds_;  // of the table being streamed
  bool started_ = false;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
};

// A JSON reply written as the results arrive (host::JsonReplyWriter): whole, with its length and the
// status of its outcome, while it is small; in chunks once it passes kJsonWholeBytes, so that a big
// answer (a native table of a million rows) is never held whole. The spans are kept too when the reply
// names a trace's critical path.
class JsonReplySink final : public ResultSink {
 public:
  JsonReplySink(JobOutput& output, bool keep_spans) : output_(output), keep_spans_(keep_spans) {}
  bool on_log_record_view(const LogRecordView& record) override {
    writer_.record(record);
    return maybe_send();
  }
  bool on_record(Record&& record) override {
    writer_.record(record);
    if (keep_spans_)
      if (auto* span = std::get_if<Span>(&record)) spans_.push_back(std::move(*span));
    return maybe_send();
  }
  bool on_table_begin(const std::string& name, const std::vector<Column>& columns) override {
    writer_.table_begin(name, columns);
    return maybe_send();
  }
  bool on_table_row(std::vector<std::optional<std::string>>&& cells) override {
    writer_.table_row(cells);
    return maybe_send();
  }

  void finish(const Job& job, const Expected<RunStats>& stats) {
    if (!stats && !writer_.in_pieces())
      return output_.respond(error_response(stats.error(), job.version, job.keep_alive));
    if (!stats) {
      // The status (200) is sent: what was sent stands, and the reply ends with the error.
      output_.stream(writer_.finish_failed(as_shown_to_client(stats.error())), true);
      return;
    }
    // A trace's answer names its critical path, so that a client draws it without computing it again.
    if (job.critical_path) writer_.add_member("critical_path", host::critical_path_to_json(spans_));
    auto answer = writer_.finish(*stats);
    if (writer_.in_pieces()) {
      output_.stream(std::move(answer), true);
      return;
    }
    output_.respond(json_response(http::status::ok, std::move(answer), job.version, job.keep_alive));
  }

 private:
  bool maybe_send() {
    const std::size_t ready = writer_.ready_bytes();
    if (ready < (writer_.in_pieces() ? kChunkBytes : kJsonWholeBytes)) return true;
    return output_.stream(writer_.take_ready(), false);
  }

  JobOutput& output_;
  host::JsonReplyWriter writer_;
  bool keep_spans_;
  std::vector<Span> spans_;
};

void note_call(const Services& services, const Error* error) {
  services.metrics.record_upstream_call(services.backend.info().name,
                                        error ? std::string(to_string(error->code())) : std::string());
}

void run_health(const Job& job, const Services& services, JobOutput& output) {
  auto health = services.backend.check_health();
  note_call(services, health ? nullptr : &health.error());
  if (!health && job.health_details)
    return output.respond(error_response(health.error(), job.version, job.keep_alive));
  const bool healthy = health && health->healthy;
  std::string body = std::string(R"({"status":")") + (healthy ? "ready" : "unhealthy") + R"(","backend":")" +
                     services.backend.info().name + '"';
  if (job.health_details) {
    body +=
        std::string(R"(,"health":)") + (health->json.empty() || health->json[0] != '{' ? "{}" : health->json);
    // A failed refresh of the keys is a warning, not unreadiness: the last good keys still serve.
    if (services.api_keys_status) body += R"(,"api_keys":)" + services.api_keys_status();
  }
  output.respond(json_response(healthy ? http::status::ok : http::status::service_unavailable, body + "}",
                               job.version, job.keep_alive));
}

void run_streamed(const Job& job, const Services& services, JobOutput& output, const RunOptions& options) {
  StreamingSink sink(output);
  auto stats = services.backend.run(job.query, sink, options);
  note_call(services, stats ? nullptr : &stats.error());
  if (stats) {
    sink.finish(host::stats_line(*stats));
  } else if (sink.has_lines()) {
    sink.finish(host::error_line(as_shown_to_client(stats.error())));
  } else {
    output.respond(error_response(stats.error(), job.version, job.keep_alive));
  }
}

void run_incident(const Job& job, const Services& services, JobOutput& output, const RunOptions& options) {
  incident::QueryCalls calls;
  calls.build = [&](const QuerySpec& spec) { return services.backend.build(spec); };
  calls.explain = [&](const ir::Query& query) { return services.backend.explain(query); };
  calls.collect = [&](const ir::Query& query) {
    auto result = services.backend.collect(query, options);
    note_call(services, result ? nullptr : &result.error());
    return result;
  };
  auto report = incident::build_report(calls, *job.incident);
  if (!report) return output.respond(error_response(report.error(), job.version, job.keep_alive));
  output.respond(json_response(http::status::ok, incident::to_json(*report), job.version, job.keep_alive));
}

void run_whole(const Job& job, const Services& services, JobOutput& output, const RunOptions& options) {
  JsonReplySink sink(output, job.critical_path);
  auto stats = services.backend.run(job.query, sink, options);
  note_call(services, stats ? nullptr : &stats.error());
  sink.finish(job, stats);
}

}  // namespace

void run_job(const Job& job, const Services& services, JobOutput& output, const CancelSource& cancel,
             std::chrono::milliseconds timeout) {
  RunOptions options;
  options.cancel = cancel;
  options.timeout = timeout;
  switch (job.kind) {
    case Job::Kind::health:
      return run_health(job, services, output);
    case Job::Kind::explain: {
      auto explanation = services.backend.explain(job.query);
      note_call(services, explanation ? nullptr : &explanation.error());
      if (!explanation)
        return output.respond(error_response(explanation.error(), job.version, job.keep_alive));
      return output.respond(json_response(http::status::ok, host::explanation_to_json(*explanation),
                                          job.version, job.keep_alive));
    }
    case Job::Kind::mcp:
      return run_mcp_job(job, services, output, cancel);
    case Job::Kind::incident:
      return run_incident(job, services, output, options);
    case Job::Kind::run:
      break;
  }
  if (job.stream) return run_streamed(job, services, output, options);
  run_whole(job, services, output, options);
}

}  // namespace tinkr::server
