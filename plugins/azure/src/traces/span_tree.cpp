// Span-tree assembly; see span_tree.hpp.
#include "traces/span_tree.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tinkr::azure::traces {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write(Writer& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

// Properties (a JSON object as text) plus the dependency's type and target.
std::string span_attributes(const TraceRow& row) {
  rapidjson::Document doc;
  doc.Parse(row.properties_json.data(), row.properties_json.size());
  if (doc.HasParseError() || !doc.IsObject()) doc.SetObject();
  auto& a = doc.GetAllocator();
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty() || doc.HasMember(key)) return;
    doc.AddMember(rapidjson::StringRef(key), rapidjson::Value(value.c_str(), a), a);
  };
  add("dependency.type", row.dependency_type);
  add("dependency.target", row.target);
  if (doc.ObjectEmpty()) return {};
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  doc.Accept(w);
  return {buffer.GetString(), buffer.GetSize()};
}

void write_exception_event(Writer& w, const TraceRow& e, bool orphan) {
  w.StartObject();
  w.Key("time_unix_nano");
  w.Int64(e.time_ns);
  w.Key("name");
  w.String("exception");
  w.Key("attributes");
  w.StartObject();
  w.Key("exception.type");
  write(w, e.exception_type);
  w.Key("exception.message");
  write(w, e.message);
  if (orphan) {
    w.Key("orphan");
    w.Bool(true);
  }
  w.EndObject();
  w.EndObject();
}

AssembledSpan make_span(const std::string& trace_id, const TraceRow& row) {
  AssembledSpan s;
  s.trace_id = trace_id;
  s.span_id = row.id;
  s.parent_span_id = row.parent_id == trace_id ? std::string() : row.parent_id;
  s.service = row.service;
  s.name = row.name;
  s.kind = row.table == "AppDependencies" ? "client" : "server";
  s.start_ns = row.time_ns;
  s.duration_ns = row.duration_ns;
  s.status_code = row.result_code;
  if (row.success) s.status = *row.success ? TINKR_SPAN_STATUS_OK : TINKR_SPAN_STATUS_ERROR;
  s.attributes_json = span_attributes(row);
  return s;
}

/// An exception row as an event of a span; orphan when the span it names is missing.
struct ExceptionEvent {
  const TraceRow* row;
  bool orphan;
};

std::string events_json(const std::vector<ExceptionEvent>& events) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartArray();
  for (const auto& event : events) write_exception_event(w, *event.row, event.orphan);
  w.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

using SpanIndex = std::unordered_map<std::string, std::size_t>;  // span id -> position in the spans

/// The span that takes the exceptions whose own span is missing: the first root, else the first
/// span; none when the trace has no span.
std::optional<std::size_t> span_for_orphaned_exceptions(const std::vector<AssembledSpan>& spans) {
  for (std::size_t i = 0; i < spans.size(); ++i)
    if (spans[i].parent_span_id.empty()) return i;
  if (!spans.empty()) return 0;
  return std::nullopt;
}

/// An exception in a trace without spans, as an orphan span of its own.
AssembledSpan exception_span(const std::string& trace_id, const TraceRow& exception) {
  AssembledSpan s = make_span(trace_id, exception);
  s.kind = "internal";
  s.name = exception.exception_type;
  s.status = TINKR_SPAN_STATUS_ERROR;
  s.flags |= TINKR_SPAN_FLAG_ORPHAN;
  s.events_json = events_json({{&exception, true}});
  return s;
}

/// Writes each span's exceptions into its events, in time order. Returns the spans made of exceptions
/// when the trace has no span to hold them.
std::vector<AssembledSpan> attach_exceptions(const std::string& trace_id,
                                             std::vector<const TraceRow*> exceptions,
                                             std::vector<AssembledSpan>& spans, const SpanIndex& by_id) {
  std::sort(exceptions.begin(), exceptions.end(), [](auto* a, auto* b) { return a->time_ns < b->time_ns; });
  std::vector<std::vector<ExceptionEvent>> events(spans.size());
  std::vector<AssembledSpan> exception_only;
  const auto fallback = span_for_orphaned_exceptions(spans);
  for (const TraceRow* e : exceptions) {
    if (auto it = by_id.find(e->parent_id); it != by_id.end()) {
      events[it->second].push_back({e, false});
    } else if (fallback) {
      events[*fallback].push_back({e, true});
    } else {
      exception_only.push_back(exception_span(trace_id, *e));
    }
  }
  for (std::size_t i = 0; i < spans.size(); ++i)
    if (!events[i].empty()) spans[i].events_json = events_json(events[i]);
  return exception_only;
}

/// The spans parents before children, siblings by start time: a walk from the roots, then from each
/// orphan (its parent is missing), then from what only a cycle in ParentIds reaches; the first span
/// of each of the last two kinds of walk is flagged orphan.
std::vector<AssembledSpan> parents_first(std::vector<AssembledSpan>& spans, const SpanIndex& by_id) {
  std::unordered_map<std::string, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots, orphans;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const auto& parent = spans[i].parent_span_id;
    if (parent.empty())
      roots.push_back(i);
    else if (by_id.count(parent) && parent != spans[i].span_id)
      children[parent].push_back(i);
    else
      orphans.push_back(i);
  }
  auto by_start = [&](std::size_t a, std::size_t b) { return spans[a].start_ns < spans[b].start_ns; };
  std::sort(roots.begin(), roots.end(), by_start);
  std::sort(orphans.begin(), orphans.end(), by_start);
  for (auto& [_, list] : children) std::sort(list.begin(), list.end(), by_start);

  std::vector<AssembledSpan> out;
  std::vector<bool> emitted(spans.size(), false);
  std::vector<std::size_t> stack;
  auto walk = [&](std::size_t start, bool orphan) {
    stack.assign(1, start);
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      if (emitted[i]) continue;  // a cycle in ParentIds: each span once
      emitted[i] = true;
      if (orphan && i == start) spans[i].flags |= TINKR_SPAN_FLAG_ORPHAN;
      out.push_back(spans[i]);
      auto it = children.find(spans[i].span_id);
      if (it != children.end())
        for (auto c = it->second.rbegin(); c != it->second.rend(); ++c) stack.push_back(*c);
    }
  };
  for (std::size_t r : roots) walk(r, false);
  for (std::size_t o : orphans) walk(o, true);
  // Spans only reachable through a cycle have no root at all: keep them, flagged.
  for (std::size_t i = 0; i < spans.size(); ++i)
    if (!emitted[i]) walk(i, true);
  return out;
}

}  // namespace

sdk::Span AssembledSpan::view() const {
  sdk::Span v;
  v.trace_id = trace_id;
  v.span_id = span_id;
  v.parent_span_id = parent_span_id;
  v.service = service;
  v.name = name;
  v.kind = kind;
  v.start_ns = start_ns;
  v.duration_ns = duration_ns;
  v.status = status;
  v.flags = flags;
  v.status_code = status_code;
  v.attributes_json = attributes_json;
  v.events_json = events_json;
  return v;
}

std::vector<AssembledSpan> assemble_trace(const std::string& trace_id, const std::vector<TraceRow>& rows) {
  std::vector<AssembledSpan> spans;
  std::vector<const TraceRow*> exceptions;
  for (const auto& row : rows) {
    if (row.table == "AppExceptions")
      exceptions.push_back(&row);
    else
      spans.push_back(make_span(trace_id, row));
  }
  SpanIndex by_id;
  for (std::size_t i = 0; i < spans.size(); ++i) by_id.emplace(spans[i].span_id, i);

  std::vector<AssembledSpan> exception_only =
      attach_exceptions(trace_id, std::move(exceptions), spans, by_id);
  std::vector<AssembledSpan> out = parents_first(spans, by_id);
  for (auto& s : exception_only) out.push_back(std::move(s));
  return out;
}

}  // namespace tinkr::azure::traces
