// Writes and replays whole results (see result_json.hpp).
#include "common/result_json.hpp"

#include "common/error_json.hpp"
#include "common/json_reply_writer.hpp"
#include "common/record_json.hpp"
#include "common/record_line.hpp"
#include "common/record_reader.hpp"

#include <rapidjson/document.h>

namespace tinkr::host {

void write_stats(JsonWriter& w, const RunStats& stats) {
  w.StartObject();
  write_int_member(w, "received", stats.received);
  write_int_member(w, "delivered", stats.delivered);
  write_bool_member(w, "residual", stats.residual);
  write_bool_member(w, "truncated", stats.truncated);
  write_int_member(w, "requests", stats.requests);
  write_int_member(w, "elapsed_ns", stats.elapsed_ns);
  if (stats.limit > 0) {
    write_int_member(w, "limit", stats.limit);
  }
  // A warning means the records stand but something is missing (docs/server.md).
  write_bool_member(w, "partial", !stats.warnings.empty());
  if (!stats.notices.empty()) {
    w.Key("notices");
    w.StartArray();
    for (const auto& notice : stats.notices) write_string(w, notice);
    w.EndArray();
  }
  // What the query cost, when asked (docs/server.md): the core keeps only a JSON object here.
  if (!stats.statistics_json.empty()) {
    w.Key("cost");
    w.RawValue(stats.statistics_json.data(), stats.statistics_json.size(), rapidjson::kObjectType);
  }
  w.EndObject();
}

namespace {

RunStats read_stats(const rapidjson::Value& object) {
  RunStats stats;
  if (!object.IsObject()) return stats;
  auto number = [&object](const char* key) {
    return object.HasMember(key) && object[key].IsInt64() ? object[key].GetInt64() : 0;
  };
  auto flag = [&object](const char* key) {
    return object.HasMember(key) && object[key].IsBool() && object[key].GetBool();
  };
  stats.received = number("received");
  stats.delivered = number("delivered");
  stats.requests = number("requests");
  stats.elapsed_ns = number("elapsed_ns");
  stats.limit = number("limit");
  if (object.HasMember("notices") && object["notices"].IsArray())
    for (const auto& notice : object["notices"].GetArray())
      if (notice.IsString()) stats.notices.emplace_back(notice.GetString(), notice.GetStringLength());
  stats.residual = flag("residual");
  stats.truncated = flag("truncated");
  if (object.HasMember("cost") && object["cost"].IsObject()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    object["cost"].Accept(writer);
    stats.statistics_json.assign(buffer.GetString(), buffer.GetSize());
  }
  return stats;
}

// One NDJSON line: {"type": type, then what write_members writes}, and its newline.
template <class WriteMembers>
std::string typed_line(std::string_view type, WriteMembers&& write_members) {
  return to_json_text([&](JsonWriter& w) {
           w.StartObject();
           write_string_member(w, "type", type);
           write_members(w);
           w.EndObject();
         }) +
         '\n';
}

Expected<rapidjson::Document> parse(std::string_view text, std::string_view what) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError() || !document.IsObject())
    return fail(Error::Code::upstream_unavailable,
                "server reply: " + std::string(what) + " is not a JSON object", Error::Source::upstream);
  return document;
}

// What the record reader refused, said as the server's fault (as a record line's check says it,
// common/record_line.hpp): the reply came from the server, whichever path read it.
Error bad_reply(const Error& refused) {
  return Error(Error::Code::upstream_unavailable, "server reply: " + refused.message(),
               Error::Source::upstream);
}

// Feeds one record or table object to sink; false when the sink asked to stop.
Expected<bool> replay_object(const rapidjson::Value& object, ResultSink& sink) {
  if (object.HasMember("type") && object["type"].IsString() &&
      std::string_view(object["type"].GetString()) == "table") {
    auto table = table_from_json(object);
    if (!table) return Unexpected(bad_reply(table.error()));
    if (!sink.on_table_begin(table->name, table->columns)) return false;
    for (auto& row : table->rows)
      if (!sink.on_table_row(std::move(row))) return false;
    return true;
  }
  auto record = record_from_json(object);
  if (!record) return Unexpected(bad_reply(record.error()));
  return sink.on_record(std::move(*record));
}

}  // namespace

std::string result_to_json(const QueryResult& result) {
  JsonReplyWriter writer;
  for (const auto& record : result.records) writer.record(record);
  for (const auto& table : result.tables) {
    writer.table_begin(table.name, table.columns);
    for (const auto& row : table.rows) writer.table_row(row);
  }
  return writer.finish(result.stats);
}

std::string stats_line(const RunStats& stats) {
  return typed_line("end", [&](JsonWriter& w) {
    w.Key("stats");
    write_stats(w, stats);
  });
}

std::string table_line(const std::string& name, const std::vector<Column>& columns) {
  return table_head_to_json(name, columns) + '\n';
}

void write_row_line(JsonWriter& w, const std::vector<CellKind>& kinds,
                    const std::vector<std::optional<std::string>>& cells) {
  w.StartObject();
  write_string_member(w, "type", "row");
  w.Key("cells");
  write_row_array(w, kinds, cells);
  w.EndObject();
}

std::string row_line(const std::vector<CellKind>& kinds,
                     const std::vector<std::optional<std::string>>& cells) {
  return to_json_text([&](JsonWriter& w) { write_row_line(w, kinds, cells); }) + '\n';
}

std::string warning_line(std::string_view message) {
  return typed_line("warning", [&](JsonWriter& w) { write_string_member(w, "message", message); });
}

std::string error_line(const Error& error) {
  return typed_line("error", [&](JsonWriter& w) {
    w.Key("error");
    write_error_object(w, error);
  });
}

std::string explanation_to_json(const Explanation& explanation) {
  return to_json_text([&](JsonWriter& w) {
    w.StartObject();
    w.Key("explain");
    w.StartObject();
    write_string_member(w, "native", explanation.native);
    auto raw = [&w](const char* key, const std::string& json) {
      w.Key(key);
      if (json.empty()) {
        w.Null();
      } else {
        w.RawValue(json.data(), json.size(), rapidjson::kObjectType);
      }
    };
    raw("ir", explanation.ir_json);
    raw("pushed_ir", explanation.pushed_ir_json);
    raw("residual", explanation.residual_json);
    w.Key("notes");
    w.StartArray();
    for (const auto& note : explanation.notes) w.String(note.c_str());
    w.EndArray();
    w.EndObject();
    w.EndObject();
  });
}

Expected<Explanation> explanation_from_json(std::string_view body) {
  auto document = parse(body, "explain reply");
  if (!document) return Unexpected(document.error());
  if (!document->HasMember("explain") || !(*document)["explain"].IsObject())
    return fail(Error::Code::upstream_unavailable, "server reply: no 'explain' object",
                Error::Source::upstream);
  const auto& object = (*document)["explain"];
  auto json = [&object](const char* key) -> std::string {
    if (!object.HasMember(key) || object[key].IsNull()) return {};
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    object[key].Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
  };
  Explanation explanation;
  if (object.HasMember("native") && object["native"].IsString())
    explanation.native = object["native"].GetString();
  explanation.ir_json = json("ir");
  explanation.pushed_ir_json = json("pushed_ir");
  explanation.residual_json = json("residual");
  if (object.HasMember("notes") && object["notes"].IsArray())
    for (const auto& note : object["notes"].GetArray())
      if (note.IsString()) explanation.notes.emplace_back(note.GetString());
  return explanation;
}

Expected<RunStats> replay_result(std::string_view body, ResultSink& sink) {
  auto document = parse(body, "query reply");
  if (!document) return Unexpected(document.error());
  RunStats stats = document->HasMember("stats") ? read_stats((*document)["stats"]) : RunStats{};
  if (document->HasMember("warnings") && (*document)["warnings"].IsArray())
    for (const auto& warning : (*document)["warnings"].GetArray())
      if (warning.IsString()) {
        stats.warnings.emplace_back(warning.GetString());
        sink.on_warning(stats.warnings.back());
      }
  for (const char* key : {"tables", "records"}) {
    if (!document->HasMember(key) || !(*document)[key].IsArray()) continue;
    for (const auto& item : (*document)[key].GetArray()) {
      auto more = replay_object(item, sink);
      if (!more) return Unexpected(more.error());
      if (!*more) return stats;
    }
  }
  // A reply sent in pieces whose query failed after the first: what came stands, and the error ends it.
  if (document->HasMember("error") && (*document)["error"].IsObject())
    return Unexpected(error_from_object((*document)["error"], Error::Code::upstream_unavailable,
                                        "the server's reply ends with an error without a message"));
  return stats;
}

Expected<void> NdjsonReplayer::feed(std::string_view line) {
  if (line.empty() || finished_) return {};
  if (const auto type = record_lines_ ? record_line_type(line) : std::string_view(); !type.empty()) {
    if (stopped_) return {};
    if (auto checked = check_record_line(line, type); !checked) return checked;
    stopped_ = !record_lines_->on_record_line(line);
    return {};
  }
  auto document = parse(line, "NDJSON line");
  if (!document) return Unexpected(document.error());
  const auto& object = *document;
  const std::string_view type =
      object.HasMember("type") && object["type"].IsString() ? object["type"].GetString() : "";
  if (type == "end") {
    finished_ = true;
    const auto warnings = std::move(stats_.warnings);
    if (object.HasMember("stats")) stats_ = read_stats(object["stats"]);
    stats_.warnings = warnings;
    return {};
  }
  if (type == "error") {
    finished_ = true;
    return Unexpected(error_from_reply(500, line));
  }
  if (type == "warning") {
    const std::string message =
        object.HasMember("message") && object["message"].IsString() ? object["message"].GetString() : "";
    stats_.warnings.push_back(message);
    sink_.on_warning(message);
    return {};
  }
  if (stopped_) return {};
  if (type == "row") {
    if (!object.HasMember("cells"))
      return fail(Error::Code::upstream_unavailable, "server reply: a row without cells",
                  Error::Source::upstream);
    auto cells = row_from_json(object["cells"]);
    if (!cells) return Unexpected(bad_reply(cells.error()));
    stopped_ = !sink_.on_table_row(std::move(*cells));
    return {};
  }
  auto more = replay_object(object, sink_);
  if (!more) return Unexpected(more.error());
  stopped_ = !*more;
  return {};
}

}  // namespace tinkr::host
