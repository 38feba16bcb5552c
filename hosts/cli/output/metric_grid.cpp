// Metric series as rows of text (see metric_grid.hpp).
#include "output/metric_grid.hpp"

#include "common/time_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace tinkr::cli {

std::string series_title(const MetricSeries& s) {
  std::string title = s.metric + " " + s.aggregation;
  if (!s.dimensions_json.empty() && s.dimensions_json != "{}") title += " " + s.dimensions_json;
  // UCUM's curly-brace units ("{request}") are annotations of a plain count: nothing to add.
  const std::string unit = value_unit(s);
  if (!unit.empty() && unit.front() != '{') title += " (" + unit + ")";
  return title;
}

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

void build_metric_summary(const std::vector<MetricSeries>& series, std::vector<std::string>& headers,
                          std::vector<TextRow>& rows) {
  headers = {"SERIES", "MIN", "MAX", "LAST"};
  for (const auto& s : series) {
    std::optional<double> low, high, last;
    int64_t last_time = 0;
    for (const auto& p : s.points) {
      if (!p.has_value || !std::isfinite(p.value)) continue;
      low = low ? std::min(*low, p.value) : p.value;
      high = high ? std::max(*high, p.value) : p.value;
      if (!last || p.time_ns >= last_time) last = p.value, last_time = p.time_ns;
    }
    auto text = [](const std::optional<double>& v) { return v ? format_number(*v) : std::string("-"); };
    rows.push_back({series_title(s), text(low), text(high), text(last)});
  }
}

}  // namespace tinkr::cli
