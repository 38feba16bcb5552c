// Log volume by severity over time (see log_histogram.hpp).
#include "output/log_histogram.hpp"

#include "common/json_writing.hpp"
#include "common/time_text.hpp"
#include "output/safe_text.hpp"
#include "output/table_output.hpp"

#include <algorithm>

namespace tinkr::cli {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr std::size_t kPlainBarWidth = 40;
constexpr std::size_t kMaxBarWidth = 80;
constexpr std::string_view kReset = "\033[0m";

// Shades from dark to light, worst first: a plain-text reader tells the severities apart without colour.
constexpr std::array<std::string_view, kSeverityClasses> kShades = {"█", "█", "▓", "▒", "░", "░", "·"};
constexpr std::array<std::string_view, kSeverityClasses> kHeaders = {"FATAL", "ERROR", "WARN",       "INFO",
                                                                     "DEBUG", "TRACE", "UNSPECIFIED"};
constexpr std::array<std::string_view, kSeverityClasses> kNames = {"fatal", "error", "warn",       "info",
                                                                   "debug", "trace", "unspecified"};

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t shown = display_width(text);
  return std::string(width > shown ? width - shown : 0, ' ') + text;
}

// A bar of the bucket's records, worst first, the longest bucket filling `width`. A severity with any
// record in the bucket gets at least one cell, so that three errors among a thousand lines still show.
std::string bar(const LogHistogram& h, std::size_t bucket, int64_t most, std::size_t width,
                const Style& style) {
  std::string text;
  for (std::size_t s = 0; s < kSeverityClasses; ++s) {
    const int64_t n = h.count(bucket, static_cast<SeverityClass>(s));
    if (n == 0) continue;
    const auto cells = std::max<int64_t>(1, (n * static_cast<int64_t>(width) + most / 2) / most);
    std::string segment;
    for (int64_t i = 0; i < cells; ++i) segment += kShades[s];
    const auto tone = style.colour ? tone_of(kHeaders[s]) : std::string_view();
    text += tone.empty() ? segment : std::string(tone) + segment + std::string(kReset);
  }
  return text;
}

}  // namespace

SeverityClass severity_class(int32_t n) {
  if (n >= 21 && n <= 24) return SeverityClass::fatal;
  if (n >= 17 && n <= 20) return SeverityClass::error;
  if (n >= 13 && n <= 16) return SeverityClass::warn;
  if (n >= 9 && n <= 12) return SeverityClass::info;
  if (n >= 5 && n <= 8) return SeverityClass::debug;
  if (n >= 1 && n <= 4) return SeverityClass::trace;
  return SeverityClass::unspecified;
}

std::string_view severity_class_name(SeverityClass severity) {
  return kNames[static_cast<std::size_t>(severity)];
}

int64_t LogHistogram::bucket_for(int64_t window_ns, int most) {
  static constexpr int64_t kSizes[] = {1,     2,     5,     10,    15,     30,     60,
                                       120,   300,   600,   900,   1800,   3600,   7200,
                                       10800, 21600, 43200, 86400, 172800, 604800, 2592000};
  for (int64_t size : kSizes)
    if (window_ns <= size * kSecond * most) return size * kSecond;
  return window_ns / most + 1;  // a window of years: plain division
}

LogHistogram::LogHistogram(std::string service, int64_t from_ns, int64_t to_ns, int64_t bucket_ns)
    : service_(std::move(service)),
      from_ns_(from_ns),
      to_ns_(std::max(to_ns, from_ns + 1)),
      bucket_ns_(std::max<int64_t>(bucket_ns, 1)) {
  // floor(from / bucket) * bucket, also for times before the epoch.
  first_ns_ = from_ns_ / bucket_ns_ * bucket_ns_;
  if (first_ns_ > from_ns_) first_ns_ -= bucket_ns_;
  counts_.resize(static_cast<std::size_t>((to_ns_ - first_ns_ + bucket_ns_ - 1) / bucket_ns_));
}

void LogHistogram::add(const LogRecord& record) {
  if (record.time_ns < from_ns_ || record.time_ns >= to_ns_) return;
  const auto bucket = static_cast<std::size_t>((record.time_ns - first_ns_) / bucket_ns_);
  counts_[bucket][static_cast<std::size_t>(severity_class(record.severity_number))] +=
      std::max<int64_t>(record.item_count, 1);
  ++records_;
  oldest_ns_ = oldest_ns_ == 0 ? record.time_ns : std::min(oldest_ns_, record.time_ns);
}

int64_t LogHistogram::total(std::size_t bucket) const {
  int64_t sum = 0;
  for (int64_t n : counts_[bucket]) sum += n;
  return sum;
}

std::vector<SeverityClass> LogHistogram::present() const {
  std::vector<SeverityClass> found;
  for (std::size_t s = 0; s < kSeverityClasses; ++s)
    for (const auto& bucket : counts_)
      if (bucket[s] > 0) {
        found.push_back(static_cast<SeverityClass>(s));
        break;
      }
  return found;
}

void print_histogram(const LogHistogram& h, std::ostream& out, const Style& style) {
  out << "log records of " << escape_controls(h.service()) << " by severity, "
      << host::format_time(h.from_ns()) << " .. " << host::format_time(h.to_ns()) << ", "
      << host::format_duration(h.bucket_ns()) << " buckets: " << h.records()
      << (h.records() == 1 ? " record" : " records") << " counted\n";
  if (!h.complete())
    out << "note: the limit cut the count: only the newest " << h.records()
        << " records were read, so the buckets before " << host::format_time(h.oldest_ns())
        << " are short (raise --limit)\n";
  const auto severities = h.present();
  if (severities.empty()) {
    out << "no log records in the window\n";
    return;
  }
  std::string legend;
  for (auto s : severities)
    legend += std::string(legend.empty() ? "" : "  ") + std::string(kShades[static_cast<std::size_t>(s)]) +
              " " + std::string(kNames[static_cast<std::size_t>(s)]);
  out << legend << "\n\n";

  // Columns: TIME, a count per severity present, TOTAL, then the bar in the room that is left.
  std::vector<std::string> header = {"TIME"};
  for (auto s : severities) header.emplace_back(kHeaders[static_cast<std::size_t>(s)]);
  header.emplace_back("TOTAL");
  std::vector<std::vector<std::string>> rows;
  int64_t most = 1;
  for (std::size_t b = 0; b < h.buckets(); ++b) {
    std::vector<std::string> row = {host::format_time(h.bucket_start(b))};
    for (auto s : severities) row.push_back(std::to_string(h.count(b, s)));
    row.push_back(std::to_string(h.total(b)));
    rows.push_back(std::move(row));
    most = std::max(most, h.total(b));
  }
  std::vector<std::size_t> widths;
  std::size_t used = 0;
  for (std::size_t c = 0; c < header.size(); ++c) {
    std::size_t w = display_width(header[c]);
    for (const auto& row : rows) w = std::max(w, display_width(row[c]));
    widths.push_back(w);
    used += w + 2;
  }
  // Room for the bar, less one cell per severity that may be rounded up to show.
  std::size_t bar_width = kPlainBarWidth;
  if (style.width > 0)
    bar_width = std::clamp<std::size_t>(
        style.width > used + severities.size() ? style.width - used - severities.size() : 0, 10,
        kMaxBarWidth);
  auto print = [&](const std::vector<std::string>& cells, const std::string& tail) {
    std::string line;
    for (std::size_t c = 0; c < cells.size(); ++c)
      line += (c == 0 ? cells[c] + std::string(widths[c] - display_width(cells[c]), ' ')
                      : pad_left(cells[c], widths[c])) +
              "  ";
    line += tail;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print(header, "");
  for (std::size_t b = 0; b < h.buckets(); ++b) print(rows[b], bar(h, b, most, bar_width, style));
}

std::string histogram_to_json(const LogHistogram& h) {
  return host::to_json_text([&h](host::JsonWriter& w) {
    w.StartObject();
    host::write_string_member(w, "service", h.service());
    host::write_string_member(w, "from", host::format_time(h.from_ns()));
    host::write_string_member(w, "to", host::format_time(h.to_ns()));
    host::write_string_member(w, "bucket", host::format_duration(h.bucket_ns()));
    host::write_int_member(w, "bucket_ns", h.bucket_ns());
    host::write_int_member(w, "records", h.records());
    host::write_bool_member(w, "complete", h.complete());
    host::write_key(w, "complete_from");
    if (h.complete())
      w.Null();
    else
      host::write_string(w, host::format_time(h.oldest_ns()));
    const auto severities = h.present();
    host::write_key(w, "severities");
    w.StartArray();
    for (auto s : severities) host::write_string(w, severity_class_name(s));
    w.EndArray();
    host::write_key(w, "buckets");
    w.StartArray();
    for (std::size_t b = 0; b < h.buckets(); ++b) {
      w.StartObject();
      host::write_string_member(w, "time", host::format_time(h.bucket_start(b)));
      host::write_int_member(w, "total", h.total(b));
      host::write_key(w, "counts");
      w.StartObject();
      for (auto s : severities) host::write_int_member(w, severity_class_name(s), h.count(b, s));
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
}

}  // namespace tinkr::cli
