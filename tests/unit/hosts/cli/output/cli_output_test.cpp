// Each output format, and the span tree, on fixed records, compared with golden files in
// tests/unit/hosts/cli/output/golden/. Run with TINKR_UPDATE_GOLDEN=1 to rewrite them after a deliberate
// change, then review the diff.
#include "fixed_records.hpp"
#include "golden.hpp"
#include "output/metric_grid.hpp"
#include "output/output_format.hpp"
#include "output/record_rows.hpp"
#include "output/span_tree.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tinkr::cli {
namespace {

using testing::expect_golden;

std::string render(Format format, const std::vector<Record>& records, Style style = {}) {
  std::ostringstream out;
  auto output = make_output(format, out, style);
  for (const auto& record : records) output->record(record);
  output->finish();
  return out.str();
}

std::string render_table(Format format) {
  std::ostringstream out;
  auto output = make_output(format, out, {});
  const Table table = testing::fixed_table();
  output->table_begin(table.name, table.columns);
  for (const auto& row : table.rows) output->table_row(row);
  output->finish();
  return out.str();
}

struct FormatCase {
  Format format;
  const char* extension;
};

class OutputFormatTest : public ::testing::TestWithParam<FormatCase> {};

// Logs, metric series, trace summaries and native tables print as each format's golden file says.
TEST_P(OutputFormatTest, MatchesGoldenFiles) {
  const auto [format, extension] = GetParam();
  expect_golden(std::string("logs.") + extension, render(format, testing::fixed_logs()));
  expect_golden(std::string("metrics.") + extension, render(format, testing::fixed_metrics()));
  expect_golden(std::string("traces.") + extension, render(format, testing::fixed_traces()));
  expect_golden(std::string("native.") + extension, render_table(format));
  const auto fixed_spans = testing::fixed_spans();
  const std::vector<Record> spans(fixed_spans.begin(), fixed_spans.end());
  expect_golden(std::string("spans.") + extension, render(format, spans));
}

INSTANTIATE_TEST_SUITE_P(AllFormats, OutputFormatTest,
                         ::testing::Values(FormatCase{Format::table, "table"},
                                           FormatCase{Format::json, "json"},
                                           FormatCase{Format::ndjson, "ndjson"},
                                           FormatCase{Format::csv, "csv"}),
                         [](const auto& info) { return std::string(info.param.extension); });

// An empty result is still valid output in the machine formats: [] for json, nothing for the rest.
TEST(OutputFormat, NumbersAreWrittenOutWithoutExponents) {
  EXPECT_EQ(format_number(3001080.0), "3001080") << "a large sum is a number, not 3.00108e+06";
  EXPECT_EQ(format_number(123456789012.0), "123456789012");
  EXPECT_EQ(format_number(1234.5678), "1234.57") << "six significant digits";
  EXPECT_EQ(format_number(0.25), "0.25");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(0.00001234), "1.234e-05") << "tiny values keep their digits";
}

TEST(OutputFormat, ACountIsNotInTheMetricsUnit) {
  MetricSeries latency_count;
  latency_count.metric = "http.server.duration";
  latency_count.aggregation = "count";
  latency_count.unit = "ms";
  latency_count.points.push_back({1'000'000'000, 12.0, true});
  MetricSeries latency_avg = latency_count;
  latency_avg.aggregation = "avg";
  EXPECT_EQ(value_unit(latency_count), "");
  EXPECT_EQ(value_unit(latency_avg), "ms");
  std::vector<std::string> headers;
  std::vector<TextRow> rows;
  build_metric_grid({latency_count, latency_avg}, headers, rows);
  ASSERT_EQ(headers.size(), 3u);
  EXPECT_EQ(headers[1], "http.server.duration count");
  EXPECT_EQ(headers[2], "http.server.duration avg (ms)");
  rows.clear();
  append_record_rows(Record(latency_count), rows);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][4], "") << "the table's UNIT column";
}

TEST(OutputFormat, EmptyResultIsValidOutput) {
  EXPECT_EQ(render(Format::json, {}), "[]\n") << "json must stay parseable with no records";
  EXPECT_EQ(render(Format::ndjson, {}), "") << "ndjson has one line per record";
  EXPECT_EQ(render(Format::table, {}), "") << "the table format prints nothing (the CLI says so on stderr)";
}

// Colour appears only when the style asks for it, and then around level cells only.
TEST(OutputFormat, TableColoursLevelsOnlyWhenAsked) {
  const auto plain = render(Format::table, testing::fixed_logs());
  const auto coloured = render(Format::table, testing::fixed_logs(), Style{true});
  EXPECT_EQ(plain.find('\033'), std::string::npos) << "no escape codes without colour";
  EXPECT_NE(coloured.find("\033[31mERROR\033[0m"), std::string::npos) << "errors are red on a terminal";
  EXPECT_NE(coloured.find("\033[33mWARN\033[0m"), std::string::npos) << "warnings are yellow on a terminal";
}

TEST(OutputFormat, UnknownFormatNamesTheChoices) {
  auto format = parse_format("yaml");
  ASSERT_FALSE(format);
  EXPECT_EQ(format.error().message(),
            "-o 'yaml': unknown output format (expected table, chart, json, ndjson or csv)");
}

// The span tree: children under parents by start time, the orphan as its own root, durations and
// bars placed on the trace's timeline.
TEST(SpanTree, MatchesGoldenFile) {
  std::ostringstream out;
  render_span_tree(testing::fixed_spans(), out, Style{}, 40);
  expect_golden("span_tree.txt", out.str());
}

TEST(SpanTree, EverySpanPrintedOnceEvenWithAParentCycle) {
  auto spans = testing::fixed_spans();
  spans[1].parent_span_id = "g1";  // root -> g1 -> c2 -> root
  std::ostringstream out;
  render_span_tree(spans, out, Style{}, 20);
  const std::string text = out.str();
  for (const char* name :
       {"POST /checkout", "POST /payments", "SELECT orders", "GET /inventory/{sku}", "score"}) {
    const auto first = text.find(name);
    ASSERT_NE(first, std::string::npos) << name << " is missing from\n" << text;
    EXPECT_EQ(text.find(name, first + 1), std::string::npos) << name << " printed twice in\n" << text;
  }
}

std::string line_with(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  if (at == std::string::npos) return {};
  const auto start = text.rfind('\n', at) + 1;
  return text.substr(start, text.find('\n', at) - start);
}

// The critical path (tinkr/critical_path.hpp) is marked with ▶ on any output, and bold only on a colour
// terminal: the orphan, which the root never waited on, is not marked.
TEST(SpanTree, TheCriticalPathIsMarkedAndBoldOnlyWithColour) {
  std::ostringstream plain;
  render_span_tree(testing::fixed_spans(), plain, Style{}, 20);
  EXPECT_EQ(line_with(plain.str(), "SELECT orders").rfind("▶ ", 0), 0u) << plain.str();
  EXPECT_EQ(line_with(plain.str(), "POST /checkout").rfind("▶ ", 0), 0u);
  EXPECT_EQ(line_with(plain.str(), "score (orphan)").rfind("  fraud-check", 0), 0u) << plain.str();
  EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);

  std::ostringstream coloured;
  render_span_tree(testing::fixed_spans(), coloured, Style{true, true, 120}, 20);
  EXPECT_EQ(line_with(coloured.str(), "SELECT orders").rfind("▶ \x1b[1m", 0), 0u) << coloured.str();
  EXPECT_EQ(line_with(coloured.str(), "score (orphan)").find("\x1b[1m"), std::string::npos);
}

TEST(SpanTree, EmptyTraceSaysSo) {
  std::ostringstream out;
  render_span_tree({}, out, Style{});
  EXPECT_EQ(out.str(), "trace has no spans\n");
}

}  // namespace
}  // namespace tinkr::cli
