// The incident report: the window and baseline, the queries (each explained first, so the report
// can show what it ran; the three searches at once, then the example traces at once), then the
// sections.
#include "incident_sections.hpp"

#include <tinkr/incident.hpp>
#include <tinkr/query.hpp>

#include <algorithm>
#include <chrono>
#include <future>

namespace tinkr::incident {
namespace {

constexpr std::size_t kMaxExceptions = 10;

// Runs a batch of queries at once (the backends are safe to use from several threads; the report
// waits on the slowest instead of on their sum), then records them in the batch's order: each one's
// native text (explained first), and its cuts and partial results as warnings.
class QueryRunner {
 public:
  QueryRunner(const QueryCalls& calls, Report& report) : calls_(calls), report_(report) {}

  struct Ask {
    std::string purpose;
    ir::Query query;
  };

  std::vector<Expected<QueryResult>> operator()(const std::vector<Ask>& batch) {
    struct Answer {
      std::string native;
      Expected<QueryResult> result;
    };
    std::vector<std::future<Answer>> running;
    for (const auto& ask : batch)
      running.push_back(std::async(std::launch::async, [this, &ask]() -> Answer {
        auto explained = calls_.explain(ask.query);
        if (!explained) return {"", Unexpected(explained.error().with_context(ask.purpose))};
        auto result = calls_.collect(ask.query);
        if (!result) return {explained->native, Unexpected(result.error().with_context(ask.purpose))};
        return {explained->native, std::move(result)};
      }));
    std::vector<Expected<QueryResult>> out;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      Answer answer = running[i].get();
      const std::string& purpose = batch[i].purpose;
      report_.queries.push_back({purpose, std::string(ir::to_string(batch[i].query.signal)), answer.native});
      if (answer.result) {
        const RunStats& stats = answer.result->stats;
        if (stats.truncated)
          report_.warnings.push_back(purpose + ": only the newest " + std::to_string(stats.delivered) +
                                     " records were read (the limit); its counts are low");
        for (const auto& w : stats.warnings) report_.warnings.push_back(purpose + ": " + w);
      }
      out.push_back(std::move(answer.result));
    }
    return out;
  }

 private:
  const QueryCalls& calls_;
  Report& report_;
};

template <typename T>
std::vector<T> records_of(QueryResult& result) {
  std::vector<T> out;
  out.reserve(result.records.size());
  for (auto& r : result.records)
    if (auto* typed = std::get_if<T>(&r)) out.push_back(std::move(*typed));
  return out;
}

Expected<int64_t> positive_duration(const std::string& text, const char* flag) {
  auto ns = query::parse_duration(text);
  if (!ns) return Unexpected(ns.error().with_context(flag));
  if (*ns <= 0)
    return fail(Error::Code::invalid_query, std::string(flag) + ": the duration must be above zero");
  return ns;
}

// Up to three traces: the slowest failing request, one of the most common error pattern, and the
// slowest request (failed or not), each once.
std::vector<std::pair<std::string, std::string>> pick_examples(
    const Report& report, const std::vector<TraceSummary>& failed_or_slow) {
  std::vector<std::pair<std::string, std::string>> picks;
  auto add = [&](std::string why, const std::string& id) {
    if (id.empty()) return;
    for (const auto& p : picks)
      if (p.second == id) return;
    picks.emplace_back(std::move(why), id);
  };
  auto in_window = [&](const TraceSummary& s) {
    return s.start_ns >= report.window.from_ns && s.start_ns < report.window.to_ns;
  };
  const TraceSummary* slowest_failed = nullptr;
  const TraceSummary* slowest = nullptr;
  for (const auto& s : failed_or_slow) {
    if (!in_window(s)) continue;
    if (s.status == SpanStatus::error && (!slowest_failed || s.duration_ns > slowest_failed->duration_ns))
      slowest_failed = &s;
    if (!slowest || s.duration_ns > slowest->duration_ns) slowest = &s;
  }
  if (slowest_failed) add("slowest failing request", slowest_failed->trace_id);
  const Pattern* common = nullptr;
  for (const auto& p : report.patterns)
    if (p.severity_number >= 17 && !p.trace_id.empty() && (!common || p.count > common->count)) common = &p;
  if (common) add("most common failing pattern: " + common->pattern, common->trace_id);
  if (slowest) add("slowest request", slowest->trace_id);
  return picks;
}

// Whether the backend answers log_groups for this query (explained, not run: no I/O). A backend
// without the signal, or one that cannot take the whole filter, leaves the counting to the core.
Expected<bool> backend_counts_messages(const QueryCalls& calls, const ir::Query& groups) {
  auto explained = calls.explain(groups);
  if (explained) return true;
  if (explained.error().code() == Error::Code::unsupported) return false;
  return Unexpected(explained.error().with_context("error patterns"));
}

// The service's logs of error and worse in the example traces, newest first: what each one logged.
// One query for all of them, beside their trace_gets.
ir::Query error_logs_of(const ir::Query& logs, const ir::TimeRange& window,
                        const std::vector<std::pair<std::string, std::string>>& picks) {
  std::vector<ir::Value> trace_ids;
  for (const auto& pick : picks) trace_ids.emplace_back(pick.second);
  ir::Query q = logs;
  q.time = window;
  q.filter = ir::Filter::make_and(
      {ir::Filter::make_predicate("trace_id", ir::Op::in, std::move(trace_ids)),
       ir::Filter::make_predicate("severity", ir::Op::ge, {int64_t{ir::kSeverityError}})});
  q.order = ir::Order{"time", true};
  // Repeats are dropped: room for ten distinct lines per trace.
  q.limit = static_cast<int64_t>(kMaxExceptions * 4 * picks.size());
  return q;
}

}  // namespace

Expected<Report> build_report(Engine& engine, const ReportOptions& options, const RunOptions& run) {
  QueryCalls calls;
  calls.build = [&](const QuerySpec& spec) { return engine.build(spec); };
  calls.explain = [&](const ir::Query& query) { return engine.explain(query, run); };
  calls.collect = [&](const ir::Query& query) { return engine.collect(query, run); };
  return build_report(calls, options);
}

Expected<Report> build_report(const QueryCalls& calls, const ReportOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  if (options.service.empty())
    return fail(Error::Code::invalid_query, "incident: name the service to report on");
  auto slow_ns = positive_duration(options.slow, "--slow");
  if (!slow_ns) return Unexpected(slow_ns.error());

  QuerySpec spec;
  spec.signal = ir::Signal::logs;
  spec.service = options.service;
  spec.text = "severity>=warn";
  spec.since = options.since;
  spec.from = options.from;
  spec.to = options.to;
  spec.limit = options.max_records;
  auto logs_query = calls.build(spec);
  if (!logs_query) return Unexpected(logs_query.error());

  Report report;
  report.service = options.service;
  report.window = logs_query->time;
  const int64_t length = report.window.to_ns - report.window.from_ns;
  int64_t baseline_length = length;
  if (!options.baseline.empty() && options.baseline != "prev") {
    auto ns = positive_duration(options.baseline, "--baseline (prev or a duration such as 24h)");
    if (!ns) return Unexpected(ns.error());
    baseline_length = *ns;
  }
  report.baseline = {report.window.from_ns - baseline_length, report.window.from_ns};
  report.bucket_ns = detail::bucket_size(length);
  QueryRunner runner(calls, report);

  logs_query->time.from_ns = report.baseline.from_ns;
  spec.signal = ir::Signal::trace_search;
  spec.text = "";
  auto requests_query = calls.build(spec);
  if (!requests_query) return Unexpected(requests_query.error());
  requests_query->time = {report.baseline.from_ns, report.window.to_ns};
  // Newest first: a cut by the limit then drops the oldest baseline, never the window; and ordering by
  // time is the cheap order for a store to page by.
  requests_query->order = ir::Order{"time", true};
  // The same filter as `tinkr traces SERVICE --failed --slow 1s`.
  spec.text = "(status:error OR duration>" + options.slow + ")";
  auto failing_query = calls.build(spec);
  if (!failing_query) return Unexpected(failing_query.error());
  failing_query->time = requests_query->time;
  failing_query->order = requests_query->order;

  // The backend counts the messages when it can (a log_groups query: one row per message instead of
  // one per record); otherwise every record comes back and the core counts.
  ir::Query window_groups = *logs_query;
  window_groups.signal = ir::Signal::log_groups;
  window_groups.time = report.window;
  ir::Query baseline_groups = window_groups;
  baseline_groups.time = report.baseline;
  auto counted_by_backend = backend_counts_messages(calls, window_groups);
  if (!counted_by_backend) return Unexpected(counted_by_backend.error());

  std::vector<QueryRunner::Ask> searches{{"metric shifts: every request", *requests_query},
                                         {"failing operations: failed or slow requests", *failing_query}};
  if (*counted_by_backend) {
    searches.push_back({"error patterns: messages of warning and worse in the window", window_groups});
    searches.push_back({"error patterns: messages of warning and worse in the baseline", baseline_groups});
  } else {
    searches.push_back({"error patterns: logs of warning and worse", *logs_query});
  }
  auto answers = runner(searches);
  for (const auto& answer : answers)
    if (!answer) return Unexpected(answer.error());
  auto& requests = answers[0];
  auto& failing = answers[1];

  detail::LogGroupSplit messages;
  if (*counted_by_backend) {
    for (std::size_t i : {2, 3}) {
      auto groups = detail::groups_of_tables(answers[i]->tables);
      if (!groups) return Unexpected(groups.error().with_context(searches[i].purpose));
      if (options.max_records > 0 && static_cast<int64_t>(groups->size()) >= options.max_records)
        report.warnings.push_back(
            searches[i].purpose + ": only the " + std::to_string(groups->size()) +
            " most frequent messages were counted (the limit); rarer patterns are missing");
      (i == 2 ? messages.window : messages.baseline) = std::move(*groups);
    }
  } else {
    messages = detail::groups_of_records(records_of<LogRecord>(*answers[2]), report.window);
  }
  const auto all_requests = records_of<TraceSummary>(*requests);
  const auto failed_or_slow = records_of<TraceSummary>(*failing);
  report.patterns = detail::error_patterns(messages.window, messages.baseline, options.top);
  report.operations =
      detail::failing_operations(failed_or_slow, all_requests, report.window, *slow_ns, options.top);
  report.shifts = detail::metric_shifts(all_requests, report.window, report.baseline, report.bucket_ns,
                                        report.baseline_has_data);
  if (!report.baseline_has_data)
    report.warnings.push_back(
        "the baseline has requests in fewer than six buckets: metrics are scored against the window's own "
        "buckets, and a pattern seen only in the window counts as new");

  const auto picks = pick_examples(report, failed_or_slow);
  std::vector<QueryRunner::Ask> traces;
  for (const auto& [why, trace_id] : picks) {
    ir::Query trace;
    trace.signal = ir::Signal::trace_get;
    trace.trace_id = trace_id;
    trace.time = report.window;
    traces.push_back({"example trace " + trace_id, std::move(trace)});
  }
  if (!picks.empty())
    traces.push_back({"example traces: their error logs", error_logs_of(*logs_query, report.window, picks)});
  auto trace_answers = runner(traces);
  for (const auto& answer : trace_answers)
    if (!answer) return Unexpected(answer.error());
  const auto error_logs =
      picks.empty() ? std::vector<LogRecord>() : records_of<LogRecord>(*trace_answers.back());
  for (std::size_t i = 0; i < picks.size(); ++i) {
    auto example = detail::example_trace(picks[i].first, records_of<Span>(*trace_answers[i]));
    if (example.trace_id.empty()) continue;  // gone since the search (retention): nothing to show
    for (const auto& log : error_logs) {
      if (log.trace_id != picks[i].second) continue;
      if (example.exceptions.size() >= kMaxExceptions) break;
      std::string text = log.service + " log: " + log.body.substr(0, log.body.find('\n'));
      if (std::find(example.exceptions.begin(), example.exceptions.end(), text) == example.exceptions.end())
        example.exceptions.push_back(std::move(text));
    }
    report.examples.push_back(std::move(example));
  }
  report.elapsed_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started)
          .count();
  return report;
}

}  // namespace tinkr::incident
