// read_answer: the answer's head, then its body decoded as it is pulled (see read_answer.hpp).
#include "lower/read_answer.hpp"

#include "decode/azure_error.hpp"

#include <tinkr/sdk/error.hpp>

#include <exception>
#include <string>

namespace tinkr::azure {

namespace {

// Counts the bytes the decoder is handed (inflated), for the query's statistics, and remembers whether
// reading the body failed (rather than decoding it).
class CountedBody final : public PieceSource {
 public:
  explicit CountedBody(PieceSource& source) : source_(source) {}
  std::string_view next_piece() override {
    try {
      const std::string_view piece = source_.next_piece();
      bytes_ += piece.size();
      return piece;
    } catch (...) {
      failed_ = true;
      throw;
    }
  }
  uint64_t bytes() const { return bytes_; }
  bool failed() const { return failed_; }

 private:
  PieceSource& source_;
  uint64_t bytes_ = 0;
  bool failed_ = false;
};

}  // namespace

decode::ReadResult read_answer(Answer& answer, decode::RowConsumer& consumer, std::string_view api) {
  const sdk::HttpResponse& head = answer.head();
  if (!decode::is_success(head.status)) throw decode::azure_error(head, api);
  CountedBody body(answer);
  decode::ReadResult result;
  try {
    result = decode::read_tables(body, consumer);
  } catch (const sdk::Error& e) {
    // Bad data from upstream: read on to the body's end, since the transfer's own error, when it has
    // one, names the cause better than the parse error it led to (a garbled gzip body inflates into
    // bad JSON before its checksum fails, a cut body ends in the middle of a token).
    if (e.status() != TINKR_UPSTREAM_UNAVAILABLE || body.failed()) throw;
    const std::exception_ptr parse_error = std::current_exception();
    while (!body.next_piece().empty()) {
    }
    std::rethrow_exception(parse_error);
  }
  result.bytes = body.bytes();
  result.age = std::string(head.header("Age"));
  return result;
}

decode::ReadResult read_answer(Transport& transport, const RequestPlan& plan, const sdk::CallContext& call,
                               decode::RowConsumer& consumer, std::string_view api) {
  const auto answer = transport.open(plan, call);
  return read_answer(*answer, consumer, api);
}

}  // namespace tinkr::azure
