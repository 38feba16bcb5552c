// Answers compressed on the wire (issue 16.1): every Azure request asks for gzip, a compressed answer
// decodes exactly as the same answer sent plain, a gzip bomb is refused at the size limit quickly
// and without inflating it, and a garbled or mislabelled gzip body fails naming the cause.
#include "gzip.hpp"
#include "common/record_json.hpp"
#include "fixture.hpp"

#include <chrono>
#include <fstream>

namespace tinkr::azure_e2e {
namespace {

using AzureGzip = AzureEndToEnd;

const std::vector<KustoColumn> kColumns = {{"TimeGenerated", "datetime"},
                                           {"Message", "string"},
                                           {"SeverityLevel", "int"},
                                           {"Properties", "dynamic"},
                                           {"AppRoleName", "string"}};

// Enough rows that the compressed body spans many reads, with escapes and non-ASCII text.
std::string varied_answer() {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 3000; ++i)
    rows.push_back(
        {js("2026-11-25T10:" + std::to_string(10 + i % 50) + ":00." + std::to_string(1000000 + i) + "Z"),
         R"("payment )" + std::to_string(i) + R"( for \"ord-)" + std::to_string(i * 31) +
             R"(\" failed: caf\u00e9 \u2603 tab\there")",
         std::to_string(i % 5),
         R"("{\"retry\":\")" + std::to_string(i % 4) + R"(\",\"region\":\"westeurope\"}")",
         js("payments-api")});
  return log_analytics_answer(kColumns, rows);
}

FakeResponse plain(std::string body) {
  FakeResponse response = FakeResponse::json(200, std::move(body));
  response.headers.emplace_back("Content-Encoding", "identity");  // the fake leaves it uncompressed
  return response;
}

FakeResponse labelled_gzip(std::string body) {
  FakeResponse response = FakeResponse::json(200, std::move(body));
  response.headers.emplace_back("Content-Encoding", "gzip");
  return response;
}

// The process's peak resident memory so far (VmHWM), in bytes.
int64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  return -1;
}

class AzureGzipAnswers : public AzureGzip {
 protected:
  Expected<QueryResult> logs() {
    QuerySpec spec;
    spec.signal = ir::Signal::logs;
    spec.service = "payments-api";
    spec.since = "1h";
    spec.limit = 50'000;  // more than the 3000 rows, and not sliced (slice_above_rows)
    return engine_->collect(build(spec));
  }

  std::vector<std::string> logs_as_json() {
    auto result = logs();
    EXPECT_TRUE(result) << result.error().message();
    std::vector<std::string> out;
    if (result)
      for (const auto& record : result->records) out.push_back(host::record_to_json(record));
    return out;
  }

  std::string logs_error() {
    auto result = logs();
    EXPECT_FALSE(result) << "the answer must not decode";
    if (result) return {};
    EXPECT_EQ(result.error().code(), Error::Code::upstream_unavailable);
    return result.error().message();
  }
};

TEST_F(AzureGzipAnswers, ACompressedAnswerDecodesExactlyAsThePlainOne) {
  const std::string answer = varied_answer();
  fake_.push_response(Route::log_analytics_query, FakeResponse::json(200, answer));
  const auto from_gzip = logs_as_json();
  EXPECT_EQ(fake_.gzip_answers(), 1u) << "the fake must have compressed the answer";
  fake_.push_response(Route::log_analytics_query, plain(answer));
  const auto from_plain = logs_as_json();
  EXPECT_EQ(fake_.gzip_answers(), 1u);

  ASSERT_EQ(from_plain.size(), 3000u);
  EXPECT_EQ(from_gzip, from_plain);
  for (const auto& request : log_analytics_requests()) EXPECT_EQ(request.header("Accept-Encoding"), "gzip");
}

TEST_F(AzureGzipAnswers, EveryAzureRequestAsksForGzipAndCompressedErrorsStillExplainThemselves) {
  fake_.push_response(Route::log_analytics_query, FakeResponse::forbidden());
  auto result = logs();
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code(), Error::Code::forbidden) << result.error().message();
  EXPECT_EQ(fake_.gzip_answers(), 1u);
  auto metrics = engine_->collect(build(shop_web_requests_spec()));
  ASSERT_TRUE(metrics) << metrics.error().message();
  EXPECT_FALSE(metrics->records.empty());
  for (const auto& request : fake_.requests()) {
    if (request.route == Route::token) continue;
    EXPECT_EQ(request.header("Accept-Encoding"), "gzip") << request.target;
  }
}

TEST_F(AzureGzipAnswers, AGzipBombIsRefusedAtTheLimitQuickly) {
  // About 2 MB on the wire that inflate to 2 GiB of JSON whitespace: only the limit can stop it. A
  // profile limit of 4 MiB keeps the test quick under sanitizers; the default (64 MiB) works alike.
  open_engine(R"("max_answer_bytes":4194304)");
  const std::string bomb =
      fake_azure::gzip_repeated(R"({"tables":[)", std::string(std::size_t{1} << 20, ' '), 2048);
  ASSERT_LT(bomb.size(), std::size_t{3} << 20);  // under the limit on the wire
  fake_.push_response(Route::log_analytics_query, labelled_gzip(bomb));
  const int64_t peak_before = peak_rss_bytes();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(logs_error(),
            "the answer from Log Analytics inflates past the 4 MiB limit (max_answer_bytes); narrow the time "
            "range or add filters");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(30));  // not minutes
  // Memory is bounded by the limit, not by what the bomb claims (the decoder may hold an unbroken run
  // of text, here the whitespace, until a row ends: up to the limit, never gigabytes).
  EXPECT_LT(peak_rss_bytes() - peak_before, int64_t{96} << 20);
}

TEST_F(AzureGzipAnswers, GarbledCutOrMislabelledGzipFailsNamingTheCause) {
  std::string garbled = fake_azure::gzip(varied_answer());
  for (std::size_t i = garbled.size() / 2; i < garbled.size() / 2 + 64; ++i)
    garbled[i] = static_cast<char>(garbled[i] ^ 0x5a);
  fake_.push_response(Route::log_analytics_query, labelled_gzip(garbled));
  // zlib names what it found (here the checksum); the first part is what a user needs.
  EXPECT_EQ(logs_error().rfind("the answer from Log Analytics is not valid gzip: ", 0), 0u);

  const std::string whole = fake_azure::gzip(varied_answer());
  fake_.push_response(Route::log_analytics_query, labelled_gzip(whole.substr(0, whole.size() - 100)));
  EXPECT_EQ(logs_error(),
            "the answer from Log Analytics is not valid gzip: the body ended before the gzip stream did");

  fake_.push_response(Route::log_analytics_query, labelled_gzip(varied_answer()));
  EXPECT_EQ(logs_error(),
            "the answer from Log Analytics is not valid gzip: it says Content-Encoding 'gzip' but is not "
            "compressed");
}

}  // namespace
}  // namespace tinkr::azure_e2e
