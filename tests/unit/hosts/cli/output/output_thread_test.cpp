// The output thread (output/output_thread.hpp): what it writes comes out exactly as the same calls
// made directly would, in order, whatever the hand-overs and drains in between; a writer that throws
// stops the writing and the failure reaches the caller; nothing handed over is lost at the end.
#include "output/output_thread.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <thread>

namespace tinkr::cli {
namespace {

LogRecord log_record(int i) {
  LogRecord r;
  r.time_ns = 1'700'000'000'000'000'000 + i;
  r.body = "message " + std::to_string(i);
  r.service = "payments-api";
  return r;
}

// Nulls, empty strings and texts of changing lengths, so that a reused cell must forget the row before.
std::vector<std::optional<std::string>> row(int i) {
  std::optional<std::string> text;
  if (i % 3 != 0) text = "cell \"" + std::string(static_cast<std::size_t>(i % 40), 'x') + "\"";
  std::optional<std::string> empty_or_null = i % 5 == 0 ? std::nullopt : std::optional<std::string>("");
  return {std::to_string(i), text, empty_or_null};
}

// The row as the engine hands it over: views.
std::vector<std::optional<std::string_view>> views(const std::vector<std::optional<std::string>>& cells) {
  std::vector<std::optional<std::string_view>> out;
  for (const auto& cell : cells) out.push_back(cell ? std::optional<std::string_view>(*cell) : std::nullopt);
  return out;
}

// Row i, through the writer when there is one, else to the output directly.
void put_row(OutputFormat& output, OutputThread* writer, int i) {
  if (writer)
    writer->table_row(views(row(i)));
  else
    output.table_row(row(i));
}

const std::vector<Column> kColumns = {{"n", "long"}, {"text", "string"}, {"maybe", "string"}};

// The same calls, to an output used directly and through an OutputThread.
template <typename Feed>
void expect_same_output(Format format, Feed feed) {
  std::ostringstream direct_text;
  auto direct = make_output(format, direct_text);
  feed(*direct, nullptr);
  direct->finish();

  std::ostringstream threaded_text;
  auto threaded = make_output(format, threaded_text);
  {
    OutputThread writer(*threaded);
    feed(*threaded, &writer);
    writer.drain();
    writer.rethrow_failure();
  }
  threaded->finish();
  EXPECT_FALSE(direct_text.str().empty());
  EXPECT_EQ(threaded_text.str(), direct_text.str());
}

TEST(OutputThread, RowsComeOutInOrderAsTheyWouldDirectly) {
  for (Format format : {Format::ndjson, Format::json, Format::csv, Format::table}) {
    SCOPED_TRACE(static_cast<int>(format));
    expect_same_output(format, [](OutputFormat& output, OutputThread* writer) {
      output.table_begin("AppTraces", kColumns);
      // More rows than a few batches, so that the queue fills and the producer waits.
      for (int i = 0; i < 5000; ++i) put_row(output, writer, i);
    });
  }
}

TEST(OutputThread, RecordsAndDirectWritesKeepTheirOrderAcrossDrains) {
  expect_same_output(Format::ndjson, [](OutputFormat& output, OutputThread* writer) {
    for (int i = 0; i < 700; ++i) {
      if (writer)
        writer->record(log_record(i));
      else
        output.record(log_record(i));
    }
    // A second table after records: whoever writes directly drains first.
    if (writer) writer->drain();
    output.table_begin("second", kColumns);
    for (int i = 0; i < 300; ++i) put_row(output, writer, i);
  });
}

// Every member set, text of changing lengths (empty ones too), so that a view pointed at the wrong
// piece of a batch's text shows.
LogRecord full_log_record(int i) {
  LogRecord r = log_record(i);
  r.severity_number = 1 + i % 24;
  r.severity_text = i % 4 == 0 ? "" : "Level" + std::to_string(i % 4);
  r.body = std::string(static_cast<std::size_t>(i % 300), 'b') + " \"quoted\" " + std::to_string(i);
  r.trace_id = i % 2 == 0 ? "" : "0af7651916cd43dd8448eb211c80319c";
  r.span_id = i % 3 == 0 ? "" : "b7ad6b7169203331";
  r.attributes_json = i % 5 == 0 ? "" : R"({"n":)" + std::to_string(i) + "}";
  r.item_count = 1 + i % 3;
  return r;
}

// The engine hands log records over as views (ResultSink::on_log_record_view): packed into a batch and
// written on the writer's thread, they print exactly as the kept records would, in every format.
TEST(OutputThread, LogRecordViewsComeOutAsTheKeptRecordsWould) {
  for (Format format : {Format::ndjson, Format::json, Format::csv, Format::table}) {
    SCOPED_TRACE(static_cast<int>(format));
    expect_same_output(format, [](OutputFormat& output, OutputThread* writer) {
      for (int i = 0; i < 3000; ++i) {
        const LogRecord record = full_log_record(i);
        if (!writer)
          output.record(record);
        else if (i % 7 == 0)
          writer->record(LogRecord(record));  // kept records and views, mixed in one batch
        else
          writer->log_record(view_of(record));
      }
    });
  }
}

TEST(OutputThread, TheEndWritesWhatIsStillQueued) {
  std::ostringstream text;
  auto output = make_output(Format::ndjson, text);
  {
    OutputThread writer(*output);
    for (int i = 0; i < 1000; ++i) writer.record(log_record(i));
  }  // no drain: the destructor writes the rest
  output->finish();
  std::istringstream lines(text.str());
  int count = 0;
  for (std::string line; std::getline(lines, line);) ++count;
  EXPECT_EQ(count, 1000);
}

// Throws on the row numbered `fail_at`; counts the rows written.
class FailingOutput final : public OutputFormat {
 public:
  explicit FailingOutput(int fail_at) : fail_at_(fail_at) {}
  void record(const Record&) override {}
  void table_begin(const std::string&, const std::vector<Column>&) override {}
  void table_row(const std::vector<std::optional<std::string>>& cells) override {
    if (cells.at(0) == std::to_string(fail_at_)) throw std::runtime_error("disk full");
    ++written;
    writer_thread = std::this_thread::get_id();
  }
  void finish() override {}
  int written = 0;
  std::thread::id writer_thread;

 private:
  int fail_at_;
};

TEST(OutputThread, AFailureStopsTheWritingAndReachesTheCaller) {
  FailingOutput output(600);
  OutputThread writer(output);
  for (int i = 0; i < 2000; ++i) writer.table_row(views(row(i)));
  writer.drain();  // never throws: it runs inside a query's callbacks
  EXPECT_THROW(
      {
        try {
          writer.rethrow_failure();
        } catch (const std::runtime_error& error) {
          EXPECT_STREQ(error.what(), "disk full");
          throw;
        }
      },
      std::runtime_error);
  EXPECT_EQ(output.written, 600);  // rows 0..599; nothing after the failure
  EXPECT_NE(output.writer_thread, std::this_thread::get_id());
  EXPECT_NO_THROW(writer.rethrow_failure());  // reported once
}

}  // namespace
}  // namespace tinkr::cli
