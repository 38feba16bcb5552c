// The fake Log Analytics as a process of its own, for bench/real_link.sh: it serves the generated
// 100,000-row AppTraces answer (apptraces_answer.hpp) to every query, compressed with gzip when the
// client asks and --gzip is on (compressed once, up front, as a cache would), and tokens to tinkr's
// client-secret credential. It writes "<https URL> <CA file>" to the ready file once listening and
// serves until SIGTERM or SIGINT. With --synthetic ROWS it serves instead a generated AppTraces
// workspace of ROWS rows over 2026-11-25T09:00Z to 10:00Z that enforces Log Analytics' 500,000-row cap
// (tests/fake_azure/synthetic_logs.hpp), for bench/slicing_rss.sh.
// Usage: fake_log_analytics_serve --gzip on|off --ready FILE [--synthetic ROWS]
#include <fake_azure.hpp>
#include <gzip.hpp>
#include <synthetic_logs.hpp>

#include "apptraces_answer.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace {

using namespace tinkr;

int usage() {
  std::fprintf(stderr, "usage: fake_log_analytics_serve --gzip on|off --ready FILE [--synthetic ROWS]\n");
  return 2;
}

// "<URL> <CA file>", whole, never half-written.
void write_ready(const std::string& ready_file, const fake_azure::FakeAzure& fake) {
  {
    std::ofstream ready(ready_file + ".tmp");
    ready << fake.https_url() << ' ' << fake.ca_file() << '\n';
  }
  std::rename((ready_file + ".tmp").c_str(), ready_file.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::string gzip_mode, ready_file;
  long long synthetic_rows = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--gzip") == 0) gzip_mode = argv[i + 1];
    if (std::strcmp(argv[i], "--ready") == 0) ready_file = argv[i + 1];
    if (std::strcmp(argv[i], "--synthetic") == 0) synthetic_rows = std::atoll(argv[i + 1]);
  }
  if ((gzip_mode != "on" && gzip_mode != "off") || ready_file.empty() || (argc != 5 && argc != 7) ||
      (argc == 7 && synthetic_rows <= 0))
    return usage();

  // Signals are taken by sigwait below, not by a handler: block them before any thread starts.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  if (synthetic_rows > 0) {
    fake_azure::Options options;
    options.require_auth = false;
    options.serve_gzip = gzip_mode == "on";
    fake_azure::FakeAzure fake(options);
    fake_azure::SyntheticLogs table;
    table.start_ns = 1'795'597'200'000'000'000;  // 2026-11-25T09:00:00Z
    table.rows = synthetic_rows;
    table.step_ns = 3'600'000'000'000 / synthetic_rows;
    fake.on_request(fake_azure::synthetic_logs_handler(table));
    std::fprintf(stderr, "fake log analytics: %s, %lld generated rows\n", fake.https_url().c_str(),
                 synthetic_rows);
    write_ready(ready_file, fake);
    int signal = 0;
    sigwait(&stop, &signal);
    return 0;
  }
  const std::string body = bench::make_apptraces_answer();
  const std::string compressed = gzip_mode == "on" ? fake_azure::gzip(body) : std::string();
  fake_azure::Options options;
  options.require_auth = false;  // Microsoft's client brings a token of its own
  options.serve_gzip = false;    // the handler decides
  fake_azure::FakeAzure fake(options);
  fake.on_request([&](const fake_azure::RecordedRequest& request) -> std::optional<fake_azure::FakeResponse> {
    if (request.route != fake_azure::Route::log_analytics_query) return std::nullopt;
    const bool gzip = !compressed.empty() && fake_azure::accepts_gzip(request.header("Accept-Encoding"));
    std::fprintf(stderr, "served %s\n", gzip ? "gzip" : "plain");  // real_link.sh counts these lines
    if (!gzip) return fake_azure::FakeResponse::json(200, body);
    auto response = fake_azure::FakeResponse::json(200, compressed);
    response.headers.emplace_back("Content-Encoding", "gzip");
    return response;
  });

  std::fprintf(stderr, "fake log analytics: %s, answer %zu bytes (gzip %s: %zu bytes)\n",
               fake.https_url().c_str(), body.size(), gzip_mode.c_str(), compressed.size());
  write_ready(ready_file, fake);
  int signal = 0;
  sigwait(&stop, &signal);
  return 0;
}
