// Figures for the Azure query path (issue 5):
//   BM_DecodeAppTraces   decode a generated 100,000-row AppTraces answer (~50 MB) into LogRecords: MB/s
//   BM_LowerPageQuery    lower the page's log query IR -> KQL: time per lowering (median with
//                        --benchmark_repetitions=N --benchmark_report_aggregates_only=true)
//   azure_query_bench --peak-rss   decodes the answer once in a fresh process and prints peak RSS
//                        (VmHWM) against the body size.
#include "decode/log_records.hpp"
#include "decode/table_reader.hpp"
#include "kql/tables.hpp"
#include "lower/lower_logs.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace {

using namespace tinkr;

constexpr int kRows = 100'000;

// A Log Analytics answer shaped like the page's query plus trace context and ItemCount, with
// realistic escaping in messages and dynamic Properties.
std::string make_apptraces_answer() {
  std::string body;
  body.reserve(static_cast<std::size_t>(kRows) * 540);
  body += R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},)"
          R"({"name":"Message","type":"string"},{"name":"SeverityLevel","type":"int"},)"
          R"({"name":"Properties","type":"dynamic"},{"name":"AppRoleName","type":"string"},)"
          R"({"name":"OperationId","type":"string"},{"name":"ParentId","type":"string"},)"
          R"({"name":"ItemCount","type":"int"}],"rows":[)";
  char row[1024];
  for (int i = 0; i < kRows; ++i) {
    const int n = std::snprintf(
        row, sizeof row,
        R"(%s["2024-05-01T09:%02d:%02d.%07dZ","payment %d for order \"ord-%08d\" failed: upstream returned 503 )"
        R"(Service Unavailable after 3 retries; circuit breaker state=half-open, latency_ms=%d, region=westeurope, )"
        R"(user=customer-%06d@example.com",%d,"{\"http.method\":\"POST\",\"http.route\":\"/v1/payments/{id}\",)"
        R"(\"tenant\":\"t-%04d\",\"retry\":\"%d\",\"cloud.region\":\"westeurope\"}","payments-api",)"
        R"("4bf92f3577b34da6a3ce929d0e0e%04x","00f067aa0ba9%04x",%d])",
        i ? "," : "", (i / 60) % 60, i % 60, i % 10'000'000, i, i, i % 5000, i % 1'000'000, i % 5, i % 10000,
        i % 4, i & 0xffff, (i * 7) & 0xffff, 1 + i % 3);
    body.append(row, static_cast<std::size_t>(n));
  }
  body += "]}]}";
  return body;
}

struct CountingSink {
  uint64_t records = 0;
  uint64_t bytes = 0;
  tinkr_sink raw{};
  CountingSink() {
    raw.struct_size = sizeof raw;
    raw.ctx = this;
    raw.log_record = [](void* ctx, const tinkr_log_record* r) {
      auto* self = static_cast<CountingSink*>(ctx);
      ++self->records;
      self->bytes += r->body.len + r->attributes_json.len;
      return int32_t{TINKR_OK};
    };
  }
};

void decode_once(std::string& body, CountingSink& counting) {
  sdk::Sink sink(&counting.raw);
  azure::decode::LogRecordConsumer consumer(azure::kql::table_for("app_insights"), "", sink);
  azure::decode::read_tables(body, consumer);
}

void BM_DecodeAppTraces(benchmark::State& state) {
  const std::string original = make_apptraces_answer();
  std::string body;
  CountingSink counting;
  for (auto _ : state) {
    state.PauseTiming();
    body = original;  // decoding works in place
    state.ResumeTiming();
    decode_once(body, counting);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(original.size()));
  state.counters["body_MB"] = static_cast<double>(original.size()) / 1e6;
  state.counters["rows"] = static_cast<double>(counting.records / state.iterations());
}
BENCHMARK(BM_DecodeAppTraces)->Unit(benchmark::kMillisecond);

ir::Query page_query() {
  ir::Query q;
  q.signal = ir::Signal::logs;
  q.service = "payments-api";
  q.time = {1714557600LL * 1'000'000'000 - 3600LL * 1'000'000'000, 1714557600LL * 1'000'000'000};
  q.limit = 100;
  q.filter = ir::Filter::make_predicate("severity", ir::Op::ge, {int64_t{ir::kSeverityWarn}});
  return q;
}

void BM_LowerPageQuery(benchmark::State& state) {
  const ir::Query q = page_query();
  for (auto _ : state) benchmark::DoNotOptimize(azure::lower_logs_kql(q));
}
BENCHMARK(BM_LowerPageQuery);

long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::strlen(key)));
  return -1;
}

int peak_rss_report() {
  std::string body = make_apptraces_answer();
  const double body_mb = static_cast<double>(body.size()) / 1e6;
  const long before_kb = status_kb("VmHWM:");
  CountingSink counting;
  decode_once(body, counting);
  const long peak_kb = status_kb("VmHWM:");
  std::printf("body %.1f MB, rows %llu, peak RSS before decode %.1f MB, after %.1f MB, ratio to body %.2f\n",
              body_mb, static_cast<unsigned long long>(counting.records), before_kb / 1024.0,
              peak_kb / 1024.0, (peak_kb / 1024.0) / (static_cast<double>(body.size()) / (1024.0 * 1024.0)));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--peak-rss") return peak_rss_report();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
