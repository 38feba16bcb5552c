// Runs or explains one query for a command.
#include "run_query.hpp"

#include "output/cost_text.hpp"

#include "common/critical_path_json.hpp"
#include "common/error_tables.hpp"
#include "common/result_json.hpp"
#include "output/safe_text.hpp"
#include "output/span_tree.hpp"
#include "progress_line.hpp"

namespace tinkr::cli {
namespace {

// `tinkr trace ID -o table` draws the tree, which needs every span first.
class SpanCollector final : public ResultSink {
 public:
  explicit SpanCollector(ProgressLine& progress) : progress_(progress) {}
  bool on_record(Record&& record) override {
    progress_.add_records(1);
    if (auto* span = std::get_if<Span>(&record)) spans.push_back(std::move(*span));
    return true;
  }
  std::vector<Span> spans;

 private:
  ProgressLine& progress_;
};

// Results cut by --limit (or the default limit) say so: a reader cannot tell "all there is" from
// "the first N" otherwise.
void report_limit(const RunStats& stats, std::ostream& err) {
  const std::string_view results = stats.delivered == 1 ? " result" : " results";
  if (stats.truncated) {
    err << "tinkr: showing the first " << stats.delivered << results << ": more match (raise --limit)\n";
  } else if (stats.limit > 0) {
    err << "tinkr: showing " << stats.delivered << results << ", the limit: more may match (raise --limit)\n";
  }
}

// What the answer says beside its records: how the query was adjusted, and, when asked, what it cost.
void report_notices_and_cost(const RunStats& stats, const QuerySpec& spec, std::ostream& err) {
  for (const auto& notice : stats.notices) err << "tinkr: note: " << escape_controls(notice) << '\n';
  if (spec.statistics) {
    const std::string cost = describe_cost(stats.statistics_json);
    err << "tinkr: stats: " << (cost.empty() ? "the backend reported no statistics" : cost) << '\n';
  }
}

}  // namespace

FormatSink::FormatSink(OutputFormat& output, std::ostream& err, bool own_thread)
    : output_(output), err_(err) {
  if (own_thread) writer_.emplace(output_);
}

void FormatSink::count_one() {
  ++records_;
  if (progress_) progress_->add_records(1);
}

bool FormatSink::on_record(Record&& record) {
  count_one();
  if (const auto* span = std::get_if<Span>(&record); span && keep_spans_) spans_.push_back(*span);
  if (writer_)
    writer_->record(std::move(record));
  else
    output_.record(record);
  return true;
}

bool FormatSink::on_log_record_view(const LogRecordView& record) {
  count_one();
  if (writer_)
    writer_->log_record(record);
  else
    output_.log_record(record);
  return true;
}

bool FormatSink::on_record_line(std::string_view json_object) {
  count_one();
  if (writer_) writer_->drain();  // the line is a view: written here, after what was handed over
  output_.record_line(json_object);
  return true;
}

bool FormatSink::on_table_begin(const std::string& name, const std::vector<Column>& columns) {
  if (writer_) writer_->drain();
  output_.table_begin(name, columns);
  return true;
}

// A tinkr-server's rows come here (the engine's come as views).
bool FormatSink::on_table_row(std::vector<std::optional<std::string>>&& cells) {
  if (writer_) {
    views_.clear();
    for (const auto& cell : cells)
      views_.push_back(cell ? std::optional<std::string_view>(*cell) : std::nullopt);
    return on_table_row_view(views_);
  }
  count_one();
  output_.table_row(cells);
  return true;
}

bool FormatSink::on_table_row_view(std::span<const std::optional<std::string_view>> cells) {
  if (!writer_) return ResultSink::on_table_row_view(cells);  // copied for on_table_row
  count_one();
  writer_->table_row(cells);
  return true;
}

void FormatSink::finish_writing() {
  if (!writer_) return;
  writer_->drain();
  writer_->rethrow_failure();
}

void FormatSink::on_warning(const std::string& message) {
  warnings_.push_back(message);
  err_ << "tinkr: warning: " << escape_controls(message) << '\n';
}

void print_explanation(const Explanation& explanation, Format format, std::ostream& out) {
  if (format != Format::table && format != Format::chart) {
    out << host::explanation_to_json(explanation) << '\n';
    return;
  }
  out << "native query (not sent):\n";
  for (std::size_t start = 0; start <= explanation.native.size();) {
    const std::size_t end = std::min(explanation.native.find('\n', start), explanation.native.size());
    out << "  " << explanation.native.substr(start, end - start) << '\n';
    start = end + 1;
  }
  out << "pushed to the backend: " << (explanation.pushed_ir_json.empty() ? "-" : explanation.pushed_ir_json)
      << '\n';
  out << "evaluated in tinkr:    "
      << (explanation.residual_json.empty() ? "nothing" : explanation.residual_json) << '\n';
  for (const auto& note : explanation.notes) out << "note: " << note << '\n';
}

int run_query_command(const QueryEnv& env, const QuerySpec& spec, bool explain) {
  auto format = parse_format(env.console.output(), spec.signal == ir::Signal::metrics);
  if (!format) return env.console.report(format.error());
  auto client = env.clients.client();
  if (!client) return env.console.report(client.error());
  if (explain) {
    auto explanation = (*client)->explain(spec);
    if (!explanation) return env.console.report(explanation.error());
    print_explanation(*explanation, *format, env.console.out);
    return 0;
  }

  RunOptions options;
  options.cancel = env.cancel;
  ProgressLine progress(env.console.err, env.console.progress_enabled());
  if (spec.signal == ir::Signal::trace_get && *format == Format::table) {
    SpanCollector spans(progress);
    auto stats = (*client)->run(spec, spans, options);
    progress.stop();
    if (!stats) return env.console.report(stats.error());
    render_span_tree(spans.spans, env.console.out, env.console.style());
    report_notices_and_cost(*stats, spec, env.console.err);
    return 0;
  }

  const Style style = env.console.style();
  auto output = make_output(*format, env.console.out, style);
  FormatSink sink(*output, env.console.err, /*own_thread=*/!style.terminal);
  sink.count_into(&progress);
  const bool trace = spec.signal == ir::Signal::trace_get;
  if (trace) sink.keep_spans();
  auto stats = (*client)->run(spec, sink, options, sink.record_lines());
  sink.finish_writing();
  progress.stop();
  if (trace && stats) output->trailer(host::critical_path_item(sink.spans()));
  // A result that stands in part says so where a script reads it: in the output, and in the exit code.
  Incompleteness missing{sink.warnings(), std::nullopt};
  const bool cut_short = !stats && sink.records() > 0 && stats.error().code() != Error::Code::cancelled;
  if (cut_short) missing.error = stats.error();
  if (!missing.warnings.empty() || missing.error) output->mark_incomplete(missing);
  output->finish();
  if (cut_short) {
    env.console.report(stats.error());
    env.console.err << "tinkr: the results above are incomplete (exit code " << host::kExitPartial << ")\n";
    return host::kExitPartial;
  }
  if (!stats) return env.console.report(stats.error());
  report_notices_and_cost(*stats, spec, env.console.err);
  report_limit(*stats, env.console.err);
  if (stats->requests > 1)
    env.console.err << "tinkr: the filter ran in tinkr: read " << stats->received << " records in "
                    << stats->requests << " requests to the backend, newest first\n";
  if (sink.records() == 0 && (*format == Format::table || *format == Format::chart))
    env.console.err << "tinkr: no records matched\n";
  return missing.warnings.empty() ? host::kExitOk : host::kExitPartial;
}

}  // namespace tinkr::cli
