// A tinkr_sink that copies everything it receives, for assertions; and a scripted Transport.
#pragma once

#include "common/query_context.hpp"

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/records.hpp>

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tinkr::azure::testing {

struct RecordedLog {
  int64_t time_ns;
  int32_t severity;
  std::string severity_text, body, service, trace_id, span_id, attributes;
  int64_t item_count;
};
struct RecordedSeries {
  std::string metric, native, aggregation, unit, service, dimensions;
  int64_t interval_ns;
  std::vector<tinkr_metric_point> points;
};
struct RecordedSpan {
  std::string trace_id, span_id, parent, service, name, kind, status_code, attributes, events;
  int64_t start_ns, duration_ns;
  int32_t status;
  uint32_t flags;
};
struct RecordedSummary {
  std::string trace_id, service, name, status_code;
  int64_t start_ns, duration_ns;
  int32_t status;
};

class RecordingSink {
 public:
  RecordingSink();
  sdk::Sink& sink() { return sink_; }

  std::vector<RecordedLog> logs;
  std::vector<RecordedSeries> series;
  std::vector<RecordedSpan> spans;
  std::vector<RecordedSummary> summaries;
  std::vector<std::vector<std::string>> table_columns;        // "name:type"
  std::vector<std::vector<std::optional<std::string>>> rows;  // every table's rows
  std::vector<std::string> warnings;
  std::size_t stop_after = SIZE_MAX;  // records accepted before stopping

 private:
  int32_t accept();
  static RecordingSink& self(void* ctx) { return *static_cast<RecordingSink*>(ctx); }
  std::size_t accepted_ = 0;
  tinkr_sink raw_{};
  sdk::Sink sink_;
};

/// An answer served from memory: its head at once, a success's body in pieces of piece_size bytes.
/// Each piece handed out is counted in *pieces (when set); before_piece(i), when set, runs before the
/// i-th piece is handed out and may throw, as a transfer cut short does.
class PiecedAnswer final : public Answer {
 public:
  PiecedAnswer(sdk::HttpResponse response, std::size_t piece_size, std::size_t* pieces = nullptr);
  const sdk::HttpResponse& head() override { return head_; }
  std::string_view next_piece() override;

  std::function<void(std::size_t index)> before_piece;

 private:
  sdk::HttpResponse head_;
  std::string body_;
  std::size_t piece_size_;
  std::size_t* pieces_;
  std::size_t at_ = 0;
  std::size_t handed_ = 0;
};

/// Answers plans from a script, in order, and records the plans it was sent. A 2xx body is handed
/// over in pieces of piece_size bytes, as the host's client would, so that every decoder meets tokens
/// cut at piece boundaries.
class ScriptedTransport : public Transport {
 public:
  void respond(int status, std::string body, std::vector<sdk::HttpHeader> headers = {}) {
    script_.push_back({status, std::move(headers), std::move(body)});
  }
  std::unique_ptr<Answer> open(const RequestPlan& plan, const sdk::CallContext& call) override;
  std::vector<RequestPlan> sent;
  std::size_t piece_size = 7;
  std::size_t pieces_sent = 0;  // pieces handed out, all answers together

 private:
  std::deque<sdk::HttpResponse> script_;
};

/// A CallContext without a host: never cancelled, no deadline.
inline sdk::CallContext no_call() {
  return sdk::CallContext(nullptr, nullptr);
}

/// The text of a file under TINKR_VECTORS_DIR/azure/.
std::string read_vector(const std::string& relative);

/// The Log Analytics answers among the vectors ("log-analytics/query.*.response.json"), as paths
/// for read_vector.
std::vector<std::string> log_analytics_answer_vectors();

/// The sdk::Error that run throws; fails the test (and returns an internal error) when it throws none.
sdk::Error error_of(const std::function<void()>& run);

}  // namespace tinkr::azure::testing
