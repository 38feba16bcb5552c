#include "output/metric_grid.hpp"

#include "common/time_text.hpp"

#include <map>

namespace tinkr::cli {
namespace {

std::string series_title(const MetricSeries& s) {
  std::string title = s.metric + " " + s.aggregation;
  if (!s.dimensions_json.empty() && s.dimensions_json != "{}") title += " " + s.dimensions_json;
  // UCUM's curly-brace units ("{request}") are annotations of a plain count: nothing to add.
  const std::string unit = value_unit(s);
  if (!unit.empty() && unit.front() != '{') title += " (" + unit + ")";
  return title;
}

}  // namespace

void build_metric_grid(const std::vector<MetricSeries>& series, std::vector<std::string>& headers,
                       std::vector<TextRow>& rows) {
  headers = {"TIME"};
  for (const auto& s : series) headers.push_back(series_title(s));
  // Series may report different instants; the grid has a row for every instant any of them has.
  std::map<int64_t, TextRow> by_time;
  for (std::size_t column = 0; column < series.size(); ++column) {
    for (const auto& point : series[column].points) {
      auto& row = by_time[point.time_ns];
      if (row.empty()) row.assign(series.size() + 1, "");
      if (!point.has_value) continue;
      row[column + 1] = format_number(point.value);
    }
  }
  for (auto& [time, row] : by_time) {
    row[0] = host::format_time(time);
    rows.push_back(std::move(row));
  }
}

}  // namespace tinkr::cli
