// Draws a span tree with timeline bars.
#include "output/span_tree.hpp"

#include "common/time_text.hpp"
#include "output/safe_text.hpp"
#include "output/table_output.hpp"

#include <tinkr/critical_path.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace tinkr::cli {
namespace {

constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kReset = "\033[0m";
// In front of every span on the critical path, on any output: it survives copy-paste, a pipe and
// NO_COLOR, where bold does not.
constexpr std::string_view kCriticalMarker = "▶ ";
constexpr std::string_view kNoMarker = "  ";

struct Line {
  bool critical = false;
  std::string label;
  std::string duration;
  std::string status;
  std::string bar;
};

class TreeBuilder {
 public:
  TreeBuilder(const std::vector<Span>& spans, int bar_width) : spans_(spans), bar_width_(bar_width) {
    for (const auto& section : analysis::critical_path(spans)) critical_.insert(section.span_index);
    std::set<std::string> ids;
    for (const auto& span : spans) ids.insert(span.span_id);
    start_ = spans.empty() ? 0 : spans.front().start_ns;
    int64_t end = start_;
    for (std::size_t i = 0; i < spans.size(); ++i) {
      const auto& span = spans[i];
      start_ = std::min(start_, span.start_ns);
      end = std::max(end, span.start_ns + span.duration_ns);
      const bool is_root = span.parent_span_id.empty() || !ids.contains(span.parent_span_id) ||
                           span.parent_span_id == span.span_id;
      (is_root ? roots_ : children_[span.parent_span_id]).push_back(i);
    }
    total_ = std::max<int64_t>(end - start_, 1);
  }

  std::vector<Line> build() {
    sort(roots_);
    for (std::size_t i : roots_) visit(i, "", "");
    // Spans caught in a parent cycle are reachable from no root; draw them as roots too.
    for (std::size_t i = 0; i < spans_.size(); ++i)
      if (!drawn_.contains(i)) visit(i, "", "");
    return std::move(lines_);
  }

  int64_t duration() const { return total_; }

 private:
  void sort(std::vector<std::size_t>& indexes) const {
    std::sort(indexes.begin(), indexes.end(), [this](std::size_t a, std::size_t b) {
      return std::tie(spans_[a].start_ns, spans_[a].span_id) <
             std::tie(spans_[b].start_ns, spans_[b].span_id);
    });
  }

  void visit(std::size_t index, const std::string& prefix, const std::string& child_prefix) {
    if (!drawn_.insert(index).second) return;
    const Span& span = spans_[index];
    std::string label =
        prefix + escape_controls((span.service.empty() ? "" : span.service + ": ") + span.name);
    if (span.orphan) label += " (orphan)";
    std::string status(to_string(span.status));
    for (auto& c : status) c = static_cast<char>(c - 32);
    lines_.push_back(
        {critical_.contains(index), label, host::format_duration(span.duration_ns), status, bar(span)});
    auto found = children_.find(span.span_id);
    if (found == children_.end()) return;
    auto& children = found->second;
    sort(children);
    for (std::size_t k = 0; k < children.size(); ++k) {
      const bool last = k + 1 == children.size();
      visit(children[k], child_prefix + (last ? "└─ " : "├─ "), child_prefix + (last ? "   " : "│  "));
    }
  }

  std::string bar(const Span& span) const {
    const int64_t offset = (span.start_ns - start_) * bar_width_ / total_;
    int64_t length = (span.duration_ns * bar_width_ + total_ / 2) / total_;
    length = std::clamp<int64_t>(length, 1, std::max<int64_t>(bar_width_ - offset, 1));
    std::string text(static_cast<std::size_t>(std::clamp<int64_t>(offset, 0, bar_width_ - 1)), ' ');
    for (int64_t i = 0; i < length; ++i) text += "█";
    return text;
  }

  const std::vector<Span>& spans_;
  int bar_width_;
  int64_t start_ = 0;
  int64_t total_ = 1;
  std::vector<std::size_t> roots_;
  std::map<std::string, std::vector<std::size_t>> children_;
  std::set<std::size_t> drawn_;
  std::set<std::size_t> critical_;  // indexes of the spans on the critical path
  std::vector<Line> lines_;
};

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t shown = display_width(text);
  return text + std::string(width > shown ? width - shown : 0, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t shown = display_width(text);
  return std::string(width > shown ? width - shown : 0, ' ') + text;
}

}  // namespace

void render_span_tree(const std::vector<Span>& spans, std::ostream& out, Style style, int bar_width) {
  if (spans.empty()) {
    out << "trace has no spans\n";
    return;
  }
  TreeBuilder builder(spans, bar_width);
  const auto lines = builder.build();
  const auto errors =
      std::count_if(spans.begin(), spans.end(), [](const Span& s) { return s.status == SpanStatus::error; });
  out << "trace " << escape_controls(spans.front().trace_id) << "  " << spans.size()
      << (spans.size() == 1 ? " span  " : " spans  ") << host::format_duration(builder.duration());
  if (errors > 0) out << "  " << errors << (errors == 1 ? " error" : " errors");
  out << "\n" << kCriticalMarker << "marks the critical path: the spans the trace's end waited on\n\n";

  std::size_t label_width = 4, duration_width = 8;
  for (const auto& line : lines) {
    label_width = std::max(label_width, display_width(line.label));
    duration_width = std::max(duration_width, display_width(line.duration));
  }
  out << kNoMarker << pad_right("SPAN", label_width) << "  " << pad_left("DURATION", duration_width)
      << "  STATUS  TIMELINE\n";
  for (const auto& line : lines) {
    const auto tone = style.colour ? tone_of(line.status) : std::string_view();
    const std::string status = pad_right(line.status, 6);
    // On a colour terminal the path's names and durations are bold too.
    const bool bold = style.colour && line.critical;
    out << (line.critical ? kCriticalMarker : kNoMarker) << (bold ? kBold : "")
        << pad_right(line.label, label_width) << "  " << pad_left(line.duration, duration_width)
        << (bold ? kReset : "") << "  " << (tone.empty() ? status : std::string(tone) + status + "\033[0m")
        << "  " << (tone.empty() ? line.bar : std::string(tone) + line.bar + "\033[0m") << '\n';
  }
}

}  // namespace tinkr::cli
