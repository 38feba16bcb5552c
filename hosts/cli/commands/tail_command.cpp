// The tail command's polling loop.
#include "commands/tail_command.hpp"

#include "commands/tail_poller.hpp"
#include "common/time_text.hpp"
#include "run_query.hpp"

#include <algorithm>
#include <thread>

namespace tinkr::cli {
namespace {

// Waits out the interval in short steps so that Ctrl-C ends the wait at once.
void wait_interval(int64_t interval_ns, const CancelSource& cancel) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::nanoseconds(interval_ns);
  while (!cancel.cancelled() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

// Says how far behind the newest record is, when that changes by a step or more, so that a user
// knows what "now" means in the stream (Log Analytics ingests rows 20 s to minutes late).
class LagReport {
 public:
  explicit LagReport(std::ostream& err) : err_(err) {}
  void update(int64_t age_ns) {
    constexpr int64_t kStep = 5'000'000'000;
    if (last_ns_ >= 0 && age_ns > last_ns_ - kStep && age_ns < last_ns_ + kStep) return;
    last_ns_ = age_ns;
    err_ << "tinkr: ingestion lag: the newest record is " << host::format_duration(age_ns) << " old\n";
  }

 private:
  std::ostream& err_;
  int64_t last_ns_ = -1;
};

}  // namespace

void setup_tail(CLI::App& app, Context& context, CommandRuns& runs) {
  auto options = std::make_shared<TailOptions>();
  auto* command = app.add_subcommand("tail", "follow new log records of a service (Ctrl-C ends)");
  command->add_option("service", options->service, "the service")->required();
  command->add_option("query", options->query, "a query: level>=warn \"timeout\"");
  command->add_option("--since", options->since, "the backlog to show first")->capture_default_str();
  command->add_option("--interval", options->interval, "time between polls")->capture_default_str();
  command
      ->add_option("--overlap", options->overlap,
                   "how far each poll reaches back (in ingestion time where the backend has it)")
      ->capture_default_str();
  command->add_option("--memory", options->memory, "records remembered to print each once")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command->add_option("--polls", options->polls, "stop after this many polls (0: until Ctrl-C)")
      ->check(CLI::NonNegativeNumber);
  runs.add(command, [options, &context] { return run_tail(*options, context.query_env()); });
}

int run_tail(const TailOptions& options, const QueryEnv& env) {
  auto since = query::parse_duration(options.since);
  auto interval = query::parse_duration(options.interval);
  auto overlap = query::parse_duration(options.overlap);
  if (!since) return env.console.report(since.error().with_context("--since"));
  if (!interval) return env.console.report(interval.error().with_context("--interval"));
  if (!overlap) return env.console.report(overlap.error().with_context("--overlap"));
  auto format = parse_format(env.console.output());
  if (!format) return env.console.report(format.error());
  auto client = env.clients.client();
  if (!client) return env.console.report(client.error());

  auto output = make_output(*format, env.console.out, env.console.style());
  TailSettings settings;
  settings.service = options.service;
  settings.query = options.query;
  settings.since_ns = *since;
  settings.overlap_ns = *overlap;
  settings.memory = options.memory;
  TailPoller poller(**client, settings, [&output](const Record& record) { output->record(record); });
  if (auto started = poller.start(); !started) return env.console.report(started.error());
  RunOptions run_options;
  run_options.cancel = env.cancel;
  LagReport lag(env.console.err);
  for (int64_t poll = 0; !env.cancel.cancelled() && (options.polls == 0 || poll < options.polls); ++poll) {
    if (poll > 0) wait_interval(*interval, env.cancel);
    if (env.cancel.cancelled()) break;
    auto result = poller.poll(run_options);
    output->flush();
    if (!result) {
      if (result.error().code() == Error::Code::cancelled) break;
      output->finish();
      return env.console.report(result.error());
    }
    if (result->truncated)
      env.console.err << "tinkr: warning: more than " << settings.poll_limit
                      << " records in one poll; some were skipped\n";
    if (result->newest_age_ns) lag.update(*result->newest_age_ns);
  }
  output->finish();
  return 0;
}

}  // namespace tinkr::cli
