// Fuzz target: Log Analytics query answers ({"tables": [...], "error": {...}}), the body the Azure
// plugin reads while it arrives. The first byte picks the reader (each log table's mapping, native
// rows, trace search, a whole trace assembled into spans); the second the size of the pieces the body
// comes in, since the streaming decoder must give the same answer however the body is cut.
#include "checking_sink.hpp"
#include "decode/log_records.hpp"
#include "decode/native_rows.hpp"
#include "decode/table_reader.hpp"
#include "kql/tables.hpp"
#include "traces/span_tree.hpp"
#include "traces/trace_rows.hpp"

#include <tinkr/sdk/error.hpp>
#include <tinkr/sdk/records.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace tinkr;
using namespace tinkr::azure;

class Pieces final : public PieceSource {
 public:
  Pieces(std::string_view body, std::size_t size) : body_(body), size_(std::max<std::size_t>(size, 1)) {}
  std::string_view next_piece() override {
    const auto piece = body_.substr(0, size_);
    body_.remove_prefix(piece.size());
    return piece;
  }

 private:
  std::string_view body_;
  std::size_t size_;
};

void read(std::uint8_t reader, std::string_view body, std::size_t piece_size) {
  fuzz::CheckingSink checking;
  sdk::Sink sink(checking.raw());
  Pieces pieces(body, piece_size);
  const auto tables = kql::all_tables();
  const std::size_t choice = reader % (tables.size() + 3);
  if (choice < tables.size()) {
    decode::LogRecordConsumer consumer(tables[choice], "fixed-service", sink);
    decode::read_tables(pieces, consumer);
  } else if (choice == tables.size()) {
    decode::NativeRowConsumer consumer(sink);
    decode::read_tables(pieces, consumer);
  } else if (choice == tables.size() + 1) {
    traces::TraceSummaryConsumer consumer("", sink);
    decode::read_tables(pieces, consumer);
  } else {
    traces::TraceRowCollector collector;
    decode::read_tables(pieces, collector);
    for (const auto& span : traces::assemble_trace("0123456789abcdef0123456789abcdef", collector.rows))
      sink.emit(span.view());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 2, size - 2);
  try {
    read(data[0], body, data[1] == 0 ? body.size() + 1 : data[1]);
  } catch (const sdk::Error&) {
    // A malformed answer is an error with a message: that is the expected way out.
  }
  return 0;
}
