// The HTTPS transport's cost per request on loopback: GET /ping against the fake Azure over one
// kept-alive TLS connection, so the figure is the client's and the server's per-request work, not
// the handshake. Each iteration is timed alone; median and p99 are reported as counters (in µs).
// A second case shows what a fresh TLS connection per request would cost, for comparison.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "fake_azure.hpp"
#include "http/client.hpp"

namespace {

using Clock = std::chrono::steady_clock;

void report_percentiles(benchmark::State& state, std::vector<double>& micros) {
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  auto at = [&](double q) {
    return micros[std::min(micros.size() - 1, static_cast<std::size_t>(q * micros.size()))];
  };
  state.counters["median_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros.back();
}

void run(benchmark::State& state, bool keep_alive) {
  tinkr::fake_azure::FakeAzure server;
  tinkr::http::Client client;
  tinkr::http::Request request;
  request.url = server.https_url() + "/ping";
  request.ca_file = server.ca_file();
  if (!client.send(request)) {  // warm: TLS context, first connection
    state.SkipWithError("the fake Azure did not answer");
    return;
  }
  std::vector<double> micros;
  micros.reserve(100'000);
  for (auto _ : state) {
    if (!keep_alive) client.clear_pool();
    auto start = Clock::now();
    auto response = client.send(request);
    auto seconds = std::chrono::duration<double>(Clock::now() - start).count();
    state.SetIterationTime(seconds);
    micros.push_back(seconds * 1e6);
    if (!response || response->status != 200) {
      state.SkipWithError("request failed");
      break;
    }
  }
  report_percentiles(state, micros);
  state.counters["tls_handshakes"] = static_cast<double>(server.tls_handshakes());
}

void BM_TransportKeepAlive(benchmark::State& state) {
  run(state, true);
}
void BM_TransportNewConnectionEachRequest(benchmark::State& state) {
  run(state, false);
}

BENCHMARK(BM_TransportKeepAlive)->UseManualTime()->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(BM_TransportNewConnectionEachRequest)->UseManualTime()->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
