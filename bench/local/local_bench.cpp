// Benchmarks of the local backend (issue 7's figures):
//   BM_IngestLogs: OTLP/JSON log records stored per second (target >= 100,000/s), 1,000 records a
//     line as a Collector's file exporter batches them, one transaction per file.
//   BM_ErrorsOfTheLastHour: with 1,000,000 log records stored (10 hours, 4 services), the IR of
//     `tinkr logs payments-api 'level>=error'` over the last hour, limit 100 (target < 50 ms median).
// The data is generated in setup into a temporary folder that is removed at exit.
#include "local_backend.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

namespace {

using tinkr::local::LocalBackend;
using tinkr::local::Options;

constexpr int64_t kHour = 3'600'000'000'000;
constexpr int64_t kEnd = 1'750'000'000'000'000'000;
constexpr const char* kServices[] = {"payments-api", "checkout", "inventory", "orders-db"};

const std::filesystem::path& temp_folder() {
  static const std::filesystem::path folder = [] {
    auto p = std::filesystem::temp_directory_path() /
             ("tinkr-local-bench-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(p);
    return p;
  }();
  return folder;
}

/// `count` log records spread evenly over the hour before `end`, services in turn, 5% errors.
std::string otlp_logs(int64_t count, int64_t end, uint64_t seed) {
  const int64_t hours = 1;
  std::mt19937_64 rng(seed);
  std::string out;
  out.reserve(static_cast<std::size_t>(count) * 420);
  const int64_t step = hours * kHour / count;
  constexpr int64_t kPerLine = 1000;
  for (int64_t first = 0; first < count; first += kPerLine * 4) {
    for (int64_t k = 0; k < 4; ++k) {
      const char* service = kServices[k];
      out += R"({"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":")";
      out += service;
      out += R"("}}]},"scopeLogs":[{"scope":{"name":"bench"},"logRecords":[)";
      for (int64_t i = 0; i < kPerLine && first + i * 4 + k < count; ++i) {
        const int64_t time = end - hours * kHour + (first + i * 4 + k) * step;
        const bool error = rng() % 20 == 0;
        if (i) out += ',';
        out +=
            R"({"timeUnixNano":")" + std::to_string(time) + R"(","severityNumber":)" + (error ? "17" : "9") +
            R"(,"severityText":")" + (error ? "ERROR" : "INFO") + R"(","body":{"stringValue":")" +
            (error ? "database timeout: orders-db did not answer within 2000ms" : "request served in 12ms") +
            R"("},"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","attributes":[)" +
            R"({"key":"http.route","value":{"stringValue":"/payments"}},{"key":"http.response.status_code","value":{"intValue":")" +
            (error ? "503" : "200") + R"("}}]})";
      }
      out += "]}]}]}\n";
    }
  }
  return out;
}

void BM_IngestLogs(benchmark::State& state) {
  const int64_t records = 100'000;
  const std::string data = otlp_logs(records, kEnd, 1);
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Options options;
    options.path = (temp_folder() / ("ingest-" + std::to_string(run++) + ".db")).string();
    auto backend = std::make_unique<LocalBackend>(options);
    state.ResumeTiming();
    benchmark::DoNotOptimize(backend->ingest("otlp-json", "bench.jsonl", data));
  }
  state.SetItemsProcessed(state.iterations() * records);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_IngestLogs)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

// Counts what the query returns, as the host would copy it.
struct CountingSink {
  int64_t records = 0;
  tinkr_sink raw() {
    tinkr_sink s{};
    s.struct_size = sizeof s;
    s.ctx = this;
    s.log_record = [](void* ctx, const tinkr_log_record*) {
      ++static_cast<CountingSink*>(ctx)->records;
      return int32_t{TINKR_OK};
    };
    return s;
  }
};

std::unique_ptr<LocalBackend> million;

LocalBackend& million_record_store() {
  if (!million)
    million = [] {
      Options options;
      options.path = (temp_folder() / "million.db").string();
      auto b = std::make_unique<LocalBackend>(options);
      // Ten files of 100,000, one an hour: the way `tinkr ingest` takes hours of exporter output.
      for (int64_t hour = 0; hour < 10; ++hour)
        b->ingest("otlp-json", "hour.jsonl",
                  otlp_logs(100'000, kEnd - hour * kHour, static_cast<uint64_t>(hour)));
      return b;
    }();
  return *million;
}

void BM_ErrorsOfTheLastHour(benchmark::State& state) {
  LocalBackend& backend = million_record_store();
  tinkr::ir::Query q;
  q.signal = tinkr::ir::Signal::logs;
  q.service = "payments-api";
  q.time = {kEnd - kHour, kEnd};
  q.limit = 100;
  q.filter = tinkr::ir::Filter::make_predicate("severity", tinkr::ir::Op::ge, {int64_t{17}});
  int64_t returned = 0;
  for (auto _ : state) {
    CountingSink counter;
    tinkr_sink raw = counter.raw();
    tinkr::sdk::Sink sink(&raw);
    backend.execute(q, sink, tinkr::sdk::CallContext(nullptr, nullptr));
    returned = counter.records;
  }
  state.counters["records"] = static_cast<double>(returned);
  if (returned != 100) state.SkipWithError("the query did not return 100 records");
}
BENCHMARK(BM_ErrorsOfTheLastHour)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  million.reset();
  std::error_code ec;
  std::filesystem::remove_all(temp_folder(), ec);
  return 0;
}
