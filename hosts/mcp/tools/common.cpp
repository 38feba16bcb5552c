// Shared pieces of the tools (see common.hpp).
#include "mcp/tools/common.hpp"

#include "common/time_text.hpp"

#include <charconv>

namespace tinkr::mcp {
namespace {

bool read_number(std::string_view& text, int64_t& out, bool last) {
  const auto end = last ? text.size() : text.find(':');
  if (end == std::string_view::npos || end == 0) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, out);
  if (ec != std::errc() || ptr != text.data() + end || out < 0) return false;
  text.remove_prefix(last ? end : end + 1);
  return true;
}

constexpr int64_t kMaxOffsetFactor = 10;

}  // namespace

std::string time_properties() {
  return R"("from":{"type":"string","description":"start of the window: RFC 3339 (2026-11-25T10:00:00Z) or relative to now (now-1h, now-30m); default: one hour before to"},)"
         R"("to":{"type":"string","description":"end of the window: RFC 3339 or relative (now, now-5m); default: now"})";
}

std::string object_schema(std::string_view properties, std::string_view required) {
  std::string schema = R"({"type":"object","properties":{)" + std::string(properties) + "}";
  if (!required.empty()) schema += R"(,"required":[)" + std::string(required) + "]";
  return schema + R"(,"additionalProperties":false})";
}

std::string page_schema(std::string_view items_key, std::string_view item_schema,
                        std::string_view extra_properties) {
  std::string properties =
      "\"" + std::string(items_key) + R"(":{"type":"array","items":)" + std::string(item_schema) + "},";
  if (!extra_properties.empty()) properties += std::string(extra_properties) + ",";
  properties +=
      R"("returned":{"type":"integer","description":"items in this result"},)"
      R"("matched":{"type":"integer","description":"items that matched before any cut"},)"
      R"("matched_is_lower_bound":{"type":"boolean","description":"true: the backend stopped at the limit, more match"},)"
      R"("offset":{"type":"integer","description":"position of the first item among the matches"},)"
      R"("truncated":{"type":"boolean"},)"
      R"("truncated_by":{"type":"string","enum":["none","limit","size_cap"]},)"
      R"("next_cursor":{"type":"string","description":"pass as cursor to get the items after these"},)"
      R"("hint":{"type":"string"},)"
      R"("warnings":{"type":"array","items":{"type":"string"}})";
  std::string required =
      "\"" + std::string(items_key) + R"(","returned","matched","truncated","truncated_by","warnings")";
  return R"({"type":"object","properties":{)" + properties + R"(},"required":[)" + required + "]}";
}

std::string encode_cursor(std::string_view tool, const Cursor& cursor) {
  return "v1:" + std::string(tool) + ":" + std::to_string(cursor.offset) + ":" +
         std::to_string(cursor.time.from_ns) + ":" + std::to_string(cursor.time.to_ns);
}

Expected<Cursor> decode_cursor(std::string_view tool, std::string_view text) {
  const std::string prefix = "v1:" + std::string(tool) + ":";
  Cursor cursor;
  std::string_view rest = text;
  if (!rest.starts_with(prefix) ||
      !(rest.remove_prefix(prefix.size()), read_number(rest, cursor.offset, false)) ||
      !read_number(rest, cursor.time.from_ns, false) || !read_number(rest, cursor.time.to_ns, true) ||
      cursor.time.from_ns >= cursor.time.to_ns)
    return fail(Error::Code::invalid_query, "argument 'cursor': not a next_cursor of " + std::string(tool) +
                                                " (pass next_cursor exactly as an earlier result gave it)");
  return cursor;
}

Expected<ListQuery> build_list_query(ToolContext& context, QuerySpec spec, std::string_view tool,
                                     std::string_view cursor_text, int64_t limit) {
  ListQuery list;
  if (!cursor_text.empty()) {
    auto cursor = decode_cursor(tool, cursor_text);
    if (!cursor) return Unexpected(cursor.error());
    list.cursor = *cursor;
    spec.from.clear();
    spec.to.clear();
    spec.since.clear();
  }
  // The backend is asked again for every record up to the page's end (no backend pages by offset),
  // so how deep a cursor may go is bounded.
  const int64_t wanted = list.cursor.offset + limit;
  if (list.cursor.offset > kMaxOffsetFactor * context.limits.max_records)
    return fail(Error::Code::invalid_query,
                "the cursor is " + std::to_string(list.cursor.offset) +
                    " records deep, further than paging reaches; narrow the query");
  spec.limit = wanted;
  auto query = context.backend.build(spec);
  if (!query) return Unexpected(query.error());
  list.query = std::move(*query);
  if (!cursor_text.empty())
    list.query.time = list.cursor.time;
  else
    list.cursor.time = list.query.time;
  return list;
}

void write_query_echo(JsonWriter& w, const ir::Query& query, std::string_view text) {
  write_key(w, "query");
  w.StartObject();
  if (!query.service.empty()) write_string_member(w, "service", query.service);
  if (!text.empty()) write_string_member(w, "text", text);
  write_string_member(w, "from", host::format_time(query.time.from_ns));
  write_string_member(w, "to", host::format_time(query.time.to_ns));
  w.EndObject();
}

double to_ms(int64_t ns) {
  return static_cast<double>(ns) / 1e6;
}

std::string trace_properties() {
  return R"J("trace_id":{"type":"string","description":"the trace id (32 hex digits, or the backend's operation id)"},)J" +
         time_properties();
}

Expected<std::vector<Span>> fetch_trace(ToolContext& context, const Arguments& arguments) {
  auto trace_id = arguments.string("trace_id", true);
  auto from = arguments.string("from");
  auto to = arguments.string("to");
  if (!trace_id) return Unexpected(trace_id.error());
  if (!from) return Unexpected(from.error());
  if (!to) return Unexpected(to.error());
  QuerySpec spec;
  spec.signal = ir::Signal::trace_get;
  spec.trace_id = *trace_id;
  spec.from = *from;
  spec.to = *to;
  auto query = context.backend.build(spec);
  if (!query) return Unexpected(query.error());
  auto result = context.backend.collect(*query, context.run);
  if (!result) return Unexpected(result.error());
  std::vector<Span> spans;
  for (auto& record : result->records)
    if (auto* span = std::get_if<Span>(&record)) spans.push_back(std::move(*span));
  if (spans.empty())
    return fail(Error::Code::not_found,
                "no spans of trace " + *trace_id + " between " + host::format_time(query->time.from_ns) +
                    " and " + host::format_time(query->time.to_ns) +
                    "; pass from/to around the trace's time (search_traces shows it)");
  return spans;
}

}  // namespace tinkr::mcp
