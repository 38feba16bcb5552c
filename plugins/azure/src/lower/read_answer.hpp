// Sending a Log Analytics request and decoding its answer while it arrives. The request runs on a
// helper thread, which pushes the body into a BodyPipe as the host's client receives it; the calling
// thread parses the pipe and feeds the consumer, so records reach the sink before the last byte has
// arrived, and from the thread that called execute, as the ABI requires.
#pragma once

#include "common/query_context.hpp"
#include "decode/table_reader.hpp"

#include <memory>
#include <string_view>

namespace tinkr::azure {

/// One Log Analytics request in flight: its transfer starts on construction, on a thread of its own
/// that pushes the body into a bounded pipe (1 MiB), so a request started ahead of its turn (a slice,
/// lower/sliced_logs.hpp) holds at most that much until read() decodes it. Destroying it unread ends
/// the transfer. read() may be called once; it throws as read_answer does.
class PendingAnswer {
 public:
  PendingAnswer(Transport& transport, RequestPlan plan, const sdk::CallContext& call,
                std::string_view service);
  ~PendingAnswer();
  PendingAnswer(const PendingAnswer&) = delete;
  PendingAnswer& operator=(const PendingAnswer&) = delete;

  decode::ReadResult read(decode::RowConsumer& consumer);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Sends plan and streams the answer's rows to consumer. Returns read_tables' result (stopped when
/// the consumer stopped, which also ends the transfer). Throws, in this order of precedence: the
/// transport's sdk::Error when the transfer failed by itself (connection, timeout, cancellation),
/// since a cut body explains any parse error after it; decode::azure_error for a non-2xx answer
/// (`service` names the upstream in its message); read_tables' error for a malformed answer; and
/// whatever the consumer threw.
decode::ReadResult read_answer(Transport& transport, const RequestPlan& plan, const sdk::CallContext& call,
                               decode::RowConsumer& consumer, std::string_view service);

}  // namespace tinkr::azure
