// Tool results and tool errors (see outcome.hpp).
#include "mcp/tools/outcome.hpp"

namespace tinkr::mcp {
namespace {

// What a JSON-RPC reply adds around a tool result: the frame, the content array, the identity of
// the 2026-07-28 era. Generous, so that the cap holds with any id.
constexpr std::size_t kEnvelopeBytes = 640;

std::string_view default_hint(Error::Code code) {
  switch (code) {
    case Error::Code::invalid_query:
      return "fix the argument named in the message; queries use field:value, level>=warn, \"a phrase\", "
             "duration>1s, AND/OR/NOT; call describe_backend for the fields this backend knows";
    case Error::Code::unsupported:
      return "this backend cannot answer that; call describe_backend for its signals and what it pushes down";
    case Error::Code::not_found:
      return "check the name (list_services lists services) or widen from/to";
    case Error::Code::forbidden:
      return "the credentials lack a role this call needs; ask an administrator for it, or use a tool that "
             "needs less";
    case Error::Code::unauthenticated:
      return "the backend refused the credentials; they must be renewed outside this conversation";
    case Error::Code::throttled:
      return "the backend is throttling; wait and call again, or narrow the query";
    case Error::Code::timeout:
      return "narrow the query: a shorter time range (from/to), a service, or a more selective query";
    case Error::Code::upstream_unavailable:
      return "the backend is unreachable or failing; calling again later may help";
    default:
      return "";
  }
}

std::size_t escaped_extra(std::string_view json) {
  std::size_t extra = 0;
  for (char c : json) extra += (c == '"' || c == '\\') ? 1 : 0;
  return extra;
}

std::string build_page(const Page& page, std::size_t count, bool size_cut) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  if (page.extra) page.extra(w);
  write_key(w, page.items_key);
  w.StartArray();
  for (std::size_t i = 0; i < count; ++i) write_raw(w, page.items[i]);
  w.EndArray();
  const bool limit_cut = page.matched_is_lower_bound && count == page.items.size();
  const bool truncated = size_cut || limit_cut;
  write_int_member(w, "returned", static_cast<int64_t>(count));
  write_int_member(w, "matched", page.matched);
  write_bool_member(w, "matched_is_lower_bound", page.matched_is_lower_bound);
  write_int_member(w, "offset", page.offset);
  write_bool_member(w, "truncated", truncated);
  write_string_member(w, "truncated_by", size_cut ? "size_cap" : limit_cut ? "limit" : "none");
  if (truncated) {
    const int64_t next = page.offset + static_cast<int64_t>(count);
    std::string hint;
    if (page.cursor) {
      write_string_member(w, "next_cursor", page.cursor(next));
      hint = "call again with cursor=next_cursor for the records after these";
    }
    if (!page.narrow_hint.empty()) hint += (hint.empty() ? "" : ", or ") + page.narrow_hint;
    if (size_cut) hint = "cut to stay under the result size cap; " + hint;
    write_string_member(w, "hint", hint);
  }
  write_key(w, "warnings");
  w.StartArray();
  for (const auto& warning : page.warnings) write_string(w, warning);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

void write_raw(JsonWriter& w, std::string_view json) {
  const auto type = json.empty()          ? rapidjson::kNullType
                    : json.front() == '{' ? rapidjson::kObjectType
                    : json.front() == '[' ? rapidjson::kArrayType
                                          : rapidjson::kStringType;
  if (json.empty()) {
    w.Null();
    return;
  }
  w.RawValue(json.data(), json.size(), type);
}

std::size_t reply_bytes(std::string_view structured) {
  return kEnvelopeBytes + 2 * structured.size() + escaped_extra(structured);
}

ToolOutcome error_outcome(const Error& error, std::string_view hint) {
  ToolOutcome outcome;
  outcome.is_error = true;
  outcome.error_text = std::string(to_string(error.code())) + ": " + error.message();
  const std::string_view chosen = hint.empty() ? default_hint(error.code()) : hint;
  if (!chosen.empty()) outcome.error_text += "\nhint: " + std::string(chosen);
  if (error.retry_after_ms() > 0)
    outcome.error_text += "\nretry after: " + std::to_string(error.retry_after_ms()) + " ms";
  return outcome;
}

ToolOutcome object_outcome(const MemberWriter& members) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  members(w);
  w.EndObject();
  return ToolOutcome{false, std::string(buffer.GetString(), buffer.GetSize()), {}};
}

ToolOutcome page_outcome(const Page& page, std::size_t max_reply_bytes) {
  // Estimate from the items' sizes, then check the real text and step down until it fits.
  std::size_t budget = max_reply_bytes > kEnvelopeBytes * 2 ? max_reply_bytes : kEnvelopeBytes * 2;
  std::size_t used = reply_bytes(build_page(page, 0, false)) + 512;  // the cursor and hint it may gain
  std::size_t count = 0;
  while (count < page.items.size()) {
    const auto& item = page.items[count];
    const std::size_t cost = 2 * (item.size() + 1) + escaped_extra(item);
    if (used + cost > budget) break;
    used += cost;
    ++count;
  }
  std::string text = build_page(page, count, count < page.items.size());
  while (count > 0 && reply_bytes(text) > budget) {
    count = count * 9 / 10;
    text = build_page(page, count, true);
  }
  return ToolOutcome{false, std::move(text), {}};
}

}  // namespace tinkr::mcp
