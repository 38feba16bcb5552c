// read_answer: the transfer on a helper thread, the decoding here (see read_answer.hpp).
#include "lower/read_answer.hpp"

#include "decode/azure_error.hpp"
#include "decode/body_pipe.hpp"

#include <tinkr/sdk/error.hpp>

#include <exception>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace tinkr::azure {

namespace {

// Whatever leaves read_answer, the helper thread has ended: the pipe is closed first so that a push
// waiting for room returns at once and the transfer stops.
class TransferThread {
 public:
  TransferThread(Transport& transport, const RequestPlan& plan, const sdk::CallContext& call,
                 decode::BodyPipe& pipe)
      : pipe_(pipe), thread_([this, &transport, &plan, call] {
          try {
            response_ = transport.send(plan, call, [this](std::string_view piece) {
              bytes_ += piece.size();
              return pipe_.push(piece);
            });
            // A host that kept a success's body instead of streaming it still gets it decoded.
            if (decode::is_success(response_->status) && !response_->body.empty()) {
              bytes_ += response_->body.size();
              pipe_.push(response_->body);
              response_->body.clear();
            }
          } catch (...) {
            failure_ = std::current_exception();
          }
          pipe_.finish();
        }) {}
  ~TransferThread() { join(); }
  TransferThread(const TransferThread&) = delete;
  TransferThread& operator=(const TransferThread&) = delete;

  void join() {
    if (!thread_.joinable()) return;
    pipe_.close();
    thread_.join();
  }
  const std::optional<sdk::HttpResponse>& response() const { return response_; }
  std::exception_ptr failure() const { return failure_; }
  /// The body's bytes so far (after join: all of them).
  uint64_t bytes() const { return bytes_; }

 private:
  decode::BodyPipe& pipe_;
  std::optional<sdk::HttpResponse> response_;
  std::exception_ptr failure_;
  uint64_t bytes_ = 0;  // written by the transfer thread only, read after join
  std::thread thread_;  // last: it starts once the members it uses exist
};

}  // namespace

struct PendingAnswer::State {
  State(Transport& transport, RequestPlan request, const sdk::CallContext& call, std::string_view source)
      : plan(std::move(request)), service(source), transfer(transport, plan, call, pipe) {}
  RequestPlan plan;
  std::string service;
  decode::BodyPipe pipe;
  TransferThread transfer;  // last: it uses the members above
};

PendingAnswer::PendingAnswer(Transport& transport, RequestPlan plan, const sdk::CallContext& call,
                             std::string_view service)
    : state_(std::make_unique<State>(transport, std::move(plan), call, service)) {}

PendingAnswer::~PendingAnswer() = default;

decode::ReadResult PendingAnswer::read(decode::RowConsumer& consumer) {
  decode::BodyPipe& pipe = state_->pipe;
  TransferThread& transfer = state_->transfer;
  decode::ReadResult result;
  std::exception_ptr read_failure;
  try {
    result = decode::read_tables(pipe, consumer);
  } catch (const sdk::Error& e) {
    read_failure = std::current_exception();
    // Bad data from upstream: let the transfer end by itself, since its error, when it has one, names
    // the cause better than the parse error it led to (a garbled gzip body inflates into bad JSON
    // before its checksum fails). Any other failure ends the transfer at once.
    if (e.status() == TINKR_UPSTREAM_UNAVAILABLE)
      while (!pipe.next_piece().empty()) {
      }
  } catch (...) {
    read_failure = std::current_exception();
  }
  // Whether the transfer ended by itself must be asked before join closes the pipe.
  const bool transfer_ended_first = pipe.finished_first();
  transfer.join();

  result.bytes = transfer.bytes();
  if (transfer.response()) result.age = std::string(transfer.response()->header("Age"));
  if (result.stopped) return result;  // the consumer stopped; the transfer's end is our doing
  if (transfer.failure() && transfer_ended_first) std::rethrow_exception(transfer.failure());
  if (transfer.response() && !decode::is_success(transfer.response()->status))
    throw decode::azure_error(*transfer.response(), state_->service);
  if (read_failure) std::rethrow_exception(read_failure);
  if (transfer.failure()) std::rethrow_exception(transfer.failure());
  return result;
}

decode::ReadResult read_answer(Transport& transport, const RequestPlan& plan, const sdk::CallContext& call,
                               decode::RowConsumer& consumer, std::string_view service) {
  return PendingAnswer(transport, plan, call, service).read(consumer);
}

}  // namespace tinkr::azure
