// Ingest as OpenTelemetry writes it and as a big file needs it (issue 12 item 13, issue 13 item 18):
// pretty-printed documents, bytes pulled piece by piece (a bad start fails before the rest is read),
// the same file stored once, and queries that never wait for a running ingest.
#include "test_support.hpp"

#include <future>
#include <thread>

namespace tinkr::local::testing {
namespace {

// A tinkr_reader over a function, as the host hands one to ingest_stream.
struct PullReader {
  std::function<std::size_t(char*, std::size_t)> next;
  std::size_t handed_out = 0;
  tinkr_reader raw{sizeof(tinkr_reader), this, [](void* ctx, char* buffer, uint64_t capacity) -> int64_t {
                     auto* self = static_cast<PullReader*>(ctx);
                     const std::size_t got = self->next(buffer, static_cast<std::size_t>(capacity));
                     self->handed_out += got;
                     return static_cast<int64_t>(got);
                   }};
};

std::function<std::size_t(char*, std::size_t)> bytes_of(std::string data) {
  return [data = std::move(data), at = std::size_t{0}](char* buffer, std::size_t capacity) mutable {
    const std::size_t n = std::min(capacity, data.size() - at);
    std::copy_n(data.data() + at, n, buffer);
    at += n;
    return n;
  };
}

class IngestStreamTest : public LocalTest {
 protected:
  std::string ingest_stream(PullReader& reader, const std::string& source = "stream.json") {
    return backend_->ingest_stream("otlp-json", source, sdk::Reader(&reader.raw, source),
                                   sdk::CallContext(nullptr, nullptr));
  }
};

// OpenTelemetry's own example files (opentelemetry-proto/examples/logs.json) are pretty-printed.
const char* kPrettyLogs = R"({
  "resourceLogs": [
    {
      "resource": {
        "attributes": [ { "key": "service.name", "value": { "stringValue": "my.service" } } ]
      },
      "scopeLogs": [
        {
          "logRecords": [
            {
              "timeUnixNano": "1544712660300000000",
              "severityNumber": 10,
              "severityText": "Information",
              "body": { "stringValue": "Example log record" }
            }
          ]
        }
      ]
    }
  ]
}
)";

TEST_F(IngestStreamTest, PrettyPrintedDocumentsAreStoredLikeLines) {
  PullReader reader{bytes_of(std::string(kPrettyLogs) + "\n" + kPrettyLogs)};
  EXPECT_EQ(ingest_stream(reader), R"({"logs":2,"spans":0,"metric_points":0})");
  auto out = run(logs_query("my.service"));
  ASSERT_EQ(out.logs.size(), 2u);
  EXPECT_EQ(out.logs[0].body, "Example log record");
  // The whole-buffer entry point reads the same layout.
  EXPECT_EQ(ingest(std::string(kPrettyLogs) + " ", "pretty.json"),
            R"({"logs":1,"spans":0,"metric_points":0})");
}

TEST_F(IngestStreamTest, AnErrorInAPrettyDocumentNamesItsLineAndTheCodeSaysBadData) {
  std::string bad = kPrettyLogs;
  bad.replace(bad.find("\"1544712660300000000\""), 21, "\"soon\"");
  PullReader reader{bytes_of(bad)};
  try {
    ingest_stream(reader, "logs.json");
    FAIL() << "accepted a bad time";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_INVALID_DATA);
    EXPECT_EQ(std::string(e.what()).rfind(
                  "ingest logs.json: line 1: resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano: ", 0),
              0u)
        << e.what();
  }
  PullReader cut{bytes_of(std::string(kPrettyLogs).substr(0, 120))};
  try {
    ingest_stream(cut, "logs.json");
    FAIL() << "accepted a cut document";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_INVALID_DATA);
    EXPECT_NE(std::string(e.what()).find("invalid JSON at column"), std::string::npos) << e.what();
  }
}

// A reader that would hand out 256 MB: a bad first line must fail after a buffer or two, which only
// an ingest that parses as it reads (rather than reading everything first) does.
TEST_F(IngestStreamTest, TheFileIsReadInPiecesAsItIsStored) {
  const std::string first = "{\"resourceLogs\": 12}\n";
  const std::string filler = log_line("a", R"("timeUnixNano":"1")");
  std::size_t served = 0;
  PullReader reader{[&](char* buffer, std::size_t capacity) -> std::size_t {
    if (served >= (256u << 20)) return 0;
    std::size_t n = 0;
    while (n < capacity) {
      const std::string& piece = served < first.size() ? first : filler;
      const std::size_t at = served < first.size() ? served : (served - first.size()) % filler.size();
      const std::size_t take = std::min(capacity - n, piece.size() - at);
      std::copy_n(piece.data() + at, take, buffer + n);
      n += take, served += take;
    }
    return n;
  }};
  try {
    ingest_stream(reader);
    FAIL() << "accepted a bad first line";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(std::string(e.what()), "ingest stream.json: line 1: resourceLogs: expected an array");
  }
  EXPECT_LT(reader.handed_out, std::size_t{1} << 20) << "read far past the bad line before parsing it";
}

TEST_F(IngestStreamTest, TheSameBytesAreStoredOnce) {
  const std::string data = log_line("a", R"("timeUnixNano":"1")") + log_line("a", R"("timeUnixNano":"2")");
  EXPECT_EQ(ingest(data, "a.jsonl"), R"({"logs":2,"spans":0,"metric_points":0})");
  PullReader again{bytes_of(data)};
  EXPECT_EQ(ingest_stream(again, "copy-of-a.jsonl"),
            R"({"logs":0,"spans":0,"metric_points":0,"already_ingested":true})");
  EXPECT_EQ(run(logs_query("a")).logs.size(), 2u) << "nothing duplicated";
  EXPECT_EQ(ingest(data + log_line("a", R"("timeUnixNano":"3")"), "a-longer.jsonl"),
            R"({"logs":3,"spans":0,"metric_points":0})")
      << "other bytes are another file";
}

TEST_F(IngestStreamTest, AFailedIngestIsNotRememberedAsStored) {
  ingest(log_line("b", R"("timeUnixNano":"1")"));  // a store with data: an empty one says "no data yet"
  const std::string bad = log_line("a", R"("timeUnixNano":"x")");
  EXPECT_THROW(ingest(bad), sdk::Error);
  EXPECT_THROW(ingest(bad), sdk::Error) << "still refused, not 'already ingested'";
  // Nothing of the failed file was kept: "a" is still a service without data (not_found).
  try {
    run(logs_query("a"));
    ADD_FAILURE() << "the failed file left records of service a";
  } catch (const sdk::Error& e) {
    EXPECT_EQ(e.status(), TINKR_NOT_FOUND) << e.what();
  }
}

// A second instance on the same file stands for another `tinkr logs` process: while the first
// instance's ingest holds the write transaction (its reader is paused mid-file), opening and
// querying must neither wait nor fail, and see only what was committed.
TEST_F(IngestStreamTest, QueriesRunWhileAnIngestHoldsTheWriteTransaction) {
  ingest(log_line("a", R"("timeUnixNano":"1")"));
  std::promise<void> reading, release;
  auto released = release.get_future().share();
  bool first_piece = true;
  const std::string more = log_line("a", R"("timeUnixNano":"2")");
  PullReader reader{[&](char* buffer, std::size_t capacity) -> std::size_t {
    if (first_piece) {
      first_piece = false;
      std::copy_n(more.data(), more.size(), buffer);
      return std::min(capacity, more.size());
    }
    reading.set_value();
    released.wait();
    return 0;
  }};
  auto writer = std::async(std::launch::async, [&] { return ingest_stream(reader); });
  // However this test ends, the paused ingest is let go (else the future's destructor would wait).
  std::shared_ptr<void> let_go(nullptr, [&](void*) { release.set_value(); });
  reading.get_future().wait();  // the ingest is inside its write transaction now

  const auto started = std::chrono::steady_clock::now();
  Options options;
  options.path = (dir_ / "local.db").string();
  LocalBackend other(options);
  Collected out;
  tinkr_sink raw = out.sink();
  sdk::Sink sink(&raw);
  other.execute(logs_query("a"), sink, sdk::CallContext(nullptr, nullptr));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5))
      << "a reader waited for the writer";
  EXPECT_EQ(out.logs.size(), 1u) << "only the committed record";

  let_go.reset();
  EXPECT_EQ(writer.get(), R"({"logs":1,"spans":0,"metric_points":0})");
  EXPECT_EQ(run(logs_query("a")).logs.size(), 2u);
}

}  // namespace
}  // namespace tinkr::local::testing
