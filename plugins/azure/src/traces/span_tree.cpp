// Span-tree assembly; see span_tree.hpp.
#include "traces/span_tree.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <unordered_map>

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
  std::unordered_map<std::string, std::size_t> by_id;
  for (std::size_t i = 0; i < spans.size(); ++i) by_id.emplace(spans[i].span_id, i);

  // Exceptions: grouped per span, in time order.
  std::sort(exceptions.begin(), exceptions.end(), [](auto* a, auto* b) { return a->time_ns < b->time_ns; });
  std::vector<std::vector<std::pair<const TraceRow*, bool>>> events(spans.size());
  std::vector<AssembledSpan> exception_only;
  for (const TraceRow* e : exceptions) {
    auto it = by_id.find(e->parent_id);
    if (it != by_id.end()) {
      events[it->second].emplace_back(e, false);
      continue;
    }
    std::size_t root = spans.size();
    for (std::size_t i = 0; i < spans.size() && root == spans.size(); ++i)
      if (spans[i].parent_span_id.empty()) root = i;
    if (root == spans.size() && !spans.empty()) root = 0;
    if (root < spans.size()) {
      events[root].emplace_back(e, true);
      continue;
    }
    AssembledSpan s = make_span(trace_id, *e);
    s.kind = "internal";
    s.name = e->exception_type;
    s.status = TINKR_SPAN_STATUS_ERROR;
    s.flags |= TINKR_SPAN_FLAG_ORPHAN;
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartArray();
    write_exception_event(w, *e, true);
    w.EndArray();
    s.events_json.assign(buffer.GetString(), buffer.GetSize());
    exception_only.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (events[i].empty()) continue;
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartArray();
    for (auto [e, orphan] : events[i]) write_exception_event(w, *e, orphan);
    w.EndArray();
    spans[i].events_json.assign(buffer.GetString(), buffer.GetSize());
  }

  // Parents before children: walk from the roots; what is not reached is an orphan subtree.
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
  for (auto& s : exception_only) out.push_back(std::move(s));
  return out;
}

}  // namespace tinkr::azure::traces
