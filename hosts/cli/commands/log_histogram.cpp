// The logs command's --histogram (see log_histogram.hpp).
#include "commands/log_histogram.hpp"

#include "common/error_tables.hpp"
#include "common/time_text.hpp"
#include "output/log_histogram.hpp"
#include "output/safe_text.hpp"
#include "progress_line.hpp"

#include <tinkr/clock.hpp>
#include <tinkr/query.hpp>

namespace tinkr::cli {
namespace {

class CountingSink final : public ResultSink {
 public:
  CountingSink(LogHistogram& histogram, ProgressLine& progress, std::ostream& err)
      : histogram_(histogram), progress_(progress), err_(err) {}
  bool on_record(Record&& record) override {
    progress_.add_records(1);
    if (const auto* log = std::get_if<LogRecord>(&record)) histogram_.add(*log);
    return true;
  }
  void on_warning(const std::string& message) override {
    warnings_ = true;
    err_ << "tinkr: warning: " << escape_controls(message) << '\n';
  }
  bool warned() const { return warnings_; }

 private:
  LogHistogram& histogram_;
  ProgressLine& progress_;
  std::ostream& err_;
  bool warnings_ = false;
};

}  // namespace

int run_log_histogram(const QueryEnv& env, QuerySpec spec) {
  const std::string& format = env.console.output();
  if (format != "table" && format != "json")
    return env.console.report(
        Error(Error::Code::invalid_query,
              "logs --histogram: -o " + format + " is not available; use -o table or -o json"));
  // One "now" for the query and the buckets, to the millisecond (the precision of the times sent).
  constexpr int64_t kMillisecond = 1'000'000;
  const int64_t now = now_ns() / kMillisecond * kMillisecond;
  auto window = query::parse_time_range(spec.since, spec.from, spec.to, now);
  if (!window) return env.console.report(window.error());
  spec.since.clear();
  spec.from = host::format_time(window->from_ns);
  spec.to = host::format_time(window->to_ns);
  spec.order = ir::Order{"time", true};  // newest first: a cut count is whole from its oldest record on

  auto client = env.clients.client();
  if (!client) return env.console.report(client.error());
  LogHistogram histogram(spec.service, window->from_ns, window->to_ns,
                         LogHistogram::bucket_for(window->to_ns - window->from_ns));
  ProgressLine progress(env.console.err, env.console.progress_enabled());
  CountingSink sink(histogram, progress, env.console.err);
  RunOptions options;
  options.cancel = env.cancel;
  auto stats = (*client)->run(spec, sink, options);
  progress.stop();
  if (!stats) return env.console.report(stats.error());
  if (stats->truncated || (stats->limit > 0 && histogram.records() >= stats->limit)) histogram.mark_cut();

  const Style style = env.console.style();
  if (format == "json") {
    // Onto a terminal through the same escaping as the other machine formats; into a pipe unchanged.
    if (style.terminal)
      *make_terminal_safe_stream(env.console.out) << histogram_to_json(histogram) << '\n';
    else
      env.console.out << histogram_to_json(histogram) << '\n';
  } else {
    print_histogram(histogram, env.console.out, style);
  }
  env.console.out.flush();
  if (!histogram.complete())
    env.console.err << "tinkr: the histogram counts the newest " << histogram.records()
                    << " records only: more match (raise --limit)\n";
  return sink.warned() ? host::kExitPartial : host::kExitOk;
}

}  // namespace tinkr::cli
