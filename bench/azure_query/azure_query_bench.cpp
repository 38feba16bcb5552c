// Figures for the Azure query path (issue 5):
//   BM_DecodeAppTraces          decode a generated 100,000-row AppTraces answer (~45 MB), held whole,
//                               into LogRecords: MB/s
//   BM_DecodeAppTracesStreamed  the same answer pulled in 16 KiB pieces (one TLS record each, the
//                               smallest read of the host's client) on the decoding thread: MB/s
//   BM_LowerPageQuery           lower the page's log query IR -> KQL: time per lowering (median with
//                               --benchmark_repetitions=N --benchmark_report_aggregates_only=true)
//   azure_query_bench --peak-rss   in a fresh process, decodes the answer while it is generated (the
//                               body never exists whole, as with a real transfer) and prints peak RSS
//                               (VmHWM) against the body size.
#include "decode/log_records.hpp"
#include "decode/table_reader.hpp"
#include "kql/tables.hpp"
#include "lower/lower_logs.hpp"

#include "apptraces_answer.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace {

using namespace tinkr;
using bench::kPieceSize;
using bench::make_apptraces_answer;

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

void decode(azure::PieceSource& source, CountingSink& counting) {
  sdk::Sink sink(&counting.raw);
  azure::decode::LogRecordConsumer consumer(azure::kql::table_for("app_insights"), "", sink);
  azure::decode::read_tables(source, consumer);
}

// The answer generated as the decoder pulls it; counts its bytes.
class Generated final : public azure::PieceSource {
 public:
  std::string_view next_piece() override {
    const std::string_view piece = generator_.next_piece();
    bytes += piece.size();
    return piece;
  }
  uint64_t bytes = 0;

 private:
  bench::AppTracesGenerator generator_;
};

void BM_DecodeAppTraces(benchmark::State& state) {
  const std::string body = make_apptraces_answer();
  CountingSink counting;
  for (auto _ : state) {
    azure::WholeBody whole(body);
    decode(whole, counting);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(body.size()));
  state.counters["body_MB"] = static_cast<double>(body.size()) / 1e6;
  state.counters["rows"] = static_cast<double>(counting.records / state.iterations());
}
BENCHMARK(BM_DecodeAppTraces)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DecodeAppTracesStreamed(benchmark::State& state) {
  const std::string body = make_apptraces_answer();
  CountingSink counting;
  for (auto _ : state) {
    azure::PiecedBody pieces(body, kPieceSize);
    decode(pieces, counting);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(body.size()));
  state.counters["body_MB"] = static_cast<double>(body.size()) / 1e6;
  state.counters["rows"] = static_cast<double>(counting.records / state.iterations());
}
BENCHMARK(BM_DecodeAppTracesStreamed)->Unit(benchmark::kMillisecond)->UseRealTime();

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
  const long before_kb = status_kb("VmHWM:");
  CountingSink counting;
  Generated generated;
  decode(generated, counting);
  const uint64_t body_bytes = generated.bytes;
  const long peak_kb = status_kb("VmHWM:");
  const double body_mb = static_cast<double>(body_bytes) / (1024.0 * 1024.0);
  std::printf(
      "streamed body %.1f MiB, rows %llu, peak RSS before decode %.1f MiB, after %.1f MiB "
      "(growth %.1f MiB, %.2f of the body)\n",
      body_mb, static_cast<unsigned long long>(counting.records), before_kb / 1024.0, peak_kb / 1024.0,
      (peak_kb - before_kb) / 1024.0, ((peak_kb - before_kb) / 1024.0) / body_mb);
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
