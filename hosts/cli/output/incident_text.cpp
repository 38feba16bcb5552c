// The incident report for a reader; see incident_text.hpp.
#include "output/incident_text.hpp"

#include "common/time_text.hpp"
#include "output/safe_text.hpp"
#include "output/sparkline.hpp"
#include "output/table_output.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace tinkr::cli {
namespace {

constexpr const char* kRed = "\x1b[31m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

// Rows of cells printed as aligned columns (numbers right-aligned), two spaces apart.
class Columns {
 public:
  explicit Columns(std::vector<std::string> header, std::vector<bool> right) : right_(std::move(right)) {
    rows_.push_back(std::move(header));
  }
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void print(std::ostream& out, const Style& style, const std::vector<bool>& red = {}) const {
    std::vector<std::size_t> widths(rows_.front().size(), 0);
    for (const auto& row : rows_)
      for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      const bool highlight = style.colour && r > 0 && r - 1 < red.size() && red[r - 1];
      if (highlight) out << kRed;
      std::string line;
      for (std::size_t c = 0; c < rows_[r].size(); ++c) {
        const std::string& cell = rows_[r][c];
        const std::string pad(widths[c] - display_width(cell), ' ');
        if (c > 0) line += "  ";
        line += right_[c] ? pad + cell : (c + 1 == rows_[r].size() ? cell : cell + pad);
      }
      line.erase(line.find_last_not_of(' ') + 1);  // an empty last cell leaves no trailing blanks
      out << line;
      if (highlight) out << kReset;
      out << '\n';
    }
  }

 private:
  std::vector<std::vector<std::string>> rows_;
  std::vector<bool> right_;
};

std::string safe(const std::string& text) {
  return escape_controls(text);
}

std::string clock(int64_t ns) {
  return ns == 0 ? "-" : host::format_time(ns);
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string metric_value(const std::optional<double>& value, const std::string& unit) {
  if (!value) return "-";
  if (unit == "ratio") return fixed(*value * 100, 1) + "%";
  if (unit == "/s") return fixed(*value, 2) + "/s";
  return fixed(*value, 1) + "ms";
}

void heading(std::ostream& out, const Style& style, const std::string& title) {
  out << '\n' << (style.colour ? kBold : "") << title << (style.colour ? kReset : "") << '\n';
}

void print_patterns(const incident::Report& report, std::ostream& out, const Style& style) {
  heading(out, style, "ERROR PATTERNS (warning and worse, new first)");
  if (report.patterns.empty()) {
    out << "none: no log records of warning or worse in the window\n";
    return;
  }
  Columns table({"", "LEVEL", "COUNT", "BASELINE", "FIRST SEEN", "LAST SEEN", "PATTERN"},
                {false, false, true, true, false, false, false});
  std::vector<bool> red;
  for (const auto& p : report.patterns) {
    table.add({p.is_new ? "new" : "", safe(p.severity_text), std::to_string(p.count),
               std::to_string(p.baseline_count), clock(p.first_seen_ns), clock(p.last_seen_ns),
               safe(p.pattern)});
    red.push_back(p.is_new && p.severity_number >= 17);
  }
  table.print(out, style, red);
}

void print_operations(const incident::Report& report, const std::string& slow, std::ostream& out,
                      const Style& style) {
  heading(out, style, "FAILING OPERATIONS (failed, or slower than " + slow + ")");
  if (report.operations.empty()) {
    out << "none: no failed or slow requests in the window\n";
    return;
  }
  Columns table({"OPERATION", "REQUESTS", "FAILED", "SLOW", "BASELINE FAILED", "SLOWEST", "RESULT CODES"},
                {false, true, true, true, true, true, false});
  for (const auto& o : report.operations) {
    std::string codes;
    for (const auto& [code, count] : o.result_codes)
      codes += (codes.empty() ? "" : ", ") + safe(code) + " ×" + std::to_string(count);
    table.add({safe(o.name), std::to_string(o.requests), std::to_string(o.failed), std::to_string(o.slow),
               std::to_string(o.baseline_failed), host::format_duration(o.max_duration_ns), codes});
  }
  table.print(out, style);
}

void print_shifts(const incident::Report& report, std::ostream& out, const Style& style) {
  heading(out, style,
          std::string("METRIC SHIFTS (per ") + host::format_duration(report.bucket_ns) +
              " bucket, robust z = (x - median) / 1.4826 MAD against the " +
              (report.baseline_has_data ? "baseline" : "window's own buckets") + ")");
  std::vector<std::string> header = {"METRIC", "WINDOW", "BASELINE", "SCORE", "SHIFT BEGAN"};
  std::vector<bool> right = {false, true, true, true, false};
  if (style.terminal) header.emplace_back("OVER THE WINDOW"), right.push_back(false);
  Columns table(header, right);
  std::vector<bool> red;
  for (const auto& s : report.shifts) {
    std::vector<std::string> row = {s.metric, metric_value(s.window_value, s.unit),
                                    metric_value(s.baseline_value, s.unit), fixed(s.score, 1),
                                    s.shifted ? clock(s.shift_start_ns) : "-"};
    if (style.terminal) row.push_back(sparkline(s.points));
    table.add(std::move(row));
    red.push_back(s.shifted);
  }
  table.print(out, style, red);
}

void print_examples(const incident::Report& report, std::ostream& out, const Style& style) {
  heading(out, style, "EXAMPLE TRACES (critical path: what the trace waited on)");
  if (report.examples.empty()) {
    out << "none: no failed or slow request to show\n";
    return;
  }
  for (const auto& e : report.examples) {
    out << safe(e.why) << ": trace " << safe(e.trace_id) << "  " << safe(e.name) << "  "
        << host::format_duration(e.duration_ns) << (e.status_code.empty() ? "" : "  " + safe(e.status_code))
        << '\n';
    Columns path({"  AT", "TOOK", "SPAN", ""}, {false, true, false, false});
    std::vector<bool> red;
    for (const auto& step : e.critical_path) {
      path.add({"  +" + host::format_duration(step.start_ns - e.start_ns),
                host::format_duration(step.end_ns - step.start_ns),
                safe(step.service) + ": " + safe(step.name), step.error ? "ERROR" : ""});
      red.push_back(step.error);
    }
    path.print(out, style, red);
    for (const auto& x : e.exceptions) out << "  ! " << safe(x) << '\n';
  }
}

void print_queries(const incident::Report& report, std::ostream& out, const Style& style) {
  heading(out, style, "QUERIES RUN (as --explain shows them)");
  for (const auto& q : report.queries)
    out << "# " << safe(q.purpose) << " (" << q.signal << ")\n" << escape_controls(q.native, "\n") << "\n";
}

}  // namespace

void print_incident(const incident::Report& report, const std::string& slow, std::ostream& out,
                    const Style& style) {
  out << (style.colour ? kBold : "") << "incident report: " << safe(report.service)
      << (style.colour ? kReset : "") << "  " << clock(report.window.from_ns) << " .. "
      << clock(report.window.to_ns) << "\nbaseline " << clock(report.baseline.from_ns) << " .. "
      << clock(report.baseline.to_ns) << '\n';
  for (const auto& w : report.warnings) out << "note: " << safe(w) << '\n';
  print_patterns(report, out, style);
  print_operations(report, slow, out, style);
  print_shifts(report, out, style);
  print_examples(report, out, style);
  print_queries(report, out, style);
}

}  // namespace tinkr::cli
