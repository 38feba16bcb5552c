// The pictures of docs/cli.md "Charts": sparklines, the shared time grid, braille line charts (-o
// chart, golden text) and the metrics table's TREND column on a wide terminal. A missing point is a
// gap in every picture, never a zero.
#include "fixed_records.hpp"
#include "golden.hpp"
#include "output/braille_chart.hpp"
#include "output/output_format.hpp"
#include "output/series_grid.hpp"
#include "output/sparkline.hpp"
#include "output/table_output.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace tinkr::cli {
namespace {

constexpr int64_t kMinute = 60'000'000'000;
constexpr int64_t kT0 = 1'795'600'000'000'000'000;  // 2026-11-25T09:46:40Z

std::string render(Format format, const std::vector<Record>& records, Style style) {
  std::ostringstream out;
  auto output = make_output(format, out, style);
  for (const auto& record : records) output->record(record);
  output->finish();
  return out.str();
}

MetricSeries series_of(std::vector<MetricPoint> points, int64_t interval_ns = kMinute) {
  MetricSeries s;
  s.metric = "latency";
  s.aggregation = "avg";
  s.unit = "ms";
  s.interval_ns = interval_ns;
  s.points = std::move(points);
  return s;
}

TEST(Sparkline, OneBlockPerValueFromLeastToMost) {
  EXPECT_EQ(sparkline({0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, std::nullopt}), "▁▂▃▄▅▆▇█ ");
  EXPECT_EQ(sparkline({5.0, 5.0}), "▁▁");
  EXPECT_EQ(sparkline({std::nullopt}), "");
  EXPECT_EQ(sparkline({}), "");
}

TEST(Sparkline, SqueezingAveragesAndKeepsGapsEmpty) {
  const std::vector<std::optional<double>> values = {1.0, 3.0, std::nullopt, std::nullopt, 8.0, std::nullopt};
  const auto cells = squeeze(values, 3);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0], 2.0);
  EXPECT_EQ(cells[1], std::nullopt) << "two missing values make a gap, not a zero";
  EXPECT_EQ(cells[2], 8.0);
  EXPECT_EQ(squeeze(values, 10), values);
}

TEST(SeriesGrid, AbsentAndEmptyPointsAreBothGapsOnOneSharedAxis) {
  // `a` lacks the minute at +1 (absent) and has none at +3 (present without a value); `b` starts later.
  const auto a = series_of({{0, 1, true}, {2 * kMinute, 3, true}, {3 * kMinute, 0, false}});
  const auto b = series_of({{2 * kMinute, 7, true}, {4 * kMinute, 9, true}});
  const auto grid = lay_on_grid({a, b});
  EXPECT_EQ(grid.start_ns, 0);
  EXPECT_EQ(grid.step_ns, kMinute);
  ASSERT_EQ(grid.slots, 5u);
  using V = std::vector<std::optional<double>>;
  EXPECT_EQ(grid.values[0], (V{1.0, std::nullopt, 3.0, std::nullopt, std::nullopt}));
  EXPECT_EQ(grid.values[1], (V{std::nullopt, std::nullopt, 7.0, std::nullopt, 9.0}));
}

TEST(SeriesGrid, WithoutAnIntervalTheStepIsTheClosestTwoPoints) {
  const auto grid =
      lay_on_grid({series_of({{0, 1, true}, {30'000'000'000, 2, true}, {90'000'000'000, 4, true}}, 0)});
  EXPECT_EQ(grid.step_ns, 30'000'000'000);
  EXPECT_EQ(grid.slots, 4u);
  EXPECT_EQ(grid.values[0][2], std::nullopt);
}

TEST(SeriesGrid, AHugeRangeIsCoarsenedNotAllocated) {
  const auto grid = lay_on_grid({series_of({{0, 1, true}, {1'000'000 * kMinute, 2, true}})}, 100);
  EXPECT_LE(grid.slots, 100u);
  EXPECT_EQ(grid.values[0].front(), 1.0);
  EXPECT_EQ(grid.values[0].back(), 2.0);
}

TEST(BrailleChart, CharactersAreTheBrailleBlock) {
  EXPECT_EQ(braille_character(0), "\u2800");
  EXPECT_EQ(braille_character(0xFF), "\u28FF");
  EXPECT_EQ(braille_character(0x01 | 0x40), "\u2841");  // dots 1 and 7: the left column's top and bottom
}

TEST(BrailleChart, AFlatSeriesIsALineAcrossTheMiddle) {
  const auto rows = braille_rows({5.0, 5.0, 5.0}, 5, 5, 2, 1);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], "⠤⠤");  // dots 3 and 6 (the third row) in both cells: x 0..3 joined
}

TEST(BrailleChart, AMissingValueIsAGapNotADropToZero) {
  // 1, (none), 1 over 0..2 on one row of three cells: a dot at each end, nothing between, and nothing
  // on the bottom row of dots where a zero would be.
  const auto rows = braille_rows({1.0, std::nullopt, 1.0}, 0, 2, 3, 1);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], "⠄⠀⠠");
  const auto with_zero = braille_rows({1.0, 0.0, 1.0}, 0, 2, 3, 1);
  EXPECT_NE(with_zero[0], rows[0]);
}

TEST(BrailleChart, ARisingLineGoesFromTheBottomLeftToTheTopRight) {
  const auto rows = braille_rows({0.0, 10.0}, 0, 10, 4, 2);
  ASSERT_EQ(rows.size(), 2u);
  // 8 x 8 dots, one per column on the diagonal: (0,7) (1,6) ... (7,0).
  EXPECT_EQ(rows[0], "⠀⠀⡠⠊");
  EXPECT_EQ(rows[1], "⡠⠊⠀⠀");
}

TEST(ChartFormat, MatchesTheGoldenFileOffATerminal) {
  const std::string text = render(Format::chart, testing::fixed_metrics(), Style{});
  testing::expect_golden("metrics.chart", text);
  EXPECT_NE(text.find("1 missing (drawn as gaps)"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-11-25T09:46:40.000Z"), std::string::npos) << "the time axis is labelled";
  EXPECT_NE(text.find(" 120 ┤"), std::string::npos) << "the value range is labelled";
  EXPECT_NE(text.find("\n87.5 ┤"), std::string::npos);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

// Two series on one time axis: `latency` has a three-minute hole, `errors` starts later. Each chart
// keeps its own value range; both span the same minutes.
TEST(ChartFormat, SeveralSeriesShareTheTimeAxisAndKeepTheirGaps) {
  const double latency[] = {20, 22, 25, 24, 30, 45, 80, 120, 160, 150,
                            -1, -1, -1, 90, 60, 40, 30, 25,  22,  21};
  std::vector<MetricPoint> latency_points, error_points;
  for (int i = 0; i < 20; ++i) {
    if (latency[i] >= 0) latency_points.push_back({kT0 + i * kMinute, latency[i], true});
    if (i >= 5) error_points.push_back({kT0 + i * kMinute, static_cast<double>((i - 5) % 4), true});
  }
  auto errors = series_of(error_points);
  errors.metric = "errors";
  errors.unit = "{error}";
  errors.aggregation = "sum";
  const std::string text = render(Format::chart, {series_of(latency_points), errors}, Style{false, true, 60});
  testing::expect_golden("series.chart", text);
  EXPECT_NE(text.find("latency avg (ms)  20 points, 1m00s apart, 3 missing (drawn as gaps)"),
            std::string::npos);
  EXPECT_NE(text.find("2026-11-25T09:46:40.000Z"), std::string::npos) << "the axis starts where latency does";
  EXPECT_NE(text.find("errors sum  20 points, 1m00s apart, 5 missing (drawn as gaps)"), std::string::npos);
}

TEST(ChartFormat, ColourOnlyWhenAskedAndControlCharactersFromDataEscaped) {
  auto series = series_of({{0, 1, true}, {kMinute, 2, true}});
  series.metric = "evil\x1b]0;pwned\x07";
  const std::string coloured = render(Format::chart, {series}, Style{true, true, 100});
  EXPECT_NE(coloured.find("\x1b[36m"), std::string::npos);
  EXPECT_EQ(coloured.find("\x1b]0;"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("evil\\x1b]0;pwned\\x07"), std::string::npos) << coloured;
  const std::string plain = render(Format::chart, {series}, Style{false, true, 100});
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
}

TEST(ChartFormat, FollowsTheTerminalWidth) {
  const auto series = series_of({{0, 1, true}, {kMinute, 2, true}});
  const std::string text = render(Format::chart, {series}, Style{false, true, 50});
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);  // the title
  std::getline(lines, line);
  EXPECT_EQ(display_width(line), 50u) << line;
}

TEST(ChartFormat, OnlyTheMetricsCommandMayAskForIt) {
  auto refused = parse_format("chart");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("only `tinkr metrics`"), std::string::npos);
  EXPECT_EQ(parse_format("chart", true).value(), Format::chart);
}

TEST(MetricsTable, AWideTerminalGetsATrendColumnAboveTheGrid) {
  const std::string wide = render(Format::table, testing::fixed_metrics(), Style{false, true, 120});
  EXPECT_NE(wide.find("TREND"), std::string::npos) << wide;
  EXPECT_NE(wide.find("█ ▁"), std::string::npos) << "120, a gap, 87.5\n" << wide;
  EXPECT_LT(wide.find("TREND"), wide.find("TIME"));
  const std::string narrow = render(Format::table, testing::fixed_metrics(), Style{false, true, 60});
  EXPECT_EQ(narrow.find("TREND"), std::string::npos) << narrow;
  const std::string piped = render(Format::table, testing::fixed_metrics(), Style{});
  EXPECT_EQ(piped.find("TREND"), std::string::npos);
  EXPECT_EQ(piped.find("▁"), std::string::npos);
}

}  // namespace
}  // namespace tinkr::cli
