// The tail command's polling loop.
#include "commands/tail_command.hpp"

#include "commands/dedup_window.hpp"
#include "common/time_text.hpp"
#include "run_query.hpp"

#include <algorithm>
#include <thread>

namespace tinkr::cli {
namespace {

constexpr int64_t kPollLimit = 5000;

// Passes on only log records not printed before, and notes the newest time seen.
class NewRecordsSink final : public ResultSink {
 public:
  NewRecordsSink(OutputFormat& output, DedupWindow& seen) : output_(output), seen_(seen) {}
  bool on_record(Record&& record) override {
    auto* log = std::get_if<LogRecord>(&record);
    if (log == nullptr || !seen_.first_sighting(*log)) return true;
    newest_ = std::max(newest_, log->time_ns);
    output_.record(record);
    return true;
  }
  int64_t newest() const { return newest_; }

 private:
  OutputFormat& output_;
  DedupWindow& seen_;
  int64_t newest_ = 0;
};

// Waits out the interval in short steps so that Ctrl-C ends the wait at once.
void wait_interval(int64_t interval_ns, const CancelSource& cancel) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(interval_ns);
  while (!cancel.cancelled() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

}  // namespace

void setup_tail(CLI::App& app, Context& context) {
  auto options = std::make_shared<TailOptions>();
  auto* command = app.add_subcommand("tail", "follow new log records of a service (Ctrl-C ends)");
  command->add_option("service", options->service, "the service")->required();
  command->add_option("query", options->query, "a query: level>=warn \"timeout\"");
  command->add_option("--since", options->since, "the backlog to show first")->capture_default_str();
  command->add_option("--interval", options->interval, "time between polls")->capture_default_str();
  command->add_option("--overlap", options->overlap, "how far each poll reaches back for late records")
      ->capture_default_str();
  command->add_option("--memory", options->memory, "records remembered to print each once")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--polls", options->polls, "stop after this many polls (0: until Ctrl-C)")
      ->check(CLI::NonNegativeNumber);
  command->callback([options, &context] { context.exit_code = run_tail(*options, context); });
}

int run_tail(const TailOptions& options, Context& context) {
  auto since = query::parse_duration(options.since);
  auto interval = query::parse_duration(options.interval);
  auto overlap = query::parse_duration(options.overlap);
  if (!since) return context.report(since.error().with_context("--since"));
  if (!interval) return context.report(interval.error().with_context("--interval"));
  if (!overlap) return context.report(overlap.error().with_context("--overlap"));
  auto format = parse_format(context.options.output);
  if (!format) return context.report(format.error());
  auto client = context.client();
  if (!client) return context.report(client.error());

  auto output = make_output(*format, context.out, context.style());
  DedupWindow seen(options.memory);
  RunOptions run_options;
  run_options.cancel = context.cancel;
  int64_t window_end = now_ns() - *since;
  for (int64_t poll = 0; !context.cancel.cancelled() && (options.polls == 0 || poll < options.polls);
       ++poll) {
    if (poll > 0) wait_interval(*interval, context.cancel);
    if (context.cancel.cancelled()) break;
    const int64_t now = now_ns();
    QuerySpec spec;
    spec.signal = ir::Signal::logs;
    spec.service = options.service;
    spec.text = options.query;
    spec.from = host::format_time(window_end - *overlap);
    spec.to = host::format_time(now + 1'000'000);  // to is exclusive and the text has millisecond precision
    spec.limit = kPollLimit;
    spec.order = ir::Order{"time", false};
    NewRecordsSink sink(*output, seen);
    auto stats = (*client)->run(spec, sink, run_options);
    output->flush();
    if (!stats) {
      if (stats.error().code() == Error::Code::cancelled) break;
      output->finish();
      return context.report(stats.error());
    }
    if (stats->truncated)
      context.err << "tinkr: warning: more than " << kPollLimit
                  << " records in one poll; some were skipped\n";
    window_end = now;
  }
  output->finish();
  return 0;
}

}  // namespace tinkr::cli
